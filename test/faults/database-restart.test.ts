// A database that goes away mid-job and comes back: the worker keeps running, the interrupted job
// runs again, and every receipt ends up read, once.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { createPrisma, type PrismaClient } from '../../src/db/client.ts';
import { type Database, migrate, openDatabase } from '../../src/db/database.ts';
import { startJobQueue } from '../../src/jobs/queue.ts';
import { createLogger } from '../../src/logger.ts';
import { findFreePort } from '../../src/net.ts';
import { createReceipts } from '../../src/receipts/receipts.ts';
import { createLocalStorage } from '../../src/storage/local.ts';
import { receiptImage } from '../helpers/images.ts';
import { type RunningCli, startCli } from '../helpers/process.ts';

const logger = createLogger({ level: 'silent' });
let dir: string;
let settings: Pick<Config, 'database'>;
let database: Database;
let prisma: PrismaClient;
let worker: RunningCli | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tt-restart-'));
  await chmod(dir, 0o755);
  settings = { database: { kind: 'embedded', dir: join(dir, 'postgres'), port: await findFreePort() } };
  database = await openDatabase(settings, logger);
  await migrate(database.url, logger);
  prisma = createPrisma({ url: database.url });
}, 120_000);

afterAll(async () => {
  await worker?.stop('SIGKILL');
  await prisma?.$disconnect();
  await database?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function statuses(): Promise<string[]> {
  try {
    return (await prisma.receipt.findMany({ orderBy: { createdAt: 'asc' } })).map((receipt) => receipt.status);
  } catch {
    return []; // the database is away
  }
}

async function waitFor(what: string, done: (value: string[]) => boolean, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await statuses();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      const tail = (worker?.logs ?? []).slice(-15).map((line) => JSON.stringify(line));
      const exit = worker?.child.exitCode ?? worker?.child.signalCode ?? 'running';
      throw new Error(
        `timed out waiting for ${what}; statuses ${value.join(', ')}; worker ${exit}, its last log lines:\n${tail.join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

it('resumes every job when the database comes back', async () => {
  const storageDir = join(dir, 'receipts');
  const queue = await startJobQueue({ url: database.url, logger, timeoutSeconds: 15 });
  const receipts = createReceipts({
    prisma,
    storage: createLocalStorage(storageDir),
    queue,
    limits: { maxUploadBytes: 1024 * 1024, maxImagePixels: 4_000_000 },
    logger,
  });
  for (const merchant of ['CORNER CAFE', 'BAKERY', 'TAXI CO', 'BOOK SHOP']) {
    const bytes = await receiptImage([merchant, 'Date: 03/10/2026', 'TOTAL       6.50']);
    await receipts.submit({ bytes, sender: { platform: 'telegram', platformUserId: '7', displayName: 'Kim' } });
  }
  await queue.stop(1_000);

  worker = startCli(['worker'], {
    DATABASE_URL: database.url,
    DATA_DIR: dir,
    STORAGE_URL: storageDir,
    HOST: '127.0.0.1',
    PORT: '0',
    OCR_POOL_SIZE: '1',
    WORKER_CONCURRENCY: '1',
    JOB_TIMEOUT_SECONDS: '15',
    JOB_HEARTBEAT_SECONDS: '10',
    DEFAULT_CURRENCY: 'EUR',
  });
  await waitFor('a receipt being read', (value) => value.includes('processing'), 90_000);

  await prisma.$disconnect();
  await database.stop();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  database = await openDatabase(settings, logger);

  const final = await waitFor(
    'every receipt read',
    (value) => value.length === 4 && value.every((status) => status === 'confirmed' || status === 'needs_review'),
    150_000,
  );
  expect(final).toHaveLength(4);
  expect(worker.logs.some((line) => line.msg === 'ticket-tracker worker ready')).toBe(true);
  expect(await prisma.lineItem.count()).toBeLessThanOrEqual(4);
}, 300_000);
