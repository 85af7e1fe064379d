// Approval cards in the admin chats of both platforms at once (the real grammY bot polling a fake
// Bot API, the real Bolt app in HTTP mode against a fake Slack Web API): a card of its own above the
// threshold, one batched card for the rest, only admins' presses count, and senders are told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { type FakeSlack, signSlackRequest, startFakeSlack } from '../fakes/slack-server.ts';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import { startTestService, type TestService } from '../helpers/service.ts';
import { chatOf, type From, nextId, pressButton } from '../helpers/telegram-updates.ts';

const signingSecret = 'fake-signing-secret';
const telegramAdmin = { id: 7777, first_name: 'Grace', is_bot: false };
const stranger = { id: 6666, first_name: 'Eve', is_bot: false };
const ada = { id: 4242, first_name: 'Ada', is_bot: false };
const adminChat = -100123;
const slackAdmin = 'U0ADMIN';
const slackBob = 'U0BOB';
const financeChannel = 'C0FINANCE';
const botId = 999000;

let telegram: FakeTelegram;
let slack: FakeSlack;
let service: TestService;
const tokens: Record<string, string> = {};
let clock = 1_790_000_000;

/** Chats answer in the background; under load that takes longer than expect.poll's default second. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

async function enter(who: 'ada' | 'bob', total: string, merchant = 'Paper Co') {
  const response = await fetch(`${service.url}/api/receipts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ merchant, date: '2026-10-05', currency: 'EUR', total, category: 'office' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { receipt: { id: string } }).receipt.id;
}

const stateOf = async (id: string) =>
  (await service.database.prisma.receipt.findUniqueOrThrow({ where: { id } })).approvalState;

const press = (user: From, data: string, chat?: { id: number }, messageId?: number) =>
  pressButton(telegram, user, data, chat, messageId);

function telegramCard(text: (t: string) => boolean) {
  return [...telegram.messagesIn(adminChat)].find(([, message]) => text(message.text));
}

function buttonData(markup: unknown, label: string): string {
  const rows = (markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
  return rows.flat().find((button) => button.text === label)!.callback_data;
}

async function interact(payload: Record<string, unknown>) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return fetch(`${service.url}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(signingSecret, body) },
  });
}

function slackPress(user: string, channel: string, ts: string, actionId: string, value: string) {
  return interact({
    type: 'block_actions',
    user: { id: user, username: user, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'verification-token',
    team: { id: 'T1', domain: 'acme' },
    channel: { id: channel, name: 'finance' },
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
    message: { type: 'message', ts, text: '…' },
    trigger_id: `trigger-${clock++}`,
    response_url: `${slack.apiUrl}response`,
    actions: [{ type: 'button', action_id: actionId, block_id: 'approval_actions', value, action_ts: String(clock) }],
  });
}

function slackCards(channel: string) {
  return slack.calls
    .filter((call) => call.method === 'chat.postMessage' && call.params.channel === channel)
    .map((call) => call.params);
}

/** The ts of the card in the finance channel whose text (as it reads now) matches. */
async function slackCardTs(match: (text: string) => boolean) {
  const find = () => {
    // The fake numbers its messages from 1_800_000_000 on.
    for (let ts = 1_800_000_000; ts < 1_800_000_500; ts++) {
      const message = slack.message(financeChannel, `${ts}.000100`);
      if (message && match(message.text)) return message.ts;
    }
    return undefined;
  };
  await poll(find).toBeDefined();
  return find()!;
}

beforeAll(async () => {
  telegram = await startFakeTelegram();
  slack = await startFakeSlack();
  service = await startTestService({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_ADMIN_CHAT_IDS: String(adminChat),
    ADMIN_TELEGRAM_USER_IDS: String(telegramAdmin.id),
    SLACK_BOT_TOKEN: 'xoxb-fake-token',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ADMIN_CHANNEL_IDS: financeChannel,
    ADMIN_SLACK_USER_IDS: slackAdmin,
    APPROVAL_CARD_THRESHOLD: '100',
  });
  const prisma = service.database.prisma;
  const adaUser = await prisma.user.create({
    data: { platform: 'telegram', platformUserId: String(ada.id), displayName: 'Ada' },
  });
  const bobUser = await prisma.user.create({
    data: { platform: 'slack', platformUserId: slackBob, displayName: 'Bob' },
  });
  tokens.ada = await createApiToken(prisma, adaUser.id);
  tokens.bob = await createApiToken(prisma, bobUser.id);
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await telegram?.close();
  await slack?.close();
});

describe('approval cards', () => {
  let big: string;
  let bigCard: number;

  it('posts a card of its own for a receipt above the threshold, on both platforms', async () => {
    big = await enter('ada', '150.00', 'Grand Hotel');
    await poll(() => telegramCard((text) => text.includes('Grand Hotel'))).toBeDefined();
    const [id, card] = telegramCard((text) => text.includes('Grand Hotel'))!;
    bigCard = id;
    expect(card.text).toContain('To approve: Ada: Grand Hotel, €150.00');
    expect(buttonData(card.replyMarkup, 'Approve')).toBe(`aa:${big}`);
    await poll(() => slackCards(financeChannel).some((c) => String(c.text).includes('Grand Hotel'))).toBe(true);
  });

  it('gathers the smaller ones on one batched card per chat, edited as they come', async () => {
    await enter('bob', '20.00', 'Stationery');
    await enter('ada', '30.50', 'Taxi');
    await expect
      .poll(() => telegramCard((text) => text.startsWith('2 receipts to approve, €50.50'))?.[1].text)
      .toContain('Bob: Stationery, €20.00');
    expect([...telegram.messagesIn(adminChat)].filter(([, m]) => m.text.includes('to approve, €'))).toHaveLength(1);
    await expect
      .poll(() => [...slack.calls].reverse().find((c) => String(c.params.text).startsWith('2 receipts'))?.params.text)
      .toContain('€50.50');
  });

  it('changes nothing for a non-admin press, forwarded or crafted, and says so', async () => {
    const forwarded = await press(stranger, `aa:${big}`);
    expect(forwarded.params).toMatchObject({ text: expect.stringContaining('Only an admin'), show_alert: true });
    const crafted = await press(ada, `aa:${big}`, { id: adminChat }, bigCard);
    expect(crafted.params.text).toContain('Only an admin');
    const batch = await press(ada, `ab:${Date.now()}`);
    expect(batch.params.text).toContain('Only an admin');
    const before = slack.calls.length;
    await slackPress(slackBob, financeChannel, '1.000100', 'approval_approve', big);
    const told = await slack.waitForCall(
      (call) => slack.calls.indexOf(call) >= before && call.method === 'chat.postEphemeral',
    );
    expect(told.params).toMatchObject({ user: slackBob, text: expect.stringContaining('Only an admin') });
    expect(await stateOf(big)).toBe('submitted');
    const stranger_ = await service.database.prisma.user.findFirst({ where: { platformUserId: String(stranger.id) } });
    expect(stranger_).toBeNull();
    expect(await service.database.prisma.approvalEvent.count({ where: { toState: { not: 'submitted' } } })).toBe(0);
  });

  it('approves with an admin’s press in Telegram and tells the sender in her chat', async () => {
    const answer = await press(telegramAdmin, `aa:${big}`, { id: adminChat }, bigCard);
    expect(answer.params.text).toBe('Approved.');
    expect(await stateOf(big)).toBe('approved');
    expect(telegram.messagesIn(adminChat).get(bigCard)?.text).toContain('✓ Approved by Grace: Ada: Grand Hotel');
    await expect
      .poll(() => [...telegram.messagesIn(ada.id).values()].map((m) => m.text).join('\n'))
      .toContain('Approved: Grand Hotel, €150.00');
  });

  it('approves the batch within policy from Slack, tells each sender, and closes the card', async () => {
    const cardTs = await slackCardTs((text) => text.startsWith('2 receipts to approve'));
    const card = slack.message(financeChannel, cardTs)!;
    const blocks = card.blocks as { elements?: { action_id: string; value: string }[] }[];
    const shownAt = blocks[1]!.elements!.find((e) => e.action_id === 'approval_batch_approve')!.value;
    await slackPress(slackAdmin, financeChannel, cardTs, 'approval_batch_approve', shownAt);
    await expect
      .poll(() => slackCards(financeChannel).map((c) => String(c.text)))
      .toContain('✓ Person U0ADMIN approved 2 receipts.');
    await expect
      .poll(() =>
        slackCards(slackBob)
          .map((c) => String(c.text))
          .join('\n'),
      )
      .toContain('Approved: Stationery');
    await expect
      .poll(() => [...telegram.messagesIn(ada.id).values()].map((m) => m.text).join('\n'))
      .toContain('Approved: Taxi');
    await poll(() => slack.message(financeChannel, cardTs)?.text).toBe('Nothing left to approve in this batch.');
    await expect
      .poll(() => telegramCard((text) => text.includes('to approve') && !text.startsWith('To approve'))?.[1].text)
      .toBe('Nothing left to approve in this batch.');
  });

  it('rejects from Telegram with a reason typed as a reply; the sender reads it', async () => {
    const id = await enter('bob', '180.00', 'Wine Shop');
    await poll(() => telegramCard((text) => text.includes('Wine Shop'))).toBeDefined();
    const [cardId] = telegramCard((text) => text.includes('Wine Shop'))!;
    const before = telegram.calls.length;
    await press(telegramAdmin, `aj:${id}`, { id: adminChat }, cardId);
    const prompt = await telegram.waitForCall(
      (call) =>
        telegram.calls.indexOf(call) >= before &&
        call.method === 'sendMessage' &&
        String(call.params.text).startsWith('Why reject'),
    );
    const promptText = String(prompt.params.text);
    const promptId = [...telegram.messagesIn(adminChat)].find(([, m]) => m.text === promptText)![0];
    telegram.pushUpdate({
      message: {
        message_id: nextId(),
        date: Math.floor(Date.now() / 1000),
        chat: { id: adminChat, type: 'group', title: 'Finance' },
        from: telegramAdmin,
        text: 'alcohol is not reimbursed',
        reply_to_message: {
          message_id: promptId,
          date: 0,
          chat: { id: adminChat, type: 'group' },
          from: { id: botId, is_bot: true, first_name: 'Tickets' },
          text: promptText,
        },
      },
    });
    await poll(() => stateOf(id)).toBe('rejected');
    await expect
      .poll(() =>
        slackCards(slackBob)
          .map((c) => String(c.text))
          .join('\n'),
      )
      .toContain('Reason: alcohol is not reimbursed');
  });

  it('rejects from Slack through the reason modal', async () => {
    const id = await enter('ada', '120.00', 'Airline');
    const cardTs = await slackCardTs((text) => text.includes('Airline'));
    const before = slack.calls.length;
    await slackPress(slackAdmin, financeChannel, cardTs, 'approval_reject', id);
    const opened = await slack.waitForCall(
      (call) => slack.calls.indexOf(call) >= before && call.method === 'views.open',
    );
    const view = opened.params.view as { private_metadata: string };
    const response = await interact({
      type: 'view_submission',
      user: { id: slackAdmin },
      team: { id: 'T1' },
      api_app_id: 'A1',
      token: 'verification-token',
      trigger_id: 'trigger-reject',
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: 'approval_reject_view',
        private_metadata: view.private_metadata,
        state: { values: { reason: { value: { type: 'plain_text_input', value: 'book economy' } } } },
      },
    });
    expect(response.status).toBe(200);
    await poll(() => stateOf(id)).toBe('rejected');
    await poll(() => slack.message(financeChannel, cardTs)?.text).toContain('✗ Rejected by Person U0ADMIN');
    await expect
      .poll(() => [...telegram.messagesIn(ada.id).values()].map((m) => m.text).join('\n'))
      .toContain('Reason: book economy');
  });

  it('posts the digest on /digest with figures equal to a recount from the database', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const response = await fetch(`${service.url}/api/receipts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.ada}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        merchant: 'Lunch Place',
        date: yesterday,
        currency: 'EUR',
        total: '14.20',
        category: 'meals',
      }),
    });
    expect(response.status).toBe(201);
    const before = telegram.calls.length;
    telegram.pushUpdate({
      message: {
        message_id: nextId(),
        date: Math.floor(Date.now() / 1000),
        chat: { id: adminChat, type: 'group', title: 'Finance' },
        from: telegramAdmin,
        text: '/digest',
        entities: [{ type: 'bot_command', offset: 0, length: 7 }],
      },
    });
    const posted = await telegram.waitForCall(
      (call) =>
        telegram.calls.indexOf(call) >= before &&
        call.method === 'sendMessage' &&
        String(call.params.text).startsWith('Weekly digest'),
    );
    const text = String(posted.params.text);
    const [, from, to] = /^Weekly digest, (\S+) to (\S+)/.exec(text)!;
    const [recount] = await service.database.prisma.$queryRaw<{ total: string; count: bigint }[]>`
      SELECT coalesce(sum(total), 0)::text AS total, count(*) AS count FROM receipts
      WHERE status IN ('confirmed', 'needs_review') AND total IS NOT NULL AND currency = 'EUR'
        AND purchase_date BETWEEN ${from}::date AND ${to}::date
        AND (approval_state IS NULL OR approval_state <> 'rejected')`;
    expect(text).toContain(`Spent: €${Number(recount!.total).toFixed(2)} (${recount!.count} receipts)`);
    const waiting = await service.database.prisma.receipt.count({ where: { approvalState: 'submitted' } });
    expect(text).toContain(`Waiting for approval: ${waiting} receipts`);
    await telegram.waitForCall((call) => telegram.calls.indexOf(call) >= before && call.method === 'sendPhoto');
    const refused = telegram.calls.length;
    telegram.pushUpdate({
      message: {
        message_id: nextId(),
        date: Math.floor(Date.now() / 1000),
        chat: chatOf(ada),
        from: ada,
        text: '/digest',
        entities: [{ type: 'bot_command', offset: 0, length: 7 }],
      },
    });
    const answer = await telegram.waitForCall(
      (call) => telegram.calls.indexOf(call) >= refused && call.method === 'sendMessage',
    );
    expect(answer.params.text).toBe('Only an admin can ask for the digest.');
  });
});
