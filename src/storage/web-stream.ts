// A Node stream as a web ReadableStream that a Response can send: pulled one chunk at a time, and
// cancelled cleanly when the client hangs up (the source is destroyed, nothing is written after).
import type { Readable } from 'node:stream';

/**
 * Why not `new Response(nodeStream)`: undici closes the web stream it wraps around an async iterable
 * from a queued microtask, which throws ERR_INVALID_STATE when the client left in the meantime, and
 * that exception takes the whole process down.
 */
export function webStreamOf(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (cancelled) return;
          if (done) controller.close();
          else controller.enqueue(typeof value === 'string' ? Buffer.from(value) : new Uint8Array(value));
        } catch (error) {
          if (!cancelled) controller.error(error);
        }
      },
      cancel() {
        cancelled = true;
        source.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
