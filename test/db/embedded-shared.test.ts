// One embedded Postgres per DATA_DIR, shared by every process that uses it: CLI commands beside a
// running `serve` use its server and leave it running (/readyz stays 200); a second `serve` takes the
// server over when the first stops; a server whose owner was killed is stopped only when nobody uses it.
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findFreePort } from '../../src/net.ts';
import { type RunningCli, runCli, startCli } from '../helpers/process.ts';

let dir: string;
let env: Record<string, string>;
const running: RunningCli[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tt-shared-pg-'));
  await chmod(dir, 0o755); // as root the server runs as the postgres user, who must reach it
  env = {
    DATA_DIR: dir,
    EMBEDDED_PG_PORT: String(await findFreePort()),
    HOST: '127.0.0.1',
    PORT: '0',
    WORKERS_IN_PROCESS: 'false',
    OCR_POOL_SIZE: '1',
    DEFAULT_CURRENCY: 'EUR',
    LOG_LEVEL: 'info',
  };
});

afterAll(async () => {
  for (const serve of running) await serve.stop('SIGINT');
  await rm(dir, { recursive: true, force: true });
});

async function serve(): Promise<{ process: RunningCli; url: string }> {
  const started = startCli(['serve'], env);
  running.push(started);
  const ready = await started.waitForLog((line) => line.msg === 'ticket-tracker ready', 90_000);
  return { process: started, url: ready.url as string };
}

async function readyz(url: string): Promise<number> {
  return (await fetch(`${url}/readyz`)).status;
}

const postmasterPid = () => join(dir, 'postgres', 'cluster', 'postmaster.pid');

async function serverStopped(): Promise<boolean> {
  for (let waited = 0; waited < 20_000; waited += 200) {
    if (!existsSync(postmasterPid())) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

it('runs CLI commands beside serve on its database, and /readyz stays 200', async () => {
  const first = await serve();
  expect(await readyz(first.url)).toBe(200);

  const token = await runCli(['token', 'create', '--user', 'Ada', '--admin'], env);
  expect(token.code, token.stderr).toBe(0);
  expect(await readyz(first.url)).toBe(200);
  const bearer = token.stdout.trim().split('\n').at(-1)!;
  expect((await fetch(`${first.url}/api/receipts`, { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(
    200,
  );

  expect((await runCli(['login-link', '--user', 'Ada'], env)).code).toBe(0);
  expect(await readyz(first.url)).toBe(200);

  const csv = join(dir, 'receipts.csv');
  await writeFile(
    csv,
    'employee,merchant,date,currency,total,category,tax\nAda,Paper Co,2026-10-02,EUR,12.00,office,\n',
  );
  const imported = await runCli(['import', csv], env);
  expect(imported.code, imported.stderr).toBe(0);
  expect(await readyz(first.url)).toBe(200);

  const asked = await runCli(['ask', 'how much did we spend in October 2026'], env);
  expect(asked.code, asked.stderr).toBe(0);
  expect(asked.stdout).toContain('12.00');
  expect((await runCli(['migrate'], env)).code).toBe(0);
  expect(await readyz(first.url)).toBe(200);
  const listed = await fetch(`${first.url}/api/receipts`, { headers: { authorization: `Bearer ${bearer}` } });
  expect(((await listed.json()) as { receipts: unknown[] }).receipts).toHaveLength(1);

  // A second serve on the same DATA_DIR uses the same server, and keeps it when the first one stops.
  const second = await serve();
  expect(await first.process.stop('SIGINT')).toBe(0);
  expect(await readyz(second.url)).toBe(200);
  expect((await runCli(['token', 'create', '--user', 'Ada'], env)).code).toBe(0);
  expect(await readyz(second.url)).toBe(200);

  // The last one to leave stops it.
  expect(await second.process.stop('SIGINT')).toBe(0);
  expect(await serverStopped()).toBe(true);
}, 300_000);

it('stops a server whose owner was killed only once no live process uses it', async () => {
  const killed = await serve();
  const pid = Number((await readFile(postmasterPid(), 'utf8')).split('\n')[0]);
  await killed.process.stop('SIGKILL');
  expect(existsSync(postmasterPid())).toBe(true); // orphaned: still running

  const token = await runCli(['token', 'create', '--user', 'Ada'], env);
  expect(token.code, token.stderr).toBe(0);
  expect(() => process.kill(pid, 0)).toThrow(); // the orphan was stopped...
  expect(await serverStopped()).toBe(true); // ...and the command's own server too, when it finished
}, 300_000);
