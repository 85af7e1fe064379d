// Bytes of one receipt in, a checked structured receipt out: decode, OCR, extract, check.
// No database and no storage here, so `scan --no-store` and the job share it.
import type { Config } from '../config.ts';
import { checkReceipt } from './extract/checks.ts';
import type { ExtractionContext, ExtractionResult, Extractor } from './extract/schema.ts';
import { combineReadings, mergeSecondLook, needsSecondLook } from './extract/second-look.ts';
import { prepareImage } from './intake.ts';
import type { OcrPool } from './ocr-pool.ts';
import type { OcrResult } from './ocr-types.ts';
import { preprocessForOcr, type Region } from './preprocess.ts';

export interface ReadReceipt {
  mime: string;
  ocr: OcrResult;
  extraction: ExtractionResult;
  /** Warnings from the extractor and from the checks: the receipt needs a human look when any. */
  warnings: string[];
  /** Milliseconds spent in OCR (both readings) and in extraction. */
  timings: { ocrMs: number; extractionMs: number };
  /** How OCR boxes sit on the page image: page = region.left/top + box / scale. */
  layout: { page: { width: number; height: number }; region: Region; scale: number };
}

export interface ReceiptReader {
  read(bytes: Buffer): Promise<ReadReceipt>;
}

export interface ReaderDependencies {
  ocr: OcrPool;
  /** A different OCR engine, asked when the first reading misses a date, total or merchant (offline engine only). */
  secondOcr?: OcrPool;
  /** Compare what both engines read (OCR_ENGINE=both): agreement raises confidence, disagreement asks a person. */
  crossCheck?: boolean;
  extractor: Extractor;
  limits: Config['limits'];
  context: () => ExtractionContext;
  sendImage?: boolean;
}

export function createReceiptReader({
  ocr,
  secondOcr,
  crossCheck = false,
  extractor,
  limits,
  context,
  sendImage = false,
}: ReaderDependencies): ReceiptReader {
  return {
    async read(bytes) {
      const image = await prepareImage(bytes, limits);
      const page = await preprocessForOcr(image.page.bytes);
      const timings = { ocrMs: 0, extractionMs: 0 };
      const timed = async <T>(kind: keyof typeof timings, work: Promise<T>): Promise<T> => {
        const started = performance.now();
        try {
          return await work;
        } finally {
          timings[kind] += performance.now() - started;
        }
      };
      const ocrResult = await timed('ocrMs', ocr.recognize(page.bytes));
      const extractionContext = context();
      const extraction = await timed(
        'extractionMs',
        extractor.extract(
          { ocr: ocrResult, image: sendImage ? { bytes: image.page.bytes, mime: image.page.mime } : undefined },
          extractionContext,
        ),
      );
      let checked = checkReceipt(extraction.receipt, extractionContext);
      if (secondOcr && extractor.name === 'offline' && needsSecondLook(checked)) {
        const secondReading = await timed('ocrMs', secondOcr.recognize(page.bytes));
        const again = await timed('extractionMs', extractor.extract({ ocr: secondReading }, extractionContext));
        const second = checkReceipt(again.receipt, extractionContext);
        if (crossCheck) {
          const combined = combineReadings(checked, second);
          const rechecked = checkReceipt(combined.receipt, extractionContext);
          checked = { receipt: rechecked.receipt, warnings: [...rechecked.warnings, ...combined.warnings] };
        } else {
          checked = checkReceipt(mergeSecondLook(checked, second), extractionContext);
        }
      }
      return {
        mime: image.mime,
        ocr: ocrResult,
        extraction: { ...extraction, receipt: checked.receipt },
        warnings: [...new Set([...extraction.warnings, ...checked.warnings])],
        timings,
        layout: { page: page.input, region: page.region, scale: page.scale },
      };
    },
  };
}
