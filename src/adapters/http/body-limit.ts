// Request bodies are small unless a route says otherwise: every body (JSON, forms) is refused with 413
// once it passes the limit, from its Content-Length before a byte is read, or counted as it arrives.
// Routes that take files or hand the raw request to a library declare their own limit.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../errors.ts';

export const jsonBodyMaxBytes = 64 * 1024;

export interface BodyLimitRule {
  method: string;
  path: string;
  /** `null`: the route limits its body itself (uploads). */
  maxBytes: number | null;
  /** The route hands the raw request to a library, which reads it itself: only a declared length is accepted. */
  declaredLengthOnly?: boolean;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.floor(bytes / 1024)} KB`;
}

/** A 413 that says what was too large; the connection closes, so the rest of the body is never read. */
export function bodyTooLarge(c: Context, maxBytes: number, what = 'JSON body'): AppError {
  c.header('connection', 'close');
  return new AppError('too_large', `request body over ${maxBytes} bytes`, {
    userMessage: `The request body is too large: a ${what} may be at most ${sizeText(maxBytes)}.`,
  });
}

/** Checks every request with a body against `maxBytes`, or against its route's own rule. */
export function requestBodyLimit(maxBytes: number, rules: BodyLimitRule[] = []): MiddlewareHandler {
  return async (c, next) => {
    if (!c.req.raw.body) return next();
    const rule = rules.find((candidate) => candidate.method === c.req.method && candidate.path === c.req.path);
    const limit = rule ? rule.maxBytes : maxBytes;
    if (limit === null) return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && !c.req.header('transfer-encoding')) {
      if (Number(declared) > limit) throw bodyTooLarge(c, limit, rule ? 'request body' : 'JSON body');
      return next();
    }
    if (rule?.declaredLengthOnly) {
      throw new AppError('bad_request', 'no Content-Length on a route that needs one', {
        userMessage: 'Send the body with a Content-Length header.',
      });
    }
    return bodyLimit({
      maxSize: limit,
      onError: (context) => {
        throw bodyTooLarge(context, limit, rule ? 'request body' : 'JSON body');
      },
    })(c, next);
  };
}
