// The spending policy in the chats of both platforms (the real grammY bot on a fake Telegram Bot API,
// the real Bolt app against a fake Slack Web API): /policy says the rules in plain words on Slack and
// Telegram, and a finding of the policy's alert severity is posted at once to every admin chat on both
// platforms, while a low-severity one is only stored on the receipt.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botToken, type FakeSlack, startFakeSlack } from '../fakes/slack-server.ts';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import { apiCaller, createPerson } from '../helpers/api.ts';
import { startTestService, type TestService } from '../helpers/service.ts';
import { slackRequests } from '../helpers/slack-requests.ts';
import { textMessage } from '../helpers/telegram-updates.ts';

const signingSecret = 'fake-signing-secret';
const adminChat = -100123;
const secondAdminChat = -100124;
const financeChannel = 'C0FINANCE';
const auditChannel = 'C0AUDIT';
const employee = { id: 4242, first_name: 'Ada', is_bot: false };

const policy = `currency: EUR
alert_severity: high
rules:
  - rule: receipt_limit
    category: meals
    limit: 50
  - rule: forbidden_items
    category: meals
    words: [wine, beer]
    severity: high
`;
const rulesInWords = [
  'Spending policy:',
  '• A meals receipt may be at most €50.00',
  '• meals may not include: wine, beer (alert at once)',
].join('\n');

let telegram: FakeTelegram;
let slack: FakeSlack;
let service: TestService;
let dir: string;
let token: string;
const call = apiCaller(() => service.url);

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

const alertsIn = {
  telegram: (chat: number) => [...telegram.messagesIn(chat).values()].filter((m) => m.text.includes('Policy alert')),
  slack: (channel: string) => slack.messagesIn(channel).filter((m) => m.text.includes('Policy alert')),
};
const allAlerts = () => [
  ...alertsIn.telegram(adminChat),
  ...alertsIn.telegram(secondAdminChat),
  ...alertsIn.slack(financeChannel),
  ...alertsIn.slack(auditChannel),
];

async function enter(merchant: string, total: string, items: string[]) {
  const created = await call(token, '/api/receipts', 'POST', {
    merchant,
    date: '2026-11-18',
    currency: 'EUR',
    total,
    category: 'meals',
    items: items.map((description) => ({ description, quantity: null, unitPrice: null, amount: null })),
  });
  expect(created.status).toBe(201);
  return created.body.receipt as { id: string; policyViolations: { severity: string; message: string }[] };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tt-policy-chat-'));
  await writeFile(join(dir, 'policy.yaml'), policy);
  telegram = await startFakeTelegram();
  slack = await startFakeSlack();
  service = await startTestService({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_ADMIN_CHAT_IDS: `${adminChat},${secondAdminChat}`,
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ADMIN_CHANNEL_IDS: `${financeChannel},${auditChannel}`,
    POLICY_FILE: join(dir, 'policy.yaml'),
  });
  token = (await createPerson(service.database.prisma, 'Ada')).token;
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await telegram?.close();
  await slack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the policy in the chats', () => {
  it('says the rules in plain words on Slack /policy, to whoever asks, privately', async () => {
    const answer = await slackRequests(service.url, signingSecret).command('/policy', 'U0EMPLOYEE', 'D0EMPLOYEE');
    expect(answer).toEqual({ response_type: 'ephemeral', text: rulesInWords });
  });

  it('says the same rules on Telegram /policy', async () => {
    const asked = textMessage(employee, '/policy');
    const before = telegram.calls.length;
    telegram.pushUpdate({ message: asked });
    const reply = await telegram.waitForCall(
      (c) => telegram.calls.indexOf(c) >= before && c.method === 'sendMessage' && c.params.chat_id === employee.id,
    );
    expect(reply.params.text).toBe(rulesInWords);
  });

  it('alerts every admin chat on both platforms at once for a high-severity finding, not for a low one', async () => {
    const low = await enter('Steak House', '80.00', ['Steak']);
    expect(low.policyViolations).toMatchObject([{ severity: 'low' }]);
    const high = await enter('Trattoria', '30.00', ['Pasta', 'Bottle of wine']);
    expect(high.policyViolations).toMatchObject([{ severity: 'high' }]);

    const alert =
      '⚠ Policy alert: Ada: Trattoria, €30.00 (2026-11-18)\n• meals may not include wine ("Bottle of wine")';
    for (const chat of [adminChat, secondAdminChat]) {
      await poll(() => alertsIn.telegram(chat).map((m) => m.text)).toEqual([alert]);
    }
    for (const channel of [financeChannel, auditChannel]) {
      await poll(() => alertsIn.slack(channel).map((m) => m.text)).toEqual([alert]);
    }
    // The low finding was stored before the high one was entered: had it been alerted, it would be here.
    expect(allAlerts().some((m) => m.text.includes('Steak House'))).toBe(false);
  });

  it('does not alert again for the same finding when the receipt is evaluated again', async () => {
    const receipt = await service.database.prisma.receipt.findFirstOrThrow({ where: { merchant: 'Trattoria' } });
    const edited = await call(token, `/api/receipts/${receipt.id}`, 'PATCH', { total: '31.00' });
    expect(edited.status).toBe(200);
    // A new finding on another receipt comes after: the edit's alert, had there been one, would be before it.
    await enter('Pub', '12.00', ['Beer']);
    await poll(() => alertsIn.slack(auditChannel).length).toBe(2);
    await poll(() => allAlerts().length).toBe(8);
    expect(allAlerts().filter((m) => m.text.includes('Trattoria'))).toHaveLength(4);
  });
});
