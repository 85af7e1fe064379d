// Which Postgres to use: DATABASE_URL when set, else an embedded one under DATA_DIR.
import type { Config } from '../config.ts';
import { type Logger, safeUrl } from '../logger.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { applyMigrations } from './migrations.ts';

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function openDatabase(config: Pick<Config, 'database'>, logger: Logger): Promise<Database> {
  if (config.database.kind === 'external') {
    return { url: config.database.url, embedded: false, stop: async () => {} };
  }
  const started = Date.now();
  const server = await startEmbeddedPostgres({ dir: config.database.dir, port: config.database.port, logger });
  logger.info(
    { dir: config.database.dir, port: config.database.port, ms: Date.now() - started },
    'embedded postgres up',
  );
  return { url: server.url, embedded: true, stop: server.stop };
}

/** Applies pending migrations and logs what it did. */
export async function migrate(url: string, logger: Logger): Promise<string[]> {
  const applied = await applyMigrations(url);
  if (applied.length > 0) logger.info({ applied, database: safeUrl(url) }, 'migrations applied');
  else logger.debug('database schema up to date');
  return applied;
}
