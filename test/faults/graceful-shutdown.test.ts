// SIGTERM on a worker in the middle of a job: the job finishes within the grace period and the
// process exits 0; a second SIGTERM exits at once, and the unfinished job goes back to the queue.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobQueue } from '../../src/jobs/queue.ts';
import { createLogger } from '../../src/logger.ts';
import { createReceipts } from '../../src/receipts/receipts.ts';
import { createLocalStorage } from '../../src/storage/local.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { receiptImage } from '../helpers/images.ts';
import { llmAnswer } from '../helpers/llm-answer.ts';
import { startCli } from '../helpers/process.ts';

let database: TestDatabase;
let fake: FakeOpenAi;
let dir: string;
const logger = createLogger({ level: 'silent' });

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeOpenAi();
  dir = await mkdtemp(join(tmpdir(), 'tt-shutdown-'));
  await chmod(dir, 0o755);
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function submitOne(merchant: string): Promise<string> {
  const queue = await startJobQueue({ url: database.url, logger, timeoutSeconds: 120 });
  const receipts = createReceipts({
    prisma: database.prisma,
    storage: createLocalStorage(join(dir, 'receipts')),
    queue,
    limits: { maxUploadBytes: 1024 * 1024, maxImagePixels: 4_000_000 },
    logger,
  });
  const bytes = await receiptImage([merchant, 'Date: 03/10/2026', 'TOTAL       6.50']);
  const outcome = await receipts.submit({ bytes, sender: { platform: 'cli', platformUserId: 'kim' } });
  await queue.stop(1_000);
  return outcome.receipt.id;
}

function worker(grace: number) {
  return startCli(['worker'], {
    DATABASE_URL: database.url,
    DATA_DIR: dir,
    STORAGE_URL: join(dir, 'receipts'),
    HOST: '127.0.0.1',
    PORT: '0',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fake.url,
    OPENAI_TIMEOUT_MS: '120000',
    OCR_POOL_SIZE: '1',
    WORKER_CONCURRENCY: '1',
    DEFAULT_CURRENCY: 'EUR',
    SHUTDOWN_GRACE_SECONDS: String(grace),
  });
}

async function untilAsked(count: number) {
  const deadline = Date.now() + 60_000;
  while (fake.requests.length < count) {
    if (Date.now() > deadline) throw new Error('the worker never asked the model');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('finishes the running job after SIGTERM, then exits 0', async () => {
  const id = await submitOne('CORNER CAFE');
  const read = { merchant: 'CORNER CAFE', date: '2026-10-03', currency: 'EUR', total: '6.50' };
  fake.respond(() => ({ content: llmAnswer(read, { merchant: 0.9, date: 0.9, total: 0.9 }), delayMs: 3_000 }));
  const running = worker(20);
  await untilAsked(1);
  const started = Date.now();
  expect(await running.stop('SIGTERM')).toBe(0);
  expect(Date.now() - started).toBeLessThan(20_000);
  const receipt = await database.prisma.receipt.findUniqueOrThrow({ where: { id } });
  expect(receipt.status).toBe('confirmed');
  expect(receipt.merchant).toBe('CORNER CAFE');
}, 90_000);

it('exits at once on a second SIGTERM, leaving the job to be read again', async () => {
  const id = await submitOne('BAKERY');
  fake.respond(() => 'hang');
  const running = worker(60);
  const asked = fake.requests.length;
  await untilAsked(asked + 1);
  running.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const started = Date.now();
  expect(await running.stop('SIGTERM')).toBe(1);
  expect(Date.now() - started).toBeLessThan(5_000);
  const receipt = await database.prisma.receipt.findUniqueOrThrow({ where: { id } });
  expect(['queued', 'processing']).toContain(receipt.status); // not lost: its job runs again
}, 90_000);
