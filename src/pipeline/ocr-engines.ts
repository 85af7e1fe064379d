// Which OCR engines read a receipt (OCR_ENGINE): both (PaddleOCR first, tesseract.js as the second
// look at doubtful fields), or one alone. tesseract alone keeps its own second look: its legacy and
// neural engines combined, which err differently from its first reading.
import type { Config, OcrLanguage } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createOcrPool } from './ocr.ts';
import type { OcrPool } from './ocr-pool.ts';
import { createPaddlePool } from './paddle/pool.ts';

export type OcrEngineChoice = Config['ocrEngine'];

/** What read a page: the engine names the OCR caches and the reports use. */
export type OcrReader = 'paddle' | 'lstm' | 'combined';

export interface OcrPools {
  ocr: OcrPool;
  secondOcr?: OcrPool;
  /** Which engine each pool is. */
  readers: { first: OcrReader; second?: OcrReader };
  close(): Promise<void>;
}

export interface OcrPoolsOptions {
  engine: OcrEngineChoice;
  size: number;
  timeoutMs: number;
  languages: readonly OcrLanguage[];
  logger?: Logger;
  /** Wraps each pool (the eval script's cache); identity by default. */
  wrap?: (pool: OcrPool, reader: OcrReader) => OcrPool;
}

export function createOcrPools({
  engine,
  size,
  timeoutMs,
  languages,
  logger,
  wrap = (pool) => pool,
}: OcrPoolsOptions): OcrPools {
  // Pools start their workers on first use: a second look that is never needed costs nothing.
  const pool = (reader: OcrReader) =>
    wrap(
      reader === 'paddle'
        ? createPaddlePool({ size, timeoutMs, logger })
        : createOcrPool({ size, timeoutMs, logger, languages, engine: reader }),
      reader,
    );
  const readers: OcrPools['readers'] =
    engine === 'both'
      ? { first: 'paddle', second: 'lstm' }
      : engine === 'paddle'
        ? { first: 'paddle' }
        : { first: 'lstm', second: 'combined' };
  const ocr = pool(readers.first);
  const secondOcr = readers.second ? pool(readers.second) : undefined;
  return {
    ocr,
    secondOcr,
    readers,
    async close() {
      await Promise.all([ocr.close(), secondOcr?.close()]);
    },
  };
}
