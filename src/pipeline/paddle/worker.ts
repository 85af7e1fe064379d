// One PaddleOCR worker thread: loads the models once, then reads the pages it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { loadPaddle } from './engine.ts';

export type WorkerRequest = { id: number; page: Uint8Array } | { retire: true };
export type WorkerReply = { id: number; result?: unknown; error?: string } | { ready: true } | { failed: string };

const port = parentPort;
if (!port) throw new Error('paddle/worker.ts runs as a worker thread');

try {
  const engine = await loadPaddle(1);
  let busy = false;
  let retiring = false;
  // Terminating a thread while onnxruntime runs aborts the whole process: a worker the pool gave up
  // on finishes its page and then leaves by itself.
  const leave = async () => {
    await engine.close().catch(() => {});
    port.close();
  };
  port.on('message', async (request: WorkerRequest) => {
    if ('retire' in request) {
      retiring = true;
      if (!busy) await leave();
      return;
    }
    const { id, page } = request;
    busy = true;
    try {
      const result = await engine.read(Buffer.from(page.buffer, page.byteOffset, page.byteLength));
      port.postMessage({ id, result } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ id, error: (error as Error).message } satisfies WorkerReply);
    } finally {
      busy = false;
      if (retiring) await leave();
    }
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
} catch (error) {
  port.postMessage({ failed: (error as Error).message } satisfies WorkerReply);
}
