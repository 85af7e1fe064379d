// Uploads over the size limit are answered 413 before anything is stored. The body is read and
// dropped first (up to a bound), because most clients cannot read an answer while still sending.
// The same route's JSON (a manual entry) has the small limit of every JSON body.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { tooLarge } from '../../../pipeline/intake.ts';
import { jsonBodyMaxBytes, requestBodyLimit } from '../body-limit.ts';
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
  const json = requestBodyLimit(jsonBodyMaxBytes);
  return async (c, next) => {
    if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) return json(c, next);
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
