// People, roles and tokens through the real entry points: the CLI as real processes (`import`,
// `token`, `users`, `login-link`) against the database of a running service, and the admin API over HTTP.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { createLoginLink } from '../../src/access/web-sessions.ts';
import { apiCaller, type Body, createPerson } from '../helpers/api.ts';
import { runCli } from '../helpers/process.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

let service: TestService;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  service = await startTestService({ PUBLIC_URL: 'http://tickets.test' });
  dir = await mkdtemp(join(tmpdir(), 'tt-people-'));
  env = { DATABASE_URL: service.database.url, DATA_DIR: dir, PUBLIC_URL: 'http://tickets.test' };
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await rm(dir, { recursive: true, force: true });
});

const call = apiCaller(() => service.url);

/** Signs in with a link as a browser does (page, then the button's POST); returns the session cookie. */
async function browserSession(path: string): Promise<string> {
  const form = await fetch(`${service.url}${path}`);
  const check = /name="check" value="([^"]+)"/.exec(await form.text())![1]!;
  const done = await fetch(`${service.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: form.headers.get('set-cookie')!.split(';')[0]!,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ check }),
  });
  expect(done.status).toBe(303);
  return done.headers.get('set-cookie')!.split(';')[0]!;
}

const prisma = () => service.database.prisma;

describe('people from the command line', () => {
  let alice: string;
  let adminToken: string;

  it('finds the imported person by name instead of making a second one; refuses an ambiguous name', async () => {
    const csv = join(dir, 'old.csv');
    await writeFile(
      csv,
      'employee,merchant,date,currency,total,category,tax\nAlice Martin,Cafe Bleu,2026-10-03,EUR,12.50,meals,\n',
    );
    const imported = await runCli(['import', csv], env);
    expect(imported.code, imported.stderr).toBe(0);

    // First run: nobody is an admin yet, so --admin makes the first one (the documented exception).
    const admin = await runCli(['token', 'create', '--user', 'Finance', '--admin'], env);
    expect(admin.code, admin.stderr).toBe(0);
    adminToken = admin.stdout.trim();

    const made = await runCli(
      ['token', 'create', '--user', 'alice martin', '--expires', '30d', '--name', 'laptop'],
      env,
    );
    expect(made.code, made.stderr).toBe(0);
    const mine = await call(made.stdout.trim(), '/api/receipts');
    expect(mine.body.receipts.map((r: Body) => r.merchant)).toEqual(['Cafe Bleu']);
    expect(await prisma().user.count({ where: { displayName: 'Alice Martin' } })).toBe(1);
    alice = (await prisma().user.findFirstOrThrow({ where: { displayName: 'Alice Martin' } })).id;

    const twin = await prisma().user.create({
      data: { platform: 'telegram', platformUserId: '5150', displayName: 'Alice Martin' },
    });
    const ambiguous = await runCli(['token', 'create', '--user', 'Alice Martin'], env);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stdout).toBe('');
    expect(ambiguous.stderr).toContain(alice);
    expect(ambiguous.stderr).toContain(twin.id);
    expect(ambiguous.stderr).toContain('give the id');
    expect(await prisma().apiToken.count({ where: { userId: twin.id } })).toBe(0);

    const listed = await runCli(['users', 'list'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^ID\s+NAME\s+PLATFORM\s+ROLE/);
    expect(listed.stdout).toMatch(
      new RegExp(`${alice}\\s+Alice Martin\\s+cli:import:alice martin\\s+employee\\s+1\\s+1`),
    );
    expect(listed.stdout).toMatch(new RegExp(`${twin.id}\\s+Alice Martin\\s+telegram:5150\\s+employee`));
    expect(listed.stdout).toMatch(/Finance\s+http:Finance\s+admin/);
  }, 180_000);

  it('lists and revokes tokens, honours expiry, and promotes only through users set-role', async () => {
    const tokens = await runCli(['token', 'list', '--user', alice, '--json'], env);
    expect(tokens.code, tokens.stderr).toBe(0);
    const [laptop] = tokens.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(laptop).toMatchObject({ userName: 'Alice Martin', name: 'laptop', state: 'usable' });
    const days = (Date.parse(laptop.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect(JSON.stringify(laptop)).not.toMatch(/tt_/); // never the secret

    // --admin no longer promotes silently once an admin exists.
    const refused = await runCli(['login-link', '--user', alice, '--admin'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`users set-role ${alice} admin`);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: alice } })).role).toBe('employee');

    const badLife = await runCli(['token', 'create', '--user', alice, '--expires', 'soon'], env);
    expect(badLife.code).toBe(1);
    expect(badLife.stderr).toContain('30d');

    const promoted = await runCli(['users', 'set-role', alice, 'admin'], env);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain('is now an admin');
    expect((await prisma().user.findUniqueOrThrow({ where: { id: alice } })).role).toBe('admin');

    const revoked = await runCli(['token', 'revoke', laptop.id], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await prisma().apiToken.findUniqueOrThrow({ where: { id: laptop.id } })).revokedAt).not.toBeNull();
    expect((await runCli(['token', 'revoke', '00000000-0000-4000-8000-000000000000'], env)).code).toBe(1);

    const expired = await createApiToken(prisma(), alice, 'old', new Date(Date.now() - 1000));
    expect((await call(expired, '/api/me')).status).toBe(401);
    expect((await call(adminToken, '/api/me')).status).toBe(200);
  }, 180_000);

  it('signs a person out of every browser', async () => {
    const first = await browserSession(`/login/${await createLoginLink(prisma(), alice)}`);
    const second = await browserSession(`/login/${await createLoginLink(prisma(), alice)}`);
    const out = await runCli(['users', 'sign-out', 'alice martin', '--tokens'], env);
    // "alice martin" is two people now: refused, nobody signed out.
    expect(out.code).toBe(1);
    const byId = await runCli(['users', 'sign-out', alice], env);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.stdout).toContain('2 web session(s)');
    for (const cookie of [first, second]) {
      expect((await fetch(`${service.url}/api/me`, { headers: { cookie } })).status).toBe(401);
    }
  }, 120_000);
});

describe('people through the admin API', () => {
  it('lists people, changes roles (never the last admin away), signs out, and manages tokens', async () => {
    const { user: boss, token: bossToken } = await createPerson(prisma(), 'Boss', { role: 'admin' });
    const { user: eve, token: eveToken } = await createPerson(prisma(), 'Eve', {
      platform: 'slack',
      platformUserId: 'U1',
    });

    const people = await call(bossToken, '/api/users');
    expect(people.status).toBe(200);
    expect(people.body.users).toContainEqual(
      expect.objectContaining({ id: eve.id, name: 'Eve', platform: 'slack', role: 'employee' }),
    );
    expect((await call(eveToken, '/api/users')).status).toBe(403);
    expect((await call(eveToken, `/api/users/${eve.id}`, 'PATCH', { role: 'admin' })).status).toBe(403);

    const made = await call(bossToken, `/api/users/${eve.id}`, 'PATCH', { role: 'admin' });
    expect(made.status).toBe(200);
    expect(made.body.user.role).toBe('admin');
    expect((await call(bossToken, `/api/users/${eve.id}`, 'PATCH', { role: 'employee' })).status).toBe(200);
    expect((await call(bossToken, `/api/users/${eve.id}`, 'PATCH', { role: 'owner' })).status).toBe(400);

    // Only the admins from this file's first part and Boss are admins; demote them all but Boss.
    const others = await prisma().user.findMany({ where: { role: 'admin', NOT: { id: boss.id } } });
    for (const other of others) {
      expect((await call(bossToken, `/api/users/${other.id}`, 'PATCH', { role: 'employee' })).status).toBe(200);
    }
    const last = await call(bossToken, `/api/users/${boss.id}`, 'PATCH', { role: 'employee' });
    expect(last.status).toBe(409);
    expect(last.body.error.message).toContain('only admin');

    // Tokens: an expiring one made for Eve, listed for her (never the secret), revoked by id.
    const created = await call(bossToken, '/api/tokens', 'POST', { user: eve.id, name: 'ci', expires: '12h' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^tt_/);
    expect((await call(created.body.token, '/api/me')).body.user.name).toBe('Eve');
    const evesList = await call(eveToken, '/api/tokens');
    expect(evesList.body.tokens.map((t: Body) => t.name).sort()).toEqual(['ci', null]);
    expect(JSON.stringify(evesList.body)).not.toContain(created.body.token);
    const bossTokenId = (await prisma().apiToken.findFirstOrThrow({ where: { userId: boss.id } })).id;
    expect((await call(eveToken, `/api/tokens/${bossTokenId}`, 'DELETE')).status).toBe(404);
    expect((await call(eveToken, '/api/tokens', 'POST', { user: boss.id })).status).toBe(403);
    const revoked = await call(bossToken, `/api/tokens/${created.body.id}`, 'DELETE');
    expect(revoked.status).toBe(200);
    expect(revoked.body.token.state).toBe('revoked');
    expect((await call(created.body.token, '/api/me')).status).toBe(401);

    // Sign-out everywhere: an admin for anyone, an employee only for themselves.
    const session = await browserSession(`/login/${await createLoginLink(prisma(), eve.id)}`);
    expect((await call(eveToken, `/api/users/${boss.id}/sign-out`, 'POST', {})).status).toBe(403);
    const out = await call(bossToken, `/api/users/${eve.id}/sign-out`, 'POST', { tokens: true });
    expect(out.body).toEqual({ sessions: 1, tokens: 1 });
    expect((await fetch(`${service.url}/api/me`, { headers: { cookie: session } })).status).toBe(401);
    expect((await call(eveToken, '/api/me')).status).toBe(401);
  }, 60_000);
});
