// Webhook mode: the service registers its URL with a secret and takes updates on its own port,
// refusing posts that do not carry the secret.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

const secret = 'webhook-secret_42';
let telegram: FakeTelegram;
let service: TestService;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  service = await startTestService({
    WORKERS_IN_PROCESS: 'false',
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://tickets.example.com/telegram/webhook',
    TELEGRAM_WEBHOOK_SECRET: secret,
  });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await telegram?.close();
});

const help = (updateId: number) =>
  JSON.stringify({
    update_id: updateId,
    message: {
      message_id: 10 + updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 4242, type: 'private', first_name: 'Ada' },
      from: { id: 4242, is_bot: false, first_name: 'Ada' },
      text: '/help',
      entities: [{ type: 'bot_command', offset: 0, length: 5 }],
    },
  });

it('registers the webhook with its secret and never polls', async () => {
  const registered = await telegram.waitForCall((call) => call.method === 'setWebhook');
  expect(registered.params).toMatchObject({
    url: 'https://tickets.example.com/telegram/webhook',
    secret_token: secret,
  });
  expect(telegram.calls.some((call) => call.method === 'deleteWebhook')).toBe(false);
});

it('refuses an update without the secret, and handles one with it', async () => {
  const url = `${service.url}/telegram/webhook`;
  const forged = await fetch(url, { method: 'POST', body: help(1), headers: { 'content-type': 'application/json' } });
  expect(forged.status).toBe(401);
  const wrong = await fetch(url, {
    method: 'POST',
    body: help(2),
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'guess' },
  });
  expect(wrong.status).toBe(401);

  const genuine = await fetch(url, {
    method: 'POST',
    body: help(3),
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
  });
  expect(genuine.status).toBe(200);
  const answers = telegram.calls.filter((call) => call.method === 'sendMessage');
  expect(answers).toHaveLength(1);
  expect(answers[0]!.params.text).toContain('Send me a photo');
});
