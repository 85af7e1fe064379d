// `ticket-tracker migrate`: applies pending database migrations and stops the database again.
import type { Config } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import type { Logger } from '../logger.ts';

export async function runMigrate(config: Config, logger: Logger): Promise<void> {
  const database = await openDatabase(config, logger);
  try {
    const applied = await migrate(database.url, logger);
    logger.info({ applied: applied.length }, applied.length ? 'migrations applied' : 'nothing to apply');
  } finally {
    await database.stop();
  }
}
