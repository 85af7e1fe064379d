// A pool of tesseract.js workers, created once and reused (the pool itself is ocr-pool.ts). The
// language models come from the @tesseract.js-data packages (see ocr-languages.ts): nothing is downloaded.
import { createWorker, PSM, type Worker } from 'tesseract.js';
import type { OcrLanguage } from '../config.ts';
import type { Logger } from '../logger.ts';
import { languageFolder, type ModelVariant } from './ocr-languages.ts';
import { createWorkerPool, type OcrPool, type OcrWorker } from './ocr-pool.ts';
import type { OcrLine, OcrResult } from './ocr-types.ts';

export type { OcrPool } from './ocr-pool.ts';

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

export interface OcrPoolOptions {
  size: number;
  timeoutMs: number;
  engine?: OcrEngine;
  /** Models the page is read with, best first (default English alone). */
  languages?: readonly OcrLanguage[];
  logger?: Logger;
}

async function startWorker(engine: OcrEngine, languages: readonly OcrLanguage[]): Promise<OcrWorker> {
  const { oem, models, pageSegmentation } = engines[engine];
  const langPath = languageFolder(languages, models);
  const worker: Worker = await createWorker(languages.join('+'), oem, { langPath, cacheMethod: 'none', gzip: true });
  await worker.setParameters({
    tessedit_pageseg_mode: pageSegmentation,
    preserve_interword_spaces: '1',
    user_defined_dpi: '300',
  });
  return {
    async read(image) {
      const { data } = await worker.recognize(image, {}, { blocks: true, text: true });
      const { width, height } = imageSize(image);
      return toOcrResult(data, width, height);
    },
    discard() {
      worker.terminate().catch(() => {});
    },
    async close() {
      await worker.terminate();
    },
  };
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

export function createOcrPool({
  size,
  timeoutMs,
  engine = 'lstm',
  languages = ['eng'],
  logger,
}: OcrPoolOptions): OcrPool {
  return createWorkerPool({
    size,
    timeoutMs,
    engineName: 'tesseract.js',
    startWorker: () => startWorker(engine, languages),
    logger,
  });
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
