// Roles and leadership: two `serve --role bots` processes poll Telegram as exactly one, the other
// takes over when the first is killed; `--role api` serves the API and never polls.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { type RunningCli, startCli } from '../helpers/process.ts';
import { textMessage } from '../helpers/telegram-updates.ts';

let telegram: FakeTelegram;
let database: TestDatabase;
let dir: string;
const running: RunningCli[] = [];
const ada = { id: 4242, first_name: 'Ada', is_bot: false };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'tt-roles-'));
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((cli) => cli.stop('SIGKILL')));
  await telegram?.close();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

function serve(role: string): RunningCli {
  const cli = startCli(['serve', '--role', role], {
    DATABASE_URL: database.url,
    DATA_DIR: dir,
    HOST: '127.0.0.1',
    PORT: '0',
    OCR_POOL_SIZE: '1',
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });
  running.push(cli);
  return cli;
}

const ready = (line: Record<string, unknown>) => line.msg === 'ticket-tracker ready';
// Logged once the elected instance has started polling.
const leads = (line: Record<string, unknown>) => line.msg === 'telegram bot up';
const pollStarts = () => telegram.calls.filter((call) => call.method === 'deleteWebhook').length;

async function askHelp(): Promise<number> {
  telegram.pushUpdate({ message: textMessage(ada, '/help') });
  await telegram.waitForCall((call) => call.method === 'sendMessage' && call.params.chat_id === ada.id, 30_000);
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // time for a second answer, if any
  return telegram.calls.filter((call) => call.method === 'sendMessage').length;
}

it('polls from exactly one bots instance, and hands over when it dies', async () => {
  const first = serve('bots');
  await first.waitForLog(leads, 60_000);
  const second = serve('bots');
  await second.waitForLog(ready, 60_000);
  expect(pollStarts()).toBe(1);
  expect(await askHelp()).toBe(1);

  await first.stop('SIGKILL');
  await second.waitForLog(leads, 30_000);
  expect(pollStarts()).toBe(2);
  expect(await askHelp()).toBe(2);
  expect(second.logs.some(ready)).toBe(true);
}, 180_000);

it('serves the API without polling in the api role, and health alone in the worker role', async () => {
  const before = pollStarts();
  const api = serve('api');
  const { url } = (await api.waitForLog(ready, 60_000)) as { url: string };
  expect((await fetch(`${url}/openapi.json`)).status).toBe(200);
  expect((await fetch(`${url}/api/receipts`)).status).toBe(401);
  const worker = serve('worker');
  const workerUp = (await worker.waitForLog((line) => line.msg === 'ticket-tracker worker ready', 60_000)) as {
    url: string;
  };
  expect((await fetch(`${workerUp.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${workerUp.url}/metrics`)).status).toBe(200);
  expect((await fetch(`${workerUp.url}/api/receipts`)).status).toBe(404);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(pollStarts()).toBe(before);
  expect(await api.stop('SIGTERM')).toBe(0);
  expect(await worker.stop('SIGTERM')).toBe(0);
}, 120_000);
