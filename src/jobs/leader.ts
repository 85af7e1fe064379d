// Exactly one instance runs what must not run twice (Telegram long polling, Slack Socket Mode): it
// holds a Postgres advisory lock on a connection of its own. The others try again every few seconds,
// and take over when the holder stops or dies (its connection closes, so Postgres frees the lock).
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../logger.ts';

export interface LeaderOptions {
  url: string;
  /** What the lock is for; instances with the same name compete. */
  name: string;
  logger: Logger;
  /** Starts the work once the lock is held; returns how to stop it. */
  start(): Promise<{ stop(): Promise<void> }>;
  retryMs?: number;
}

export interface Leadership {
  /** True while this instance holds the lock and runs the work. */
  isLeader(): boolean;
  stop(): Promise<void>;
}

/** A stable 64-bit lock key from the name. */
function lockKey(name: string): string {
  return createHash('sha256').update(`ticket-tracker:${name}`).digest().readBigInt64BE(0).toString();
}

export function runAsLeader({ url, name, logger, start, retryMs = 5_000 }: LeaderOptions): Leadership {
  const key = lockKey(name);
  const log = logger.child({ leader: name });
  let stopped = false;
  let client: pg.Client | undefined;
  let running: { stop(): Promise<void> } | undefined;
  let wake: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function release() {
    const work = running;
    running = undefined;
    if (work) await work.stop().catch((error: unknown) => log.error({ err: error }, 'stopping the work failed'));
  }

  async function loop() {
    while (!stopped) {
      try {
        client = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 10_000 });
        const lost = new Promise<void>((resolve) => {
          client!.on('error', (error) => {
            log.warn({ err: error }, 'lost the connection holding the lock');
            resolve();
          });
          client!.once('end', () => resolve());
        });
        await client.connect();
        while (!stopped) {
          const { rows } = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS held', [
            key,
          ]);
          if (rows[0]?.held) break;
          await Promise.race([pause(retryMs), lost]);
        }
        if (stopped) break;
        log.info('this instance leads');
        running = await start();
        await Promise.race([lost, new Promise<void>((resolve) => (wake = resolve))]);
        if (!stopped) log.warn('leadership lost; the work stops until the lock is held again');
        await release();
      } catch (error) {
        if (!stopped) log.warn({ err: error }, 'leader election failed; trying again');
        await release();
      }
      await client?.end().catch(() => {});
      client = undefined;
      if (!stopped) await pause(retryMs);
    }
  }

  const looping = loop();
  return {
    isLeader: () => running !== undefined,
    async stop() {
      stopped = true;
      wake?.();
      await release();
      // Closing the connection frees the lock for the next instance at once.
      await client?.end().catch(() => {});
      await looping;
    },
  };
}
