// Who is calling: `Authorization: Bearer <token>` (API clients), or the web page's session cookie.
// Cookie-signed changes must also carry `X-Requested-With: ticket-tracker`, a header another site's
// page cannot add without a CORS preflight we never grant: cross-site requests change nothing.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { userForApiToken } from '../../../access/api-tokens.ts';
import { userForSession } from '../../../access/web-sessions.ts';
import type { PrismaClient } from '../../../db/client.ts';
import { AppError } from '../../../errors.ts';
import type { ApiEnv } from './dependencies.ts';

export const sessionCookie = 'tt_session';
/**
 * Over HTTPS the cookie is `__Host-tt_session`: browsers keep it only when Secure, Path=/ and without a
 * Domain, so no other host or path (a sibling subdomain, say) can set or shadow it.
 */
export const hostSessionCookie = `__Host-${sessionCookie}`;
export const csrfHeader = { name: 'x-requested-with', value: 'ticket-tracker' };

/** Whether this request came over HTTPS (here, or at the proxy in front), or PUBLIC_URL says it does. */
export function isSecureRequest(c: Context, secureConfigured = false): boolean {
  return secureConfigured || c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';
}

/** The session token the browser sent: the `__Host-` cookie, or the plain one over plain HTTP only. */
export function sessionToken(c: Context): string | undefined {
  return getCookie(c, hostSessionCookie) ?? (isSecureRequest(c) ? undefined : getCookie(c, sessionCookie));
}

/** Starts the session cookie: `__Host-` prefixed and Secure over HTTPS, plain over HTTP (local use). */
export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number, secureConfigured: boolean): void {
  const secure = isSecureRequest(c, secureConfigured);
  setCookie(c, secure ? hostSessionCookie : sessionCookie, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookies(c: Context): void {
  deleteCookie(c, sessionCookie, { path: '/' });
  if (getCookie(c, hostSessionCookie)) deleteCookie(c, hostSessionCookie, { path: '/', secure: true });
}

export function requireUser(prisma: PrismaClient): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const cookie = bearer ? undefined : sessionToken(c);
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
