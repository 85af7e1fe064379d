// The receipt's life on a real Postgres, real local storage, real OCR: received, queued, read, saved.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
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

/** Every file under the storage directory. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(join(dir, 'receipts'), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

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

  it('refuses what is not a receipt image at once, keeping no row and no file', async () => {
    const { receipts } = setup();
    const before = { rows: await database.prisma.receipt.count(), files: await storedFiles() };
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(200)]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>');
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(400)]);
    for (const [bytes, code, message] of [
      [Buffer.from('just some text, not a photo'), 'unsupported_type', /JPEG, PNG/],
      [zip, 'unsupported_type', /JPEG, PNG/],
      [svg, 'unsupported_type', /JPEG, PNG/],
      [randomBytes(1000), 'unsupported_type', /JPEG, PNG/],
      [fakeJpeg, 'unreadable_image', /damaged or incomplete/],
    ] as const) {
      const error = await receipts.submit({ bytes, sender }).catch((e) => e);
      expect(isAppError(error, code), String(bytes.subarray(0, 8))).toBe(true);
      expect(error.userMessage).toMatch(message);
    }
    expect(await database.prisma.receipt.count()).toBe(before.rows);
    expect(await storedFiles()).toEqual(before.files);
  });

  it('refuses an upload over the size limit before storing anything', async () => {
    const { receipts } = setup();
    const before = await database.prisma.receipt.count();
    const error = await receipts.submit({ bytes: Buffer.alloc(2 * 1024 * 1024, 1), sender }).catch((e) => e);
    expect(isAppError(error, 'too_large')).toBe(true);
    expect(error.userMessage).toMatch(/too large/);
    expect(await database.prisma.receipt.count()).toBe(before);
  });

  it('refuses a decompression bomb from its header at once, keeping no row and no file', async () => {
    const { receipts } = setup();
    const before = { rows: await database.prisma.receipt.count(), files: await storedFiles() };
    const bomb = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const error = await receipts.submit({ bytes: bomb, sender }).catch((e) => e);
    expect(isAppError(error, 'too_many_pixels')).toBe(true);
    expect(error.userMessage).toMatch(/5000×5000 pixels/);
    expect(await database.prisma.receipt.count()).toBe(before.rows);
    expect(await storedFiles()).toEqual(before.files);
  });

  it('refuses a photo cut before its header ends at once; one cut later fails when read, with the reason', async () => {
    const { receipts, processReceipt } = setup();
    const photo = await receiptImage(['CAFE', 'TOTAL 2.00']);
    const early = await receipts.submit({ bytes: photo.subarray(0, 200), sender }).catch((e) => e);
    expect(isAppError(early, 'unreadable_image')).toBe(true);
    const outcome = await receipts.submit({ bytes: photo.subarray(0, Math.floor(photo.length / 2)), sender });
    await processReceipt(outcome.receipt.id, { isLast: false });
    const failed = await database.prisma.receipt.findUniqueOrThrow({ where: { id: outcome.receipt.id } });
    expect(failed.status).toBe('failed');
    expect(failed.error).toBeTruthy();
  });
});
