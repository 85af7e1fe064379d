// Uploads over the size limit are answered 413 before anything is stored. The body is read and
// dropped first (up to a bound), because most clients cannot read an answer while still sending.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../../errors.ts';
import type { ApiEnv } from './dependencies.ts';

const drainAtMostBytes = 256 * 1024 * 1024;

export function uploadSizeLimit(maxBytes: number): MiddlewareHandler<ApiEnv> {
  const tooLarge = () =>
    new AppError('too_large', `request body over ${maxBytes} bytes`, {
      userMessage: `The file is larger than ${(maxBytes / 1024 / 1024).toFixed(0)} MB.`,
    });
  // Multipart framing comes on top of the file itself.
  const allowed = maxBytes + 64 * 1024;
  const streamed = bodyLimit({
    maxSize: allowed,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > allowed) {
      const incoming = c.env.incoming;
      if (declared > drainAtMostBytes) incoming.destroy();
      else for await (const _ of incoming); // read and dropped
      throw tooLarge();
    }
    return streamed(c, next); // no length given: counted as it arrives
  };
}
