// The receipt's life on a real Postgres, real local storage, real OCR: received, queued, read, saved.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { isAppError } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { createExtractor, extractionContext } from '../../src/pipeline/extract/index.ts';
import { createOcrPool, type OcrPool } from '../../src/pipeline/ocr.ts';
import { createReceiptReader } from '../../src/pipeline/reader.ts';
import { createReceiptProcessor, createReceipts } from '../../src/receipts/receipts.ts';
import { createLocalStorage } from '../../src/storage/local.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { receiptImage } from '../helpers/images.ts';

const logger = createLogger({ level: 'silent' });
const config = loadConfig({ DEFAULT_CURRENCY: 'EUR' });
const sender = { platform: 'telegram' as const, platformUserId: '1001', displayName: 'Ada' };

let database: TestDatabase;
let dir: string;
let ocr: OcrPool;
const sent: string[] = [];

function setup() {
  const storage = createLocalStorage(join(dir, 'receipts'));
  const receipts = createReceipts({
    prisma: database.prisma,
    storage,
    queue: { sendProcessReceipt: async (id) => void sent.push(id) },
    limits: { maxUploadBytes: 1024 * 1024, maxImagePixels: 4_000_000 },
    logger,
  });
  const reader = createReceiptReader({
    ocr,
    extractor: createExtractor(config, logger),
    limits: { maxUploadBytes: 1024 * 1024, maxImagePixels: 4_000_000 },
    context: () => extractionContext(config, new Date('2026-11-20T12:00:00Z')),
  });
  const processReceipt = createReceiptProcessor({ prisma: database.prisma, storage, reader, logger });
  return { storage, receipts, processReceipt };
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'tt-receipts-'));
  ocr = createOcrPool({ size: 1, logger, timeoutMs: 60_000 });
});
afterAll(async () => {
  await ocr.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('receipts', () => {
  it('stores the original, queues it, reads it and saves the fields and items once', async () => {
    const { storage, receipts, processReceipt } = setup();
    const bytes = await receiptImage([
      'BLUE BOTTLE COFFEE',
      '12 Market Street',
      'Date: 03/10/2026',
      'Latte          4.50',
      'Croissant      3.00',
      'TOTAL EUR      7.50',
    ]);
    const outcome = await receipts.submit({ bytes, sender, source: { chatId: '55', messageId: '1' } });
    expect(outcome.kind).toBe('queued');
    expect(sent).toContain(outcome.receipt.id);
    expect(await storage.exists(outcome.receipt.imageKey!)).toBe(true);
    expect(outcome.receipt.status).toBe('queued');

    const first = await processReceipt(outcome.receipt.id, { isLast: false });
    expect(first.kind).toBe('done');
    const saved = await database.prisma.receipt.findUniqueOrThrow({
      where: { id: outcome.receipt.id },
      include: { items: true },
    });
    expect(['confirmed', 'needs_review']).toContain(saved.status);
    expect(saved.total?.toFixed(2)).toBe('7.50');
    expect(saved.purchaseDate?.toISOString().slice(0, 10)).toBe('2026-10-03');
    expect(saved.ocrText).toMatch(/TOTAL/);

    // a job that runs again (its worker died after writing) changes nothing and adds nothing
    await database.prisma.receipt.update({ where: { id: saved.id }, data: { status: 'processing' } });
    await processReceipt(saved.id, { isLast: false });
    const again = await database.prisma.receipt.findUniqueOrThrow({
      where: { id: saved.id },
      include: { items: true },
    });
    expect(again.items.length).toBe(saved.items.length);
    expect(await database.prisma.receipt.count()).toBe(1);
  }, 60_000);

  it('answers a redelivered message with its receipt, and the same photo again as a duplicate', async () => {
    const { receipts } = setup();
    const bytes = await receiptImage(['SHOP', 'TOTAL 1.00']);
    const first = await receipts.submit({ bytes, sender, source: { chatId: '55', messageId: '2' } });
    const redelivered = await receipts.submit({ bytes, sender, source: { chatId: '55', messageId: '2' } });
    expect(redelivered).toMatchObject({ kind: 'redelivered', receipt: { id: first.receipt.id } });
    const duplicate = await receipts.submit({ bytes, sender, source: { chatId: '55', messageId: '3' } });
    expect(duplicate).toMatchObject({ kind: 'duplicate', receipt: { id: first.receipt.id } });
    // another person sending the same picture has a receipt of their own
    const other = await receipts.submit({ bytes, sender: { ...sender, platformUserId: '1002' } });
    expect(other.kind).toBe('queued');
  });

  it('keeps a file that is not an image and fails its receipt with a clear reason', async () => {
    const { storage, receipts } = setup();
    const outcome = await receipts.submit({ bytes: Buffer.from('just some text, not a photo'), sender });
    expect(outcome.kind).toBe('rejected');
    if (outcome.kind !== 'rejected') return;
    expect(outcome.error.userMessage).toMatch(/JPEG, PNG/);
    expect(outcome.receipt.status).toBe('failed');
    expect(await storage.exists(outcome.receipt.imageKey!)).toBe(true);
    expect(sent).not.toContain(outcome.receipt.id);
  });

  it('refuses an upload over the size limit before storing anything', async () => {
    const { receipts } = setup();
    const before = await database.prisma.receipt.count();
    const error = await receipts.submit({ bytes: Buffer.alloc(2 * 1024 * 1024, 1), sender }).catch((e) => e);
    expect(isAppError(error, 'too_large')).toBe(true);
    expect(error.userMessage).toMatch(/too large/);
    expect(await database.prisma.receipt.count()).toBe(before);
  });

  it('fails a decompression bomb without decoding it, keeping the original', async () => {
    const { storage, receipts, processReceipt } = setup();
    const bomb = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const outcome = await receipts.submit({ bytes: bomb, sender });
    expect(outcome.kind).toBe('queued');
    const result = await processReceipt(outcome.receipt.id, { isLast: false });
    expect(result.kind).toBe('done');
    const failed = await database.prisma.receipt.findUniqueOrThrow({ where: { id: outcome.receipt.id } });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/too (big|large)|pixels/i);
    expect(await storage.exists(failed.imageKey!)).toBe(true);
  });

  it('fails a truncated photo with a clear reason', async () => {
    const { receipts, processReceipt } = setup();
    const photo = await receiptImage(['CAFE', 'TOTAL 2.00']);
    const outcome = await receipts.submit({ bytes: photo.subarray(0, 200), sender });
    await processReceipt(outcome.receipt.id, { isLast: false });
    const failed = await database.prisma.receipt.findUniqueOrThrow({ where: { id: outcome.receipt.id } });
    expect(failed.status).toBe('failed');
    expect(failed.error).toBeTruthy();
  });
});
