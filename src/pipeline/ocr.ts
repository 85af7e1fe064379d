// A pool of tesseract.js workers, created once and reused. The language models come from the
// @tesseract.js-data packages (see ocr-languages.ts): nothing is downloaded. A worker that fails or
// hangs is replaced and its page tried once more on a fresh one.
import { createWorker, PSM, type Worker } from 'tesseract.js';
import type { OcrLanguage } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { languageFolder, type ModelVariant } from './ocr-languages.ts';
import type { OcrLine, OcrResult } from './ocr-types.ts';

/**
 * lstm: the neural engine with the accurate integer model, the page read as one column (the default).
 * combined: the legacy and neural engines together with the full model, the page read as one block
 * of text; it errs differently, which makes it a useful second opinion.
 */
export type OcrEngine = 'lstm' | 'combined';

const engines: Record<OcrEngine, { oem: number; models: ModelVariant; pageSegmentation: PSM }> = {
  lstm: { oem: 1, models: '4.0.0_best_int', pageSegmentation: PSM.SINGLE_COLUMN },
  combined: { oem: 2, models: '4.0.0', pageSegmentation: PSM.SINGLE_BLOCK },
};

export interface OcrPool {
  recognize(image: Buffer): Promise<OcrResult>;
  close(): Promise<void>;
  /** Workers started so far (replacements included): for tests and metrics. */
  readonly started: number;
}

export interface OcrPoolOptions {
  size: number;
  timeoutMs: number;
  engine?: OcrEngine;
  /** Models the page is read with, best first (default English alone). */
  languages?: readonly OcrLanguage[];
  logger?: Logger;
}

async function startWorker(engine: OcrEngine, languages: readonly OcrLanguage[]): Promise<Worker> {
  const { oem, models, pageSegmentation } = engines[engine];
  const langPath = languageFolder(languages, models);
  const worker = await createWorker(languages.join('+'), oem, { langPath, cacheMethod: 'none', gzip: true });
  await worker.setParameters({
    tessedit_pageseg_mode: pageSegmentation,
    preserve_interword_spaces: '1',
    user_defined_dpi: '300',
  });
  return worker;
}

type TesseractPage = Awaited<ReturnType<Worker['recognize']>>['data'];

export function toOcrResult(page: TesseractPage, width: number, height: number): OcrResult {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words
          .filter((word) => word.text.trim() !== '')
          .map((word) => ({ text: word.text, confidence: word.confidence, box: word.bbox }));
        if (words.length === 0) continue;
        lines.push({ text: line.text.trim(), confidence: line.confidence, box: line.bbox, words });
      }
    }
  }
  const words = lines.flatMap((line) => line.words);
  const confidence = words.length ? words.reduce((sum, word) => sum + word.confidence, 0) / words.length : 0;
  return { text: page.text, confidence, width, height, lines };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`OCR took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createOcrPool({
  size,
  timeoutMs,
  engine = 'lstm',
  languages = ['eng'],
  logger,
}: OcrPoolOptions): OcrPool {
  const idle: Worker[] = [];
  const waiting: ((worker: Worker) => void)[] = [];
  let live = 0;
  let started = 0;
  let closed = false;

  async function acquire(): Promise<Worker> {
    if (closed) throw new AppError('ocr_failed', 'OCR pool is closed');
    const worker = idle.pop();
    if (worker) return worker;
    if (live < size) {
      live++;
      try {
        const fresh = await startWorker(engine, languages);
        started++;
        return fresh;
      } catch (error) {
        live--;
        throw new AppError('ocr_failed', `could not start an OCR worker: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    return new Promise((resolve) => waiting.push(resolve));
  }

  function release(worker: Worker) {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  }

  /** Drops a broken worker; someone waiting gets a new one in its place. */
  function discard(worker: Worker) {
    live--;
    worker.terminate().catch(() => {});
    const next = waiting.shift();
    if (next) {
      acquire().then(next, () => waiting.unshift(next));
    }
  }

  async function recognizeOnce(image: Buffer): Promise<OcrResult> {
    const worker = await acquire();
    try {
      const { data } = await withTimeout(worker.recognize(image, {}, { blocks: true, text: true }), timeoutMs);
      release(worker);
      const { width, height } = imageSize(image);
      return toOcrResult(data, width, height);
    } catch (error) {
      discard(worker);
      throw error;
    }
  }

  return {
    get started() {
      return started;
    },
    async recognize(image) {
      try {
        return await recognizeOnce(image);
      } catch (error) {
        logger?.warn({ err: error }, 'OCR worker failed; retrying on a fresh one');
        try {
          return await recognizeOnce(image);
        } catch (again) {
          throw new AppError('ocr_failed', `OCR failed twice: ${(again as Error).message}`, { cause: again });
        }
      }
    },
    async close() {
      closed = true;
      const workers = idle.splice(0);
      live -= workers.length;
      await Promise.allSettled(workers.map((worker) => worker.terminate()));
    },
  };
}

/** Width and height from a PNG or JPEG header, without decoding (the pool is fed preprocessed PNGs). */
function imageSize(image: Buffer): { width: number; height: number } {
  if (image.readUInt32BE(0) === 0x89504e47) return { width: image.readUInt32BE(16), height: image.readUInt32BE(20) };
  for (let offset = 2; offset + 9 < image.length; ) {
    const marker = image[offset + 1]!;
    const length = image.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: image.readUInt16BE(offset + 7), height: image.readUInt16BE(offset + 5) };
    }
    offset += 2 + length;
  }
  return { width: 0, height: 0 };
}
