// The digest schedule with two service instances' queues on one database: pg-boss keeps the schedule
// in Postgres and sends one job per occurrence, so the digest is posted once, not once per instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobQueue, startJobQueue } from '../../src/jobs/queue.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const logger = createLogger({ level: 'silent' });
let database: TestDatabase;
const queues: JobQueue[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 0; i < 2; i++) {
    queues.push(await startJobQueue({ url: database.url, logger, timeoutSeconds: 30, scheduleCheckSeconds: 1 }));
  }
});
afterAll(async () => {
  for (const queue of queues) await queue.stop(1_000);
  await database.drop();
});

describe('digest schedule', () => {
  it('fires once per occurrence with two instances scheduling and working it', async () => {
    const posted: number[] = [];
    for (const [index, queue] of queues.entries()) {
      // Both instances start up the same way: each (re)writes the schedule and works the queue.
      await queue.scheduleDigest('* * * * *', 'Europe/Paris');
      await queue.workDigest(async () => {
        posted.push(index);
      });
    }
    await expect.poll(() => posted.length, { timeout: 75_000, interval: 250 }).toBe(1);
    // Every instance looks at the schedule every second: a second job would come within a few.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(posted).toHaveLength(1);
  }, 90_000);
});
