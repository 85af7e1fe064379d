// Signing in to the web page with a link from the bot's /web, and what the session cookie may do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginLink } from '../../src/access/web-sessions.ts';
import type { User } from '../../src/generated/prisma/client.ts';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import { runCli } from '../helpers/process.ts';
import { startTestService, type TestService } from '../helpers/service.ts';
import { chatOf, textMessage } from '../helpers/telegram-updates.ts';

let telegram: FakeTelegram;
let service: TestService;
const ada = { id: 4242, first_name: 'Ada', is_bot: false };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  service = await startTestService({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    PUBLIC_URL: 'https://tickets.example.com/',
  });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await telegram?.close();
});

function command(text: string, chat: object = chatOf(ada)) {
  telegram.pushUpdate({ message: textMessage(ada, text, chat) });
}

/** As a browser does it: open the link (a page with a Sign in button), then press the button (a POST). */
async function signIn(path: string) {
  const form = await fetch(`${service.url}${path}`, { redirect: 'manual' });
  if (form.status !== 200) return form;
  const check = /name="check" value="([^"]+)"/.exec(await form.text())![1]!;
  const cookie = form.headers.get('set-cookie')!.split(';')[0]!;
  return fetch(`${service.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ check }),
  });
}

describe('web sign-in', () => {
  it('sends a one-time link on /web in a private chat only, which starts a session cookie once', async () => {
    command('/web', { id: -100, type: 'group', title: 'Team' });
    const refused = await telegram.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === -100);
    expect(refused.params.text).toContain('private chat');

    command('/web');
    const sent = await telegram.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === ada.id);
    const link = /https:\/\/tickets\.example\.com(\/login\/\S+)/.exec(String(sent.params.text));
    expect(link).not.toBeNull();

    // A link scanner (or a chat preview) that opens the link uses nothing up.
    for (let i = 0; i < 3; i++) {
      const scanned = await fetch(`${service.url}${link![1]!}`);
      expect(scanned.status).toBe(200);
      expect(scanned.headers.get('set-cookie')).not.toMatch(/tt_session/);
      expect(await scanned.text()).toContain('<button type="submit">Sign in</button>');
    }
    const first = await signIn(link![1]!);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/app');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-tt_session=tts_[\w-]+;/); // PUBLIC_URL is https
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Secure'); // PUBLIC_URL is https

    expect((await signIn(link![1]!)).status).toBe(410); // used
    const gone = await signIn('/login/ttl_made-up');
    expect(gone.status).toBe(410);
    const help = await gone.text();
    expect(help).toContain('login-link --user');
    expect(help).toContain('login-link --admin');

    const session = cookie.split(';')[0]!;
    const me = await fetch(`${service.url}/api/me`, { headers: { cookie: session } });
    expect(((await me.json()) as { user: { name: string } }).user.name).toBe('Ada');
    const page = await fetch(`${service.url}/app`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('signs in only from its own form: a cross-site POST (no form cookie) is refused and uses nothing up', async () => {
    const user: User = await service.database.prisma.user.findFirstOrThrow({ where: { displayName: 'Ada' } });
    const token = await createLoginLink(service.database.prisma, user.id);
    const forged = await fetch(`${service.url}/login/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'tt_sign_in=guessed' },
      body: new URLSearchParams({ check: 'something-else' }),
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie') ?? '').not.toMatch(/tt_session=tts_/);
    expect((await signIn(`/login/${token}`)).status).toBe(303);
  });

  it('refuses an expired link, and cookie-signed changes without the page header', async () => {
    const user: User = await service.database.prisma.user.findFirstOrThrow({ where: { displayName: 'Ada' } });
    const old = await createLoginLink(service.database.prisma, user.id, new Date(Date.now() - 20 * 60_000));
    expect((await signIn(`/login/${old}`)).status).toBe(410);

    const fresh = await createLoginLink(service.database.prisma, user.id);
    const session = (await signIn(`/login/${fresh}`)).headers.get('set-cookie')!.split(';')[0]!;
    const entry = { merchant: 'Cafe', date: '2026-10-01', currency: 'EUR', total: '3.00' };
    const forged = await fetch(`${service.url}/api/receipts`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json' },
      body: JSON.stringify(entry),
    });
    expect(forged.status).toBe(403);
    const fromPage = await fetch(`${service.url}/api/receipts`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json', 'x-requested-with': 'ticket-tracker' },
      body: JSON.stringify(entry),
    });
    expect(fromPage.status).toBe(201);

    const out = await fetch(`${service.url}/logout`, {
      method: 'POST',
      headers: { cookie: session, 'x-requested-with': 'ticket-tracker' },
    });
    expect(out.status).toBe(204);
    expect((await fetch(`${service.url}/api/me`, { headers: { cookie: session } })).status).toBe(401);
  });

  it('serves the page and every module it imports as scripts, under the same CSP, with no-cache', async () => {
    const html = await (await fetch(`${service.url}/app`)).text();
    const pending = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]!);
    expect(pending).toEqual(['/app/main.js']);
    const served = new Set<string>();
    while (pending.length) {
      const path = pending.pop()!;
      if (served.has(path)) continue;
      served.add(path);
      const response = await fetch(`${service.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe('text/javascript; charset=utf-8');
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      const source = await response.text();
      for (const [, target] of source.matchAll(/^(?:import|export)\b[^;]*?from '(\.{1,2}\/[^']+)'/gms)) {
        pending.push(new URL(target!, `http://page${path}`).pathname);
      }
    }
    expect(served.size).toBeGreaterThan(5);
    const css = await fetch(`${service.url}/app/app.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${service.url}/app/views/missing.js`)).status).toBe(404);
  });

  it('prints API tokens and sign-in links from the command line, for setups without a bot', async () => {
    const env = { DATABASE_URL: service.database.url, DATA_DIR: '/tmp', PUBLIC_URL: 'https://tickets.example.com' };
    const token = await runCli(['token', 'create', '--user', 'Finance bot', '--admin'], env);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout).toMatch(/^tt_[\w-]+\n$/);
    const me = await fetch(`${service.url}/api/me`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    expect(((await me.json()) as { user: { name: string; role: string } }).user).toMatchObject({
      name: 'Finance bot',
      role: 'admin',
    });

    const link = await runCli(['login-link', '--user', 'Finance bot'], env);
    expect(link.code, link.stderr).toBe(0);
    const path = /^https:\/\/tickets\.example\.com(\/login\/ttl_[\w-]+)\n$/.exec(link.stdout)?.[1];
    expect(path).toBeDefined();
    expect((await signIn(path!)).status).toBe(303);
    expect((await runCli(['token', 'create'], env)).code).toBe(1);
  }, 60_000);
});
