// Who is calling: `Authorization: Bearer <token>` (API clients), or the web page's session cookie.
// Cookie-signed changes must also carry `X-Requested-With: ticket-tracker`, a header another site's
// page cannot add without a CORS preflight we never grant: cross-site requests change nothing.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { userForApiToken } from '../../../access/api-tokens.ts';
import { userForSession } from '../../../access/web-sessions.ts';
import type { PrismaClient } from '../../../db/client.ts';
import { AppError } from '../../../errors.ts';
import type { ApiEnv } from './dependencies.ts';

export const sessionCookie = 'tt_session';
export const csrfHeader = { name: 'x-requested-with', value: 'ticket-tracker' };

export function requireUser(prisma: PrismaClient): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const cookie = bearer ? undefined : getCookie(c, sessionCookie);
    const user = bearer
      ? await userForApiToken(prisma, bearer[1]!)
      : cookie
        ? await userForSession(prisma, cookie)
        : null;
    if (!user) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthorized', 'missing or unknown API token or session', {
        userMessage: 'Send a valid API token as "Authorization: Bearer <token>", or sign in again.',
      });
    }
    const changes = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    if (cookie && changes && c.req.header(csrfHeader.name) !== csrfHeader.value) {
      throw new AppError('forbidden', 'cookie-signed change without the X-Requested-With header', {
        userMessage: 'This request must come from the ticket-tracker page.',
      });
    }
    c.set('user', user);
    await next();
  };
}
