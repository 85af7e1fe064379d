// The admin web page: /login/<token> (a one-time link from the bot) starts a session cookie and
// goes to /app; the page itself is the static files of src/web/ (HTML, CSS and ES modules), calling the /api routes.
import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { endSession, sessionDays, useLoginLink } from '../../../access/web-sessions.ts';
import type { PrismaClient } from '../../../db/client.ts';
import type { Logger } from '../../../logger.ts';
import { csrfHeader, sessionCookie } from '../api/auth.ts';
import { securityHeaders } from '../security-headers.ts';

const assetDir = new URL('../../../web/', import.meta.url);
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><link rel="stylesheet" href="/app/app.css"></head><body><main class="narrow"><h1>${title}</h1><p>${text}</p></main></body></html>`;
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
  routes.get('/', (c) => c.redirect('/app'));
  for (const { path, body, contentType } of pageFiles()) {
    routes.get(path, (c) =>
      c.body(body, 200, { 'content-type': contentType, ...securityHeaders, 'cache-control': 'no-cache' }),
    );
  }

  routes.get('/login/:token', async (c) => {
    const started = await useLoginLink(prisma, c.req.param('token'));
    if (!started) {
      return c.html(
        page(
          'This link does not work any more',
          'Sign-in links work once and for a few minutes. Send /web to the bot for a new one.',
        ),
        410,
      );
    }
    const secure =
      secureCookies || c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';
    setCookie(c, sessionCookie, started.session, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/',
      maxAge: sessionDays * 24 * 3600,
    });
    logger.info({ userId: started.user.id }, 'signed in to the web page');
    return c.redirect('/app');
  });

  routes.post('/logout', async (c) => {
    if (c.req.header(csrfHeader.name) !== csrfHeader.value) return c.body(null, 403);
    const token = getCookie(c, sessionCookie);
    if (token) await endSession(prisma, token);
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.body(null, 204);
  });

  return routes;
}
