// First run as a newcomer meets it: `serve` with no bot and no admin logs a one-time admin sign-in
// link; opening it shows a Sign in button that makes the first admin; later starts print nothing, and
// `login-link --admin` prints a link for that admin.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { runCli, startCli } from '../helpers/process.ts';

let database: TestDatabase;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'tt-first-run-'));
  env = { DATABASE_URL: database.url, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', WORKERS_IN_PROCESS: 'false' };
}, 60_000);

afterAll(async () => {
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

const ready = (line: Record<string, unknown>) => line.msg === 'ticket-tracker ready';

/** Opens a sign-in link as a browser does: the page, then its Sign in button. */
async function signIn(link: string): Promise<{ status: number; cookie?: string }> {
  const form = await fetch(link);
  if (form.status !== 200) return { status: form.status };
  const check = /name="check" value="([^"]+)"/.exec(await form.text())![1]!;
  const done = await fetch(link, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: form.headers.get('set-cookie')!.split(';')[0]!,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ check }),
  });
  return { status: done.status, cookie: done.headers.get('set-cookie')?.split(';')[0] };
}

describe('first run', () => {
  it('logs a one-time admin link while no admin exists, and never again after', async () => {
    // A question from the command line answers about everyone but makes nobody an admin.
    const asked = await runCli(['ask', 'how much did we spend this month'], env);
    expect(asked.code, asked.stderr).toBe(0);
    expect(await database.prisma.user.count({ where: { role: 'admin' } })).toBe(0);

    const first = startCli(['serve'], env);
    try {
      const { url } = (await first.waitForLog(ready, 60_000)) as { url: string };
      const line = await first.waitForLog((l) => typeof l.signInLink === 'string');
      expect(line.msg).toContain('No admin yet');
      const link = String(line.signInLink);
      expect(link.startsWith(`${url}/login/ttl_`)).toBe(true);
      expect(String(line.msg)).toContain(link);

      // The page a signed-out visitor sees explains how to get in without a bot.
      const page = await (await fetch(`${url}/login/ttl_unknown-link-abcdefghijklmnop`)).text();
      expect(page).toContain('npx ticket-tracker login-link --admin');

      const signedIn = await signIn(link);
      expect(signedIn.status).toBe(303);
      const me = (await (await fetch(`${url}/api/me`, { headers: { cookie: signedIn.cookie! } })).json()) as {
        user: unknown;
      };
      expect(me.user).toMatchObject({ name: 'Admin', role: 'admin' });
      expect((await signIn(link)).status).toBe(410);
    } finally {
      expect(await first.stop('SIGTERM')).toBe(0);
    }

    const second = startCli(['serve'], env);
    try {
      await second.waitForLog(ready, 60_000);
      expect(second.logs.some((l) => 'signInLink' in l)).toBe(false);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }

    const again = await runCli(['login-link', '--admin'], { ...env, PUBLIC_URL: 'http://tickets.test' });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^http:\/\/tickets\.test\/login\/ttl_[\w-]+\n$/);
    const owner = await database.prisma.loginLink.findFirstOrThrow({
      orderBy: { createdAt: 'desc' },
      include: { user: true },
    });
    expect(owner.user).toMatchObject({ displayName: 'Admin', role: 'admin' });
    expect(await database.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
  }, 240_000);
});
