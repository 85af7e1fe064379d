// A pool of PaddleOCR worker threads with the tesseract pool's contract (ocr.ts): each thread loads the
// models once (about 100 MB), reads one page at a time, and a thread that fails or hangs is replaced
// and its page tried once more on a fresh one. onnxruntime runs one thread per worker: two pages on
// two workers use two cores better than one page on two.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { OcrPool } from '../ocr.ts';
import type { OcrResult } from '../ocr-types.ts';
import type { WorkerReply } from './worker.ts';

export interface PaddlePoolOptions {
  size: number;
  timeoutMs: number;
  logger?: Logger;
}

interface PaddleWorker {
  thread: Worker;
  read(page: Buffer, timeoutMs: number): Promise<OcrResult>;
}

function startWorker(): Promise<PaddleWorker> {
  const thread = new Worker(new URL('./worker.ts', import.meta.url));
  const pending = new Map<number, { resolve: (result: OcrResult) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  return new Promise((resolve, reject) => {
    thread.on('message', (message: WorkerReply) => {
      if ('ready' in message) {
        resolve({
          thread,
          read(page, timeoutMs) {
            const id = nextId++;
            return new Promise<OcrResult>((done, fail) => {
              const timer = setTimeout(() => {
                pending.delete(id);
                fail(new Error(`OCR took longer than ${timeoutMs} ms`));
              }, timeoutMs);
              pending.set(id, {
                resolve: (result) => {
                  clearTimeout(timer);
                  done(result);
                },
                reject: (error) => {
                  clearTimeout(timer);
                  fail(error);
                },
              });
              thread.postMessage({ id, page });
            });
          },
        });
      } else if ('failed' in message) {
        reject(new Error(message.failed));
      } else {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.result as OcrResult);
      }
    });
    thread.on('error', (error) => {
      reject(error);
      failAll(error);
    });
    thread.on('exit', (code) => {
      const error = new Error(`OCR worker exited with code ${code}`);
      reject(error);
      failAll(error);
    });
  });
}

export function createPaddlePool({ size, timeoutMs, logger }: PaddlePoolOptions): OcrPool {
  const idle: PaddleWorker[] = [];
  const waiting: ((worker: PaddleWorker) => void)[] = [];
  let live = 0;
  let started = 0;
  let closed = false;

  async function acquire(): Promise<PaddleWorker> {
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
        throw new AppError('ocr_failed', `could not start a PaddleOCR worker: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    return new Promise((resolve) => waiting.push(resolve));
  }

  function release(worker: PaddleWorker) {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  }

  /** A failed or hung worker leaves once its page is done (worker.ts); a new one takes its place. */
  function discard(worker: PaddleWorker) {
    live--;
    worker.thread.postMessage({ retire: true });
    worker.thread.unref();
    const next = waiting.shift();
    if (next) acquire().then(next, () => waiting.unshift(next));
  }

  async function readOnce(page: Buffer): Promise<OcrResult> {
    const worker = await acquire();
    try {
      const result = await worker.read(page, timeoutMs);
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
        logger?.warn({ err: error }, 'PaddleOCR worker failed; retrying on a fresh one');
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
      // Idle workers are not inside onnxruntime, so terminating them is safe.
      await Promise.allSettled(workers.map((worker) => worker.thread.terminate()));
    },
  };
}
