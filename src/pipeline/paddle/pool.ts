// PaddleOCR worker threads for the shared OCR pool (ocr-pool.ts): each thread loads the models once
// (about 100 MB) and reads one page at a time. onnxruntime runs one thread per worker: two pages on two
// workers use two cores better than one page on two.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger.ts';
import { createWorkerPool, type OcrPool, type OcrWorker } from '../ocr-pool.ts';
import type { OcrResult } from '../ocr-types.ts';
import type { WorkerReply } from './worker.ts';

export interface PaddlePoolOptions {
  size: number;
  timeoutMs: number;
  logger?: Logger;
}

function startWorker(): Promise<OcrWorker> {
  const thread = new Worker(new URL('./worker.ts', import.meta.url));
  const pending = new Map<number, { resolve: (result: OcrResult) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const worker: OcrWorker = {
    read(page) {
      const id = nextId++;
      return new Promise<OcrResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread.postMessage({ id, page });
      });
    },
    // Terminating a thread inside onnxruntime aborts the process: a dropped worker finishes its page and
    // then leaves by itself (worker.ts).
    discard() {
      thread.postMessage({ retire: true });
      thread.unref();
    },
    // Idle workers are not inside onnxruntime, so terminating them is safe.
    async close() {
      await thread.terminate();
    },
  };
  return new Promise((resolve, reject) => {
    thread.on('message', (message: WorkerReply) => {
      if ('ready' in message) {
        resolve(worker);
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
  return createWorkerPool({ size, timeoutMs, engineName: 'PaddleOCR', startWorker, logger });
}
