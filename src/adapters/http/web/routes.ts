// The admin web page: /login/<token> (a one-time link from the bot or the command line) shows a Sign in
// button whose POST starts a session cookie and goes to /app (a link scanner's GET uses nothing up);
// the page itself is the static files of src/web/ (HTML, CSS and ES modules), calling the /api routes.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  endSession,
  loginLinkMinutes,
  loginLinkUsable,
  sessionDays,
  useLoginLink,
} from '../../../access/web-sessions.ts';
import type { PrismaClient } from '../../../db/client.ts';
import type { Logger } from '../../../logger.ts';
import { clearSessionCookies, csrfHeader, sessionToken, setSessionCookie } from '../api/auth.ts';
import { securityHeaders } from '../security-headers.ts';

const assetDir = new URL('../../../web/', import.meta.url);
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The sign-in pages: `body` is trusted HTML written here, never anything a visitor sent. */
function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><link rel="stylesheet" href="/app/app.css"></head><body><main class="narrow"><h1>${title}</h1>${body}</main></body></html>`;
}

/** How to get a new link, for every page that ends with "this link does not work". */
export const newLinkHelp =
  '<p>Sign-in links work once and for a few minutes. Send <code>/web</code> to the ticket-tracker bot in Telegram or Slack for a new one, or on the server run <code>npx ticket-tracker login-link --user "Your Name"</code>.</p><p>First run, with no admin yet: the server printed an admin sign-in link in its log when it started; or run <code>npx ticket-tracker login-link --admin</code>.</p>';

// The sign-in form carries a random value that must match a SameSite=Strict cookie set with the form:
// another site can make a browser POST the form, but never with that cookie, so it cannot sign a
// visitor in to someone else's account (login CSRF).
const formCookie = 'tt_sign_in';
const tokenShape = /^ttl_[\w-]{20,100}$/;

function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Every file of the page, read once at start: index.html at /app, the others at /app/<path>. */
function pageFiles(): { path: string; body: string; contentType: string }[] {
  const names = readdirSync(assetDir, { recursive: true, encoding: 'utf8' });
  return names.flatMap((name) => {
    const contentType = contentTypes[extname(name)];
    if (!contentType) return [];
    const path = name === 'index.html' ? '/app' : `/app/${name}`;
    return [{ path, body: readFileSync(new URL(name, assetDir), 'utf8'), contentType }];
  });
}

export function webRoutes({
  prisma,
  logger,
  secureCookies,
}: {
  prisma: PrismaClient;
  logger: Logger;
  secureCookies: boolean;
}): Hono {
  const routes = new Hono();
  const isSecure = (url: string, forwardedProto: string | undefined) =>
    secureCookies || forwardedProto === 'https' || new URL(url).protocol === 'https:';
  routes.get('/', (c) => c.redirect('/app'));
  for (const { path, body, contentType } of pageFiles()) {
    routes.get(path, (c) =>
      c.body(body, 200, { 'content-type': contentType, ...securityHeaders, 'cache-control': 'no-cache' }),
    );
  }

  const gone = () => page('This link does not work any more', newLinkHelp);

  routes.get('/login/:token', async (c) => {
    const token = c.req.param('token');
    const headers = { ...securityHeaders, 'cache-control': 'no-store' };
    if (!tokenShape.test(token) || !(await loginLinkUsable(prisma, token))) return c.html(gone(), 410, headers);
    const check = randomBytes(24).toString('base64url');
    setCookie(c, formCookie, check, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isSecure(c.req.url, c.req.header('x-forwarded-proto')),
      path: '/login',
      maxAge: loginLinkMinutes * 60,
    });
    const form = `<form method="post" action="/login/${token}"><input type="hidden" name="check" value="${check}"><button type="submit">Sign in</button></form><p class="muted">The link works once; nothing happens until you press Sign in.</p>`;
    return c.html(page('Sign in to ticket-tracker', form), 200, headers);
  });

  routes.post('/login/:token', async (c) => {
    const headers = { ...securityHeaders, 'cache-control': 'no-store' };
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const sent = typeof form.check === 'string' ? form.check : undefined;
    if (!sameSecret(sent, getCookie(c, formCookie))) {
      return c.html(
        page(
          'Please sign in from the link',
          '<p>This sign-in did not come from the page the link opens. Open the link again and press Sign in.</p>',
        ),
        403,
        headers,
      );
    }
    const started = await useLoginLink(prisma, c.req.param('token'));
    if (!started) return c.html(gone(), 410, headers);
    setSessionCookie(c, started.session, sessionDays * 24 * 3600, secureCookies);
    deleteCookie(c, formCookie, { path: '/login' });
    logger.info({ userId: started.user.id, role: started.user.role }, 'signed in to the web page');
    return c.redirect('/app', 303);
  });

  routes.post('/logout', async (c) => {
    if (c.req.header(csrfHeader.name) !== csrfHeader.value) return c.body(null, 403);
    const token = sessionToken(c);
    if (token) await endSession(prisma, token);
    clearSessionCookies(c);
    return c.body(null, 204);
  });

  return routes;
}
