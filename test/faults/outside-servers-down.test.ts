// Faults from outside: the storage server down when a photo comes in, the LLM server down while a
// receipt is read, and files that are too big, bombs, truncated or not images at all. Each gets a
// clear answer, and nothing half-written stays behind.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { findFreePort } from '../../src/net.ts';
import { type FakeS3, startFakeS3 } from '../fakes/s3-server.ts';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import { receiptImage } from '../helpers/images.ts';
import { startTestService, type TestService } from '../helpers/service.ts';
import { photoMessage } from '../helpers/telegram-updates.ts';

const ada = { id: 4242, first_name: 'Ada', is_bot: false };
let telegram: FakeTelegram;
let s3: FakeS3;
let service: TestService;
let token: string;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  s3 = await startFakeS3({ buckets: ['receipts'] });
  service = await startTestService({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    STORAGE_URL: 's3://receipts/faults',
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    // An LLM server that is not there: every receipt falls back to the offline reading.
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: `http://127.0.0.1:${await findFreePort()}/v1`,
    OPENAI_TIMEOUT_MS: '2000',
  });
  const user = await service.database.prisma.user.create({
    data: { platform: 'http', platformUserId: 'faults', displayName: 'Faults' },
  });
  token = await createApiToken(service.database.prisma, user.id);
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await telegram?.close();
  await s3?.stop().catch(() => {});
});

function sendPhoto(bytes: Buffer) {
  const message = photoMessage(ada, telegram.addFile(bytes), bytes.length);
  telegram.pushUpdate({ message });
  return message.message_id;
}

async function answerTo(messageId: number, done: (text: string) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = [...telegram.messagesIn(ada.id)].find(([, message]) => message.replyTo === messageId);
    if (found && done(found[1].text)) return found[1].text;
    if (Date.now() > deadline) throw new Error(`no answer to ${messageId}; have: ${JSON.stringify(found)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function upload(bytes: Buffer, name = 'receipt.jpg') {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${service.url}/api/receipts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

async function finalState(id: string) {
  for (let tries = 0; tries < 240; tries++) {
    const receipt = await service.database.prisma.receipt.findUniqueOrThrow({ where: { id } });
    if (receipt.status !== 'queued' && receipt.status !== 'processing') return receipt;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`receipt ${id} never finished`);
}

describe('faults from outside', () => {
  it('reads offline and asks for a review when the LLM server is down', async () => {
    const asked = sendPhoto(await receiptImage(['CORNER CAFE', 'Date: 03/10/2026', 'TOTAL       6.50']));
    const answer = await answerTo(asked, (text) => text.startsWith('CORNER CAFE'));
    expect(answer).toContain('€6.50');
    const receipt = await service.database.prisma.receipt.findFirstOrThrow({ where: { merchant: 'CORNER CAFE' } });
    expect(receipt.extractor).toBe('offline');
    expect(receipt.status).toBe('needs_review');
  }, 90_000);

  it('refuses files too large, bombs, truncated photos and zips with a clear error each', async () => {
    const large = await upload(Buffer.alloc(40 * 1024 * 1024, 7));
    expect(large.status).toBe(413);
    expect(((await large.json()) as { error: { message: string } }).error.message).toContain('20 MB');

    const zip = await upload(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(500)]), 'receipt.jpg');
    expect(zip.status).toBe(415);

    const bomb = await sharp({ create: { width: 12_000, height: 12_000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    // Refused at intake, from the header alone: answered at once, and nothing is kept.
    const before = await service.database.prisma.receipt.count();
    const refused = await upload(bomb);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/12000×12000 pixels/);
    expect(await service.database.prisma.receipt.count()).toBe(before);

    // A photo whose header is whole but whose pixels stop short fails when it is read, saying why.
    const photo = await receiptImage(['TRUNCATED']);
    const response = await upload(photo.subarray(0, 400));
    expect(response.status).toBe(202);
    const { receipt } = (await response.json()) as { receipt: { id: string } };
    const failed = await finalState(receipt.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/could not read|damaged|incomplete/i);
  }, 90_000);

  it('tells the sender to send again when storage is down, and keeps nothing', async () => {
    const before = await service.database.prisma.receipt.count();
    await s3.stop();
    const asked = sendPhoto(await receiptImage(['BAKERY', 'TOTAL 3.20']));
    const answer = await answerTo(asked, (text) => text.startsWith('Sorry'));
    expect(answer).toContain('Receipt storage is not available right now');
    expect(answer).toContain('send it again');

    const response = await upload(await receiptImage(['BAKERY', 'TOTAL 3.30']));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');
    expect(await service.database.prisma.receipt.count()).toBe(before);
  }, 60_000);
});
