import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobQueue, startJobQueue } from '../../src/jobs/queue.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const logger = createLogger({ level: 'silent' });
let database: TestDatabase;
let queue: JobQueue;

beforeAll(async () => {
  database = await createTestDatabase();
  queue = await startJobQueue({ url: database.url, logger, timeoutSeconds: 30, retryDelaySeconds: 1 });
});
afterAll(async () => {
  await queue.stop(1_000);
  await database.drop();
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('job queue', () => {
  it('retries a failing job with backoff and says which attempt is the last', async () => {
    const attempts: { id: string; retryCount: number; isLast: boolean }[] = [];
    const finished = deferred<void>();
    await queue.workProcessReceipts(
      async (receiptId, attempt) => {
        attempts.push({ id: receiptId, retryCount: attempt.retryCount, isLast: attempt.isLast });
        if (attempt.retryCount < 1) throw new Error('transient');
        finished.resolve();
      },
      { concurrency: 2 },
    );
    await queue.sendProcessReceipt('5d2b1f0e-0000-4000-8000-000000000001');
    await finished.promise;
    expect(attempts).toEqual([
      { id: '5d2b1f0e-0000-4000-8000-000000000001', retryCount: 0, isLast: false },
      { id: '5d2b1f0e-0000-4000-8000-000000000001', retryCount: 1, isLast: false },
    ]);
  });
});
