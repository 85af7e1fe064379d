// The worker pool both OCR engines share (tesseract.js in ocr.ts, PaddleOCR in paddle/pool.ts): workers
// start on first use, at most `size` of them; a page waits for a free one; a worker that fails or hangs
// is dropped, a new one takes its place, and its page is tried once more on a fresh worker. Each engine
// brings only how to start one worker.
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { OcrResult } from './ocr-types.ts';

export interface OcrPool {
  recognize(image: Buffer): Promise<OcrResult>;
  close(): Promise<void>;
  /** Workers started so far (replacements included): for tests and metrics. */
  readonly started: number;
}

/** One started worker of an engine. */
export interface OcrWorker {
  read(page: Buffer): Promise<OcrResult>;
  /** Drops a worker that failed or hung; it may still be busy with its page. */
  discard(): void;
  /** Ends an idle worker. */
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  size: number;
  timeoutMs: number;
  /** The engine's name in messages ("OCR", "PaddleOCR"). */
  engineName: string;
  startWorker: () => Promise<OcrWorker>;
  logger?: Logger;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`OCR took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createWorkerPool({ size, timeoutMs, engineName, startWorker, logger }: WorkerPoolOptions): OcrPool {
  const idle: OcrWorker[] = [];
  const waiting: ((worker: OcrWorker) => void)[] = [];
  let live = 0;
  let started = 0;
  let closed = false;

  async function acquire(): Promise<OcrWorker> {
    if (closed) throw new AppError('ocr_failed', 'OCR pool is closed');
    const worker = idle.pop();
    if (worker) return worker;
    if (live < size) {
      live++;
      try {
        const fresh = await startWorker();
        started++;
        return fresh;
      } catch (error) {
        live--;
        throw new AppError('ocr_failed', `could not start a ${engineName} worker: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    return new Promise((resolve) => waiting.push(resolve));
  }

  function release(worker: OcrWorker) {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  }

  /** Drops a broken worker; someone waiting gets a new one in its place. */
  function discard(worker: OcrWorker) {
    live--;
    worker.discard();
    const next = waiting.shift();
    if (next) acquire().then(next, () => waiting.unshift(next));
  }

  async function readOnce(page: Buffer): Promise<OcrResult> {
    const worker = await acquire();
    try {
      const result = await withTimeout(worker.read(page), timeoutMs);
      release(worker);
      return result;
    } catch (error) {
      discard(worker);
      throw error;
    }
  }

  return {
    get started() {
      return started;
    },
    async recognize(page) {
      try {
        return await readOnce(page);
      } catch (error) {
        logger?.warn({ err: error }, `${engineName} worker failed; retrying on a fresh one`);
        try {
          return await readOnce(page);
        } catch (again) {
          throw new AppError('ocr_failed', `OCR failed twice: ${(again as Error).message}`, { cause: again });
        }
      }
    },
    async close() {
      closed = true;
      const workers = idle.splice(0);
      live -= workers.length;
      await Promise.allSettled(workers.map((worker) => worker.close()));
    },
  };
}
