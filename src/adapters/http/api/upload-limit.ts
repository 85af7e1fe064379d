// Uploads over the size limit are answered 413 before anything is stored. The body is read and
// dropped first (up to a bound), because most clients cannot read an answer while still sending.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { tooLarge } from '../../../pipeline/intake.ts';
import type { ApiEnv } from './dependencies.ts';

const drainAtMostBytes = 256 * 1024 * 1024;

export function uploadSizeLimit(maxBytes: number): MiddlewareHandler<ApiEnv> {
  // Multipart framing comes on top of the file itself.
  const allowed = maxBytes + 64 * 1024;
  const streamed = bodyLimit({
    maxSize: allowed,
    onError: () => {
      throw tooLarge(allowed + 1, maxBytes); // counted while streaming: at least this much
    },
  });
  return async (c, next) => {
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > allowed) {
      const incoming = c.env.incoming;
      if (declared > drainAtMostBytes) incoming.destroy();
      else for await (const _ of incoming); // read and dropped
      throw tooLarge(declared, maxBytes);
    }
    return streamed(c, next); // no length given: counted as it arrives
  };
}
