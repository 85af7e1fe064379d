// The worker pool both OCR engines share: workers start on demand up to the pool's size and are reused,
// a worker that fails or hangs is dropped and its page read again on a fresh one, two failures in a row
// are an ocr_failed error, and a closed pool ends its idle workers. The workers here are small stand-ins
// for an engine (what each engine supplies is only how to start one); the engines themselves are
// exercised end to end by the scan and reader tests.
import { describe, expect, it } from 'vitest';
import { createWorkerPool, type OcrWorker } from '../../src/pipeline/ocr-pool.ts';
import type { OcrResult } from '../../src/pipeline/ocr-types.ts';

const page = Buffer.from('page');

function reading(text: string): OcrResult {
  return { text, confidence: 90, width: 1, height: 1, lines: [] };
}

/** Workers that behave as told, one behaviour per worker started; the log says what happened to each. */
function engine(behaviours: ('ok' | 'fail' | 'hang')[]) {
  const log: string[] = [];
  let count = 0;
  const startWorker = async (): Promise<OcrWorker> => {
    const n = count++;
    const behaviour = behaviours[n] ?? 'ok';
    return {
      read: async () => {
        if (behaviour === 'fail') throw new Error(`worker ${n} broke`);
        if (behaviour === 'hang') return new Promise<OcrResult>(() => {});
        return reading(`read by ${n}`);
      },
      discard: () => log.push(`discarded ${n}`),
      close: async () => {
        log.push(`closed ${n}`);
      },
    };
  };
  return { startWorker, log };
}

describe('OCR worker pool', () => {
  it('starts workers up to its size and reuses them', async () => {
    const { startWorker } = engine([]);
    const pool = createWorkerPool({ size: 2, timeoutMs: 1000, engineName: 'test', startWorker });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => pool.recognize(page)));
    expect(pool.started).toBe(2);
    expect(new Set(results.map((result) => result.text))).toEqual(new Set(['read by 0', 'read by 1']));
    await pool.close();
  });

  it('replaces a failed worker and reads the page again on a fresh one', async () => {
    const { startWorker, log } = engine(['fail', 'ok']);
    const pool = createWorkerPool({ size: 1, timeoutMs: 1000, engineName: 'test', startWorker });
    expect((await pool.recognize(page)).text).toBe('read by 1');
    expect(pool.started).toBe(2);
    expect(log).toEqual(['discarded 0']);
    await pool.close();
  });

  it('drops a worker that hangs past the timeout', async () => {
    const { startWorker, log } = engine(['hang', 'ok']);
    const pool = createWorkerPool({ size: 1, timeoutMs: 50, engineName: 'test', startWorker });
    expect((await pool.recognize(page)).text).toBe('read by 1');
    expect(log).toEqual(['discarded 0']);
    await pool.close();
  });

  it('gives up with ocr_failed when the fresh worker fails too', async () => {
    const { startWorker } = engine(['fail', 'fail', 'ok']);
    const pool = createWorkerPool({ size: 1, timeoutMs: 1000, engineName: 'test', startWorker });
    await expect(pool.recognize(page)).rejects.toMatchObject({ code: 'ocr_failed', message: /failed twice/ });
    // The pool is still usable: the next page gets a third worker.
    expect((await pool.recognize(page)).text).toBe('read by 2');
    await pool.close();
  });

  it('says which engine could not start', async () => {
    const pool = createWorkerPool({
      size: 1,
      timeoutMs: 1000,
      engineName: 'PaddleOCR',
      startWorker: () => Promise.reject(new Error('no models')),
    });
    await expect(pool.recognize(page)).rejects.toMatchObject({
      code: 'ocr_failed',
      message: /could not start a PaddleOCR worker: no models/,
    });
  });

  it('ends its idle workers on close and refuses pages afterwards', async () => {
    const { startWorker, log } = engine([]);
    const pool = createWorkerPool({ size: 2, timeoutMs: 1000, engineName: 'test', startWorker });
    await Promise.all([pool.recognize(page), pool.recognize(page)]);
    await pool.close();
    expect(log.sort()).toEqual(['closed 0', 'closed 1']);
    await expect(pool.recognize(page)).rejects.toMatchObject({ code: 'ocr_failed' });
  });
});
