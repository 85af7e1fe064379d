// Synthetic European till receipts (scripts/make-european-receipts.ts, kept as fixtures) read end to
// end through the reader with real tesseract OCR and the offline engine: total, date and currency.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createOfflineExtractor } from '../../src/pipeline/extract/offline/index.ts';
import { createOcrPool, type OcrPool } from '../../src/pipeline/ocr.ts';
import { createReceiptReader } from '../../src/pipeline/reader.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'european');
const logger = createLogger({ level: 'silent' });
let ocr: OcrPool;
let secondOcr: OcrPool;

beforeAll(() => {
  ocr = createOcrPool({ size: 1, logger, timeoutMs: 200_000 });
  secondOcr = createOcrPool({ size: 1, logger, timeoutMs: 200_000, engine: 'combined' });
});
afterAll(async () => {
  await Promise.all([ocr.close(), secondOcr.close()]);
});

describe('European receipts through the reader', () => {
  it.each([
    ['de-cafe', 'a German café bill with its currency printed once'],
    ['ch-cafe', 'a Swiss bill in francs'],
  ])('reads %s: %s', { timeout: 240_000 }, async (name) => {
    const truth = JSON.parse(await readFile(join(fixtures, `${name}.json`), 'utf8'));
    const reader = createReceiptReader({
      ocr,
      secondOcr,
      extractor: createOfflineExtractor(),
      limits: { maxUploadBytes: 5 * 1024 * 1024, maxImagePixels: 20_000_000 },
      // No DEFAULT_CURRENCY: the currency must come from the receipt.
      context: () => ({ categories: ['meals', 'other'], dateOrder: 'DMY', today: new Date('2026-11-20T12:00:00Z') }),
    });
    const read = await reader.read(await readFile(join(fixtures, `${name}.jpg`)));
    expect(read.extraction.receipt).toMatchObject({
      total: truth.total,
      date: truth.date,
      currency: truth.currency,
    });
    expect(read.warnings).not.toContainEqual(expect.stringMatching(/currency/));
  });
});
