// Durable jobs in Postgres (pg-boss, in its own schema of the same database). Any number of processes
// on any number of machines may send and work: Postgres hands each job to one worker at a time.
import { PgBoss } from 'pg-boss';
import type { Logger } from '../logger.ts';

export const processReceiptQueue = 'process-receipt';
export const digestQueue = 'weekly-digest';

export interface JobQueueOptions {
  url: string;
  logger: Logger;
  /** A job still running after this long is failed and retried. */
  timeoutSeconds: number;
  /** A worker that stops sending heartbeats (killed, frozen) for this long loses its job to another. */
  heartbeatSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How often expired and abandoned jobs are looked for. */
  superviseIntervalSeconds?: number;
  /** How often schedules are looked at (pg-boss default 30; tests use 1). */
  scheduleCheckSeconds?: number;
}

export interface Attempt {
  /** 0 on the first run. */
  retryCount: number;
  /** No retry follows when this attempt fails. */
  isLast: boolean;
  signal: AbortSignal;
}

export interface JobQueue {
  sendProcessReceipt(receiptId: string): Promise<void>;
  /** Runs `handler` for each receipt job, up to `concurrency` at once in this process. */
  workProcessReceipts(
    handler: (receiptId: string, attempt: Attempt) => Promise<void>,
    options: { concurrency: number },
  ): Promise<void>;
  /**
   * The weekly digest on `cron` in `timeZone`. pg-boss keeps the schedule in the database and sends
   * at most one job per occurrence however many instances run; one worker takes it.
   */
  scheduleDigest(cron: string, timeZone: string): Promise<void>;
  workDigest(handler: () => Promise<void>): Promise<void>;
  /**
   * Runs `handler` once a day (at `cron`, UTC) on one of the processes that call this; the schedule is
   * kept in the database, so any number of processes may call it.
   */
  workDaily(name: string, cron: string, handler: () => Promise<void>): Promise<void>;
  /** Jobs waiting or running. */
  depth(): Promise<number>;
  check(): Promise<void>;
  /** Stops taking jobs, waits for running ones (up to `graceMs`), closes connections. */
  stop(graceMs?: number): Promise<void>;
}

export async function startJobQueue({
  url,
  logger,
  timeoutSeconds,
  heartbeatSeconds = 30,
  retryLimit = 3,
  retryDelaySeconds = 5,
  superviseIntervalSeconds = Math.min(30, heartbeatSeconds),
  scheduleCheckSeconds,
}: JobQueueOptions): Promise<JobQueue> {
  // The queue's backlog is re-read every few seconds, so that busy workers notice it and stop pausing
  // between jobs (burstWhenReadyExceeds below).
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    max: 4,
    superviseIntervalSeconds,
    queueCacheIntervalSeconds: 5,
    ...(scheduleCheckSeconds
      ? { cronMonitorIntervalSeconds: scheduleCheckSeconds, cronWorkerIntervalSeconds: scheduleCheckSeconds }
      : {}),
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  await boss.createQueue(processReceiptQueue, {
    // with each receipt's id as singletonKey: at most one job per receipt waits or runs
    policy: 'exclusive',
    retryLimit,
    retryDelay: retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: timeoutSeconds,
    heartbeatSeconds,
    deleteAfterSeconds: 7 * 24 * 3600,
    notify: true,
  });

  await boss.createQueue(digestQueue, {
    retryLimit: 2,
    retryDelay: 60,
    expireInSeconds: 600,
    deleteAfterSeconds: 30 * 24 * 3600,
  });

  let stopping: Promise<void> | undefined;
  return {
    async scheduleDigest(cron, timeZone) {
      await boss.schedule(digestQueue, cron, null, { tz: timeZone });
    },
    async workDigest(handler) {
      await boss.work(digestQueue, { pollingIntervalSeconds: scheduleCheckSeconds ?? 10 }, async () => {
        await handler();
      });
    },
    async sendProcessReceipt(receiptId) {
      // A second send while the receipt's job waits or runs is dropped.
      await boss.send(processReceiptQueue, { receiptId }, { singletonKey: receiptId });
    },
    async workProcessReceipts(handler, { concurrency }) {
      await boss.work(
        processReceiptQueue,
        {
          localConcurrency: concurrency,
          includeMetadata: true,
          // Each slot waits this long after a job before fetching the next, unless a new job is
          // announced or a backlog is waiting: then it fetches again at once. Found by bench:load,
          // where a 2 s pause per job capped a worker at one receipt a second.
          pollingIntervalSeconds: 0.5,
          notifyPollingIntervalSeconds: 2,
          burstWhenReadyExceeds: 1,
        },
        async ([job]) => {
          if (!job) return;
          const isLast = job.retryCount >= job.retryLimit;
          const handled = handler((job.data as { receiptId: string }).receiptId, {
            retryCount: job.retryCount,
            isLast,
            signal: job.signal,
          });
          // pg-boss holds this worker slot until the handler returns, even after the job timed out; a
          // handler stuck on a dead connection would then stop this process taking any job at all.
          await Promise.race([handled, rejectOnAbort(job.signal)]);
        },
      );
    },
    async workDaily(name, cron, handler) {
      await boss.createQueue(name, {
        policy: 'singleton',
        retryLimit: 2,
        expireInSeconds: timeoutSeconds,
        notify: true,
      });
      await boss.schedule(name, cron, null, { tz: 'UTC' });
      await boss.work(name, { pollingIntervalSeconds: 10 }, async () => {
        await handler();
      });
    },
    async depth() {
      const queue = await boss.getQueue(processReceiptQueue);
      return (queue?.queuedCount ?? 0) + (queue?.activeCount ?? 0);
    },
    async check() {
      await boss.getQueue(processReceiptQueue);
    },
    stop(graceMs = 20_000) {
      // Once: the workers stop it first (running jobs end or go back to the queue), the core again later.
      stopping ??= boss.stop({ graceful: true, timeout: graceMs, close: true });
      return stopping;
    },
  };
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const abort = () => reject(signal.reason ?? new Error('job aborted'));
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
}
