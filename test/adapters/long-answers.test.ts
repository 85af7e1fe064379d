// Long answers ("top 150 merchants") through the real bots and the fake Telegram and Slack servers,
// which refuse what the platforms refuse: every part under the platform's limit, nothing lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageLimits, splitAnswer } from '../../src/adapters/chat/long-answers.ts';
import { Prisma } from '../../src/db/client.ts';
import { botToken, type FakeSlack, signSlackRequest, startFakeSlack } from '../fakes/slack-server.ts';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import { startTestService, type TestService } from '../helpers/service.ts';
import { textMessage } from '../helpers/telegram-updates.ts';

const signingSecret = 'fake-signing-secret';
const adminChat = -100555;
const telegramAdmin = { id: 8888, first_name: 'Grace', is_bot: false };
const slackAdmin = 'U0ADMIN';
const adminChannel = 'C0FINANCE';
const merchantCount = 180;

let telegram: FakeTelegram;
let slack: FakeSlack;
let service: TestService;

/** "Merchant 001 Long Trading Name Company" ...: long enough that 150 rows pass every platform's limit. */
const merchantName = (i: number) => `Merchant ${String(i).padStart(3, '0')} Long Trading Name Company`;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  slack = await startFakeSlack();
  service = await startTestService({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_ADMIN_CHAT_IDS: String(adminChat),
    ADMIN_TELEGRAM_USER_IDS: String(telegramAdmin.id),
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ADMIN_CHANNEL_IDS: adminChannel,
    ADMIN_SLACK_USER_IDS: slackAdmin,
  });
  const prisma = service.database.prisma;
  const spender = await prisma.user.create({
    data: { platform: 'cli', platformUserId: 'seed', displayName: 'Seed Spender' },
  });
  await prisma.receipt.createMany({
    data: Array.from({ length: merchantCount }, (_, i) => ({
      userId: spender.id,
      sourcePlatform: 'cli' as const,
      status: 'confirmed' as const,
      merchant: merchantName(i),
      category: 'office',
      purchaseDate: new Date('2026-10-05T00:00:00Z'),
      currency: 'EUR',
      total: new Prisma.Decimal(`${1000 + i}.50`),
    })),
  });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await telegram?.close();
  await slack?.close();
});

/** Every row of the top `count` merchants, largest first, as the answer must list them. */
const expectedMerchants = (count: number) =>
  Array.from({ length: merchantCount }, (_, i) => merchantName(merchantCount - 1 - i)).slice(0, count);

function expectAllListed(text: string, count: number) {
  const listed = text.split('\n').filter((line) => line.startsWith('Merchant '));
  expect(listed.map((line) => line.split(/\s{2,}/)[0])).toEqual(expectedMerchants(count));
}

async function until<T>(find: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('splitting long answers', () => {
  it('keeps a short answer whole and splits a long one between lines, under the limit', () => {
    expect(splitAnswer('Total spent: €1.00\nCounted: all.', 4096)).toEqual(['Total spent: €1.00\nCounted: all.']);
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(30)}`);
    const parts = splitAnswer(lines.join('\n'), 1000);
    expect(parts.every((part) => part.length <= 1000)).toBe(true);
    expect(parts.slice(1).every((part) => part.startsWith('(continued)\n'))).toBe(true);
    expect(parts.map((part) => part.replace(/^\(continued\)\n/, '')).join('\n')).toBe(lines.join('\n'));
    const long = splitAnswer('y'.repeat(2500), 1000);
    expect(long.every((part) => part.length <= 1000)).toBe(true);
    expect(long.map((part) => part.replace(/^\(continued\)\n/, '')).join('')).toBe('y'.repeat(2500));
  });
});

describe('long rankings in the chats', () => {
  it('answers "top 150 merchants" on Telegram in messages under 4,096 characters, every row there', async () => {
    const question = textMessage(telegramAdmin, 'top 150 merchants in October 2026', {
      id: adminChat,
      type: 'supergroup',
      title: 'Finance',
    });
    telegram.pushUpdate({ message: question });
    const parts = await until(() => {
      const replies = [...telegram.messagesIn(adminChat)]
        .filter(([, message]) => message.replyTo === question.message_id)
        .map(([, message]) => message.text);
      return replies.some((text) => text.includes('Counted:')) ? replies : undefined;
    });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(messageLimits.telegram);
    const whole = parts.join('\n');
    expect(whole).toMatch(/^Top 150 merchants by total spent: Merchant 179/);
    expectAllListed(whole, 150);
    expect(whole).toContain('and 30 other merchants: €');
  });

  it('answers "top 150 merchants" in a Slack thread in messages Slack shows whole, every row there', async () => {
    const ts = '1790000000.000001';
    const event = {
      type: 'message',
      channel: adminChannel,
      channel_type: 'channel',
      user: slackAdmin,
      ts,
      text: 'top 150 merchants in October 2026',
    };
    const body = JSON.stringify({
      token: 't',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'Ev1',
      event_time: 1,
      event,
    });
    const response = await fetch(`${service.url}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...signSlackRequest(signingSecret, body) },
    });
    expect(response.status).toBe(200);
    const parts = await until(() => {
      const replies = slack.thread(adminChannel, ts).map((message) => message.text);
      return replies.some((text) => text.includes('Counted:')) ? replies : undefined;
    });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(messageLimits.slack);
    expectAllListed(parts.join('\n'), 150);
  });

  it('says when a number is over the maximum instead of not understanding it', async () => {
    const question = textMessage(telegramAdmin, 'top 500 merchants in October 2026', {
      id: adminChat,
      type: 'supergroup',
      title: 'Finance',
    });
    telegram.pushUpdate({ message: question });
    const parts = await until(() => {
      const replies = [...telegram.messagesIn(adminChat)]
        .filter(([, message]) => message.replyTo === question.message_id)
        .map(([, message]) => message.text);
      return replies.some((text) => text.includes('Counted:')) ? replies : undefined;
    });
    const whole = parts.join('\n');
    expect(whole).not.toMatch(/^Sorry/);
    expect(whole).toContain('I list at most 200');
    expectAllListed(whole, merchantCount);
  });
});
