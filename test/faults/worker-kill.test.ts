// A worker killed mid-job (SIGKILL, as soon as it starts reading: mid-OCR) loses nothing: another
// worker takes the job over once the dead one stops sending heartbeats, the receipt is written once,
// and the sender gets one answer.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobQueue } from '../../src/jobs/queue.ts';
import { createLogger } from '../../src/logger.ts';
import { createReceipts } from '../../src/receipts/receipts.ts';
import { createLocalStorage } from '../../src/storage/local.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai-server.ts';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { receiptImage } from '../helpers/images.ts';
import { llmAnswer } from '../helpers/llm-answer.ts';
import { startCli } from '../helpers/process.ts';

const logger = createLogger({ level: 'silent' });
let database: TestDatabase;
let fake: FakeOpenAi;
let telegram: FakeTelegram;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeOpenAi();
  telegram = await startFakeTelegram();
  dir = await mkdtemp(join(tmpdir(), 'tt-kill-'));
  await chmod(dir, 0o755);
});
afterAll(async () => {
  await fake.close();
  await telegram.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('worker', () => {
  it('survives SIGKILL mid-job: the job runs again elsewhere and the receipt is written once', async () => {
    const storageDir = join(dir, 'receipts');
    const queue = await startJobQueue({ url: database.url, logger, timeoutSeconds: 120 });
    const receipts = createReceipts({
      prisma: database.prisma,
      storage: createLocalStorage(storageDir),
      queue,
      limits: { maxUploadBytes: 1024 * 1024, maxImagePixels: 4_000_000 },
      logger,
    });
    const bytes = await receiptImage(['CORNER CAFE', 'Date: 03/10/2026', 'Soup        6.50', 'TOTAL       6.50']);
    // The bot's "Reading your receipt…" answer, which the worker that finishes edits into the receipt.
    const reading = (await (
      await fetch(`${telegram.apiRoot}/bot${telegram.token}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: 7, text: 'Reading your receipt…' }),
      })
    ).json()) as { result: { message_id: number } };
    const statusId = reading.result.message_id;
    const outcome = await receipts.submit({
      bytes,
      sender: { platform: 'telegram', platformUserId: '7', displayName: 'Kim' },
      source: { chatId: '7', messageId: '1', replyMessageId: String(statusId) },
    });
    await queue.stop(1_000);

    const env = {
      DATABASE_URL: database.url,
      DATA_DIR: dir,
      STORAGE_URL: storageDir,
      HOST: '127.0.0.1',
      PORT: '0',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.url,
      OPENAI_TIMEOUT_MS: '120000',
      JOB_HEARTBEAT_SECONDS: '10',
      OCR_POOL_SIZE: '1',
      WORKER_CONCURRENCY: '1',
      DEFAULT_CURRENCY: 'EUR',
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
    };
    // The first worker dies the moment it starts reading (mid-OCR), without any chance to clean up;
    // were it quicker than that, it would hang on the model, still before writing anything.
    fake.respond(() => 'hang');
    const first = startCli(['worker'], env);
    await waitFor(
      'the first worker to start reading',
      async () => {
        const receipt = await database.prisma.receipt.findUniqueOrThrow({ where: { id: outcome.receipt.id } });
        return receipt.status === 'processing' ? true : undefined;
      },
      60_000,
      20,
    );
    await first.stop('SIGKILL');

    const soup = { description: 'Soup', quantity: '1', unitPrice: '6.50', amount: '6.50' };
    const read = {
      merchant: 'CORNER CAFE',
      date: '2026-10-03',
      currency: 'EUR',
      total: '6.50',
      category: 'meals',
      items: [soup],
    };
    fake.respond(() => ({ content: llmAnswer(read, { merchant: 0.9, date: 0.9, total: 0.9 }) }));
    const second = startCli(['worker'], env);
    try {
      const done = await waitFor(
        'the second worker to finish the receipt',
        async () => {
          const receipt = await database.prisma.receipt.findUniqueOrThrow({ where: { id: outcome.receipt.id } });
          return receipt.status === 'confirmed' || receipt.status === 'needs_review' ? receipt : undefined;
        },
        150_000,
      );
      expect(done).toMatchObject({ merchant: 'CORNER CAFE', extractor: 'llm' });
      expect(done.total?.toString()).toBe('6.5');
      expect(await database.prisma.lineItem.count({ where: { receiptId: outcome.receipt.id } })).toBe(1);
      expect(await database.prisma.receipt.count()).toBe(1);
      // One answer: the status message edited into the receipt, by the second worker only.
      const answers = await telegram.waitForCall((call) => call.method === 'editMessageText', 30_000);
      expect([String(answers.params.chat_id), answers.params.message_id]).toEqual(['7', statusId]);
      expect(String(answers.params.text)).toContain('CORNER CAFE');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(telegram.calls.filter((call) => call.method === 'editMessageText')).toHaveLength(1);
      expect(telegram.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(1); // ours, above
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  }, 240_000);
});
