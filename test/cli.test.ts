// The CLI as a user runs it: a real process, a real database, real HTTP.
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/net.ts';
import { createEmptyDatabase } from './helpers/database.ts';
import { runCli, startCli } from './helpers/process.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tt-cli-'));
  // Embedded Postgres runs as the postgres user when the tests run as root: let it in.
  await chmod(dataDir, 0o755);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const readyUrl = (line: Record<string, unknown>) => line.msg === 'ticket-tracker ready';

describe('ticket-tracker CLI', () => {
  it('prints help', async () => {
    const { code, stdout } = await runCli(['--help'], {});
    expect(code).toBe(0);
    expect(stdout).toMatch(/serve/);
    expect(stdout).toMatch(/migrate/);
  });

  it('rejects an unknown command', async () => {
    const { code, stderr } = await runCli(['frobnicate'], {});
    expect(code).toBe(1);
    expect(stderr).toMatch(/Unknown command "frobnicate"/);
  });

  it('stops on a bad setting, naming the variable', async () => {
    const { code, stderr } = await runCli(['migrate'], { PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/PORT/);
    expect(stderr).toMatch(/DATABASE_URL/);
  });

  it('migrates a DATABASE_URL database and serves on it', async () => {
    const database = await createEmptyDatabase();
    try {
      const env = { DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
      const migrated = await runCli(['migrate'], env);
      expect(migrated.code, migrated.stderr).toBe(0);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query('SELECT count(*)::int AS n FROM _prisma_migrations');
      await client.end();
      expect(rows[0].n).toBeGreaterThan(0);

      const service = startCli(['serve'], env);
      const { url } = (await service.waitForLog(readyUrl)) as { url: string };
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', storage: 'ok', queue: 'ok' } });
      expect(await service.stop('SIGTERM')).toBe(0);
      // the logs never carry the database password or URL
      expect(JSON.stringify(service.logs)).not.toContain(database.url);
    } finally {
      await database.drop();
    }
  }, 90_000); // serve loads both OCR engines' models: slow on a busy machine

  it('serves on an embedded Postgres by default, keeps its data and stops it cleanly', async () => {
    const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(await findFreePort()) };
    const pidFile = join(dataDir, 'postgres/cluster/postmaster.pid');
    const first = startCli(['serve'], env);
    const { url } = (await first.waitForLog(readyUrl, 90_000)) as { url: string };
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(first.logs.some((line) => line.msg === 'migrations applied')).toBe(true);
    expect(existsSync(pidFile)).toBe(true);
    expect(await first.stop('SIGINT')).toBe(0);
    expect(existsSync(pidFile)).toBe(false);

    const second = startCli(['serve'], env);
    await second.waitForLog(readyUrl, 60_000);
    expect(second.logs.some((line) => line.msg === 'initialising embedded postgres')).toBe(false);
    expect(second.logs.some((line) => line.msg === 'migrations applied')).toBe(false);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
  }, 180_000);
});
