// A month of expenses end to end, through the real grammY bot on a fake Telegram Bot API and the real
// Bolt app against a fake Slack Web API: three employees (two on Telegram, one on Slack) send receipt
// photos read by the real pipeline; the POLICY_FILE flags two (a meal over the limit, wine on a meal);
// an admin approves in Telegram and another in Slack; one receipt is rejected with a reason, fixed by
// its sender, sent again and approved; a payout pays back the approved ones; each employee reads what
// happened in their own chat; and the weekly digest job posts to both admin chats with figures equal to
// a recount straight from the database.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { digestQueue } from '../../src/jobs/queue.ts';
import { botToken, type FakeSlack, startFakeSlack } from '../fakes/slack-server.ts';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import { apiCaller } from '../helpers/api.ts';
import { receiptImage } from '../helpers/images.ts';
import { startTestService, type TestService } from '../helpers/service.ts';
import { fileShareEvent, type SlackRequests, slackRequests } from '../helpers/slack-requests.ts';
import { chatOf, type From, photoMessage, pressButton, textMessage } from '../helpers/telegram-updates.ts';

const signingSecret = 'fake-signing-secret';
const ada = { id: 4242, first_name: 'Ada', is_bot: false };
const cy = { id: 4343, first_name: 'Cy', is_bot: false };
const grace = { id: 7777, first_name: 'Grace', is_bot: false };
const bob = 'U0BOB';
const bobDm = 'D0BOB';
const bobName = `Person ${bob}`; // the name the fake Slack's users.info gives
const slackAdmin = 'U0ADMIN';
const adminChat = -100123;
const financeChannel = 'C0FINANCE';

const policy = `currency: EUR
rules:
  - rule: receipt_limit
    category: meals
    limit: 50
  - rule: forbidden_items
    category: meals
    words: [wine, beer]
    severity: high
`;

let telegram: FakeTelegram;
let slack: FakeSlack;
let service: TestService;
let slackIn: SlackRequests;
let dir: string;
const call = apiCaller(() => service.url);

/** Chats answer in the background; under load that takes a while. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 90_000, interval: 100 });

/** A purchase date `daysAgo` days before today (UTC), as the receipt prints it and as stored. */
function day(daysAgo: number): { printed: string; iso: string } {
  const date = new Date(Date.now() - daysAgo * 86_400_000);
  const iso = date.toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return { printed: `${d}/${m}/${y}`, iso };
}

/** The month's receipts: who sends them, what they print. */
const month = {
  cafe: { lines: ['CORNER CAFE', `Date: ${day(20).printed}`, 'Soup        6.50', 'TOTAL       6.50'] },
  taxi: { lines: ['TAXI CO', `Date: ${day(15).printed}`, 'Airport ride 24.00', 'TOTAL       24.00'] },
  // Paddle reads no merchant here; the second engine's name brings its category (meals) with it.
  steak: { lines: ['STEAK GRILL', `Date: ${day(8).printed}`, 'Steak dinner 78.00', 'TOTAL       78.00'] },
  bistro: {
    lines: ['ROMA PIZZA', `Date: ${day(2).printed}`, 'Pizza       14.00', 'House wine   9.00', 'TOTAL       23.00'],
  },
  paper: { lines: ['PAPER CO', `Date: ${day(1).printed}`, 'A4 paper    12.40', 'TOTAL       12.40'] },
};
const ids: Record<keyof typeof month, string> = { cafe: '', taxi: '', steak: '', bistro: '', paper: '' };

const texts = (messages: Iterable<{ text: string }>) => [...messages].map((message) => message.text);
const telegramTexts = (chatId: number) => texts(telegram.messagesIn(chatId).values());
const slackTexts = (channel: string) => texts(slack.messagesIn(channel));
/** What Bob reads: the app's DM with him (decisions in his receipt's thread, a payout addressed to him). */
const bobTexts = () => [...slackTexts(bobDm), ...slackTexts(bob)];

const receipt = (id: string) => service.database.prisma.receipt.findUniqueOrThrow({ where: { id } });

/** Sends a photo in Telegram; resolves with the receipt and its card once read. */
async function telegramPhoto(user: From, lines: string[]) {
  const photo = photoMessage(user, telegram.addFile(await receiptImage(lines)), 30_000);
  telegram.pushUpdate({ message: photo });
  const cardOf = () =>
    [...telegram.messagesIn(user.id)].find(([, m]) => m.replyTo === photo.message_id && m.text.startsWith(lines[0]!));
  await poll(cardOf).toBeDefined();
  const [card] = cardOf()!;
  const found = await service.database.prisma.receipt.findFirstOrThrow({
    where: { replyMessageId: String(card), user: { platformUserId: String(user.id) } },
  });
  return { id: found.id, card };
}

/** Taps a Telegram button; resolves with the bot's answer to the tap. */
const press = (user: From, data: string, chat?: { id: number }, messageId?: number) =>
  pressButton(telegram, user, data, chat, messageId);

/** Shares a photo in Bob's DM; resolves with the receipt and its card's ts once read. */
async function slackPhoto(fileId: string, lines: string[]) {
  const url = slack.addFile(fileId, await receiptImage(lines));
  const share = fileShareEvent(bob, bobDm, { id: fileId, url, size: 30_000 });
  expect((await slackIn.event(share.event)).status).toBe(200);
  await poll(() => slack.thread(bobDm, share.ts).some((m) => m.text.startsWith(lines[0]!))).toBe(true);
  const found = await service.database.prisma.receipt.findFirstOrThrow({
    where: { sourceChatId: bobDm, merchant: lines[0] },
    orderBy: { createdAt: 'desc' },
  });
  return { id: found.id, card: found.replyMessageId! };
}

/** The approval card of a receipt in the Telegram admin chat (its message id). */
async function telegramCard(merchant: string, total: string) {
  const find = () =>
    [...telegram.messagesIn(adminChat)].find(
      ([, m]) => m.text.startsWith('To approve') && m.text.includes(`${merchant}, ${total}`),
    )?.[0];
  await poll(find).toBeDefined();
  return find()!;
}

async function slackCard(merchant: string, total: string) {
  const find = () =>
    slack
      .messagesIn(financeChannel)
      .find((m) => m.text.startsWith('To approve') && m.text.includes(`${merchant}, ${total}`))?.ts;
  await poll(find).toBeDefined();
  return find()!;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tt-month-'));
  await writeFile(join(dir, 'policy.yaml'), policy);
  telegram = await startFakeTelegram();
  slack = await startFakeSlack();
  service = await startTestService({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_ADMIN_CHAT_IDS: String(adminChat),
    ADMIN_TELEGRAM_USER_IDS: String(grace.id),
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ADMIN_CHANNEL_IDS: financeChannel,
    ADMIN_SLACK_USER_IDS: slackAdmin,
    // Every receipt gets a card of its own, so each is decided by a press on its card.
    APPROVAL_CARD_THRESHOLD: '0',
    POLICY_FILE: join(dir, 'policy.yaml'),
  });
  slackIn = slackRequests(service.url, signingSecret);
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await telegram?.close();
  await slack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a month of receipts, approvals and a payout', () => {
  it('reads every receipt sent on both platforms, flags two against the policy and alerts the high one', async () => {
    const cafe = await telegramPhoto(ada, month.cafe.lines);
    const taxi = await slackPhoto('F-taxi', month.taxi.lines);
    const steak = await telegramPhoto(cy, month.steak.lines);
    const bistro = await slackPhoto('F-bistro', month.bistro.lines);
    const paper = await telegramPhoto(ada, month.paper.lines);
    Object.assign(ids, { cafe: cafe.id, taxi: taxi.id, steak: steak.id, bistro: bistro.id, paper: paper.id });

    const read = await service.database.prisma.receipt.findMany({ include: { items: true } });
    expect(
      read.map((r) => [r.merchant, r.total?.toFixed(2), r.category, r.purchaseDate?.toISOString().slice(0, 10)]),
    ).toEqual(
      expect.arrayContaining([
        ['CORNER CAFE', '6.50', 'meals', day(20).iso],
        ['TAXI CO', '24.00', 'transport', day(15).iso],
        ['STEAK GRILL', '78.00', 'meals', day(8).iso],
        ['ROMA PIZZA', '23.00', 'meals', day(2).iso],
        ['PAPER CO', '12.40', 'office', day(1).iso],
      ]),
    );
    const flagged = read.filter((r) => JSON.stringify(r.policyViolations) !== '[]');
    expect(flagged.map((r) => [r.merchant, r.policyViolations])).toEqual(
      expect.arrayContaining([
        [
          'STEAK GRILL',
          [
            {
              rule: 'receipt_limit',
              severity: 'low',
              message: 'over the meals limit of €50.00 by €28.00: add a note to explain',
            },
          ],
        ],
        [
          'ROMA PIZZA',
          [{ rule: 'forbidden_items', severity: 'high', message: 'meals may not include wine ("House wine")' }],
        ],
      ]),
    );
    expect(flagged).toHaveLength(2);

    // The wine is high severity: an alert in both admin chats at once; the steak's low finding is not.
    const alert = `⚠ Policy alert: ${bobName}: ROMA PIZZA, €23.00 (${day(2).iso})\n• meals may not include wine ("House wine")`;
    await poll(() => telegramTexts(adminChat)).toContain(alert);
    await poll(() => slackTexts(financeChannel)).toContain(alert);
    const alerts = [...telegramTexts(adminChat), ...slackTexts(financeChannel)].filter((t) =>
      t.includes('Policy alert'),
    );
    expect(alerts).toHaveLength(2);

    // The senders confirm: each receipt goes to both admin chats for approval.
    for (const [user, sent] of [
      [ada, cafe],
      [cy, steak],
      [ada, paper],
    ] as const) {
      await press(user, `rc:${sent.id}`, chatOf(user), sent.card);
    }
    for (const sent of [taxi, bistro]) {
      expect((await slackIn.press(bob, bobDm, sent.card, 'receipt_confirm', sent.id)).status).toBe(200);
    }
    for (const id of Object.values(ids)) await poll(async () => (await receipt(id)).approvalState).toBe('submitted');
    await telegramCard('STEAK GRILL', '€78.00');
    expect(telegramTexts(adminChat).find((t) => t.includes('STEAK GRILL'))).toContain(
      '⚠ over the meals limit of €50.00 by €28.00',
    );
    await slackCard('ROMA PIZZA', '€23.00');
  }, 480_000);

  it('approves in Telegram and in Slack; each sender is told in their own chat', async () => {
    for (const [merchant, total, id] of [
      ['CORNER CAFE', '€6.50', ids.cafe],
      ['PAPER CO', '€12.40', ids.paper],
    ] as const) {
      const card = await telegramCard(merchant, total);
      const answer = await press(grace, `aa:${id}`, { id: adminChat }, card);
      expect(answer.params.text).toBe('Approved.');
    }
    const taxiCard = await slackCard('TAXI CO', '€24.00');
    expect((await slackIn.press(slackAdmin, financeChannel, taxiCard, 'approval_approve', ids.taxi)).status).toBe(200);
    await poll(async () => (await receipt(ids.taxi)).approvalState).toBe('approved');
    expect((await receipt(ids.cafe)).approvalState).toBe('approved');
    expect((await receipt(ids.paper)).approvalState).toBe('approved');

    await poll(() => telegramTexts(ada.id)).toEqual(
      expect.arrayContaining([
        `Approved: CORNER CAFE, €6.50 (${day(20).iso}). It will be paid back with the next payout.`,
        `Approved: PAPER CO, €12.40 (${day(1).iso}). It will be paid back with the next payout.`,
      ]),
    );
    await poll(bobTexts).toContain(
      `Approved: TAXI CO, €24.00 (${day(15).iso}). It will be paid back with the next payout.`,
    );
    expect(bobTexts().join('\n')).not.toContain('Approved: ROMA PIZZA');
    expect(telegramTexts(cy.id).join('\n')).not.toContain('Approved');
  }, 120_000);

  it('rejects in Slack with a reason; the sender fixes it in Telegram, sends it again, and it is approved', async () => {
    const card = await slackCard('STEAK GRILL', '€78.00');
    const before = slack.calls.length;
    await slackIn.press(slackAdmin, financeChannel, card, 'approval_reject', ids.steak);
    const opened = await slack.waitForCall((c) => slack.calls.indexOf(c) >= before && c.method === 'views.open');
    const view = opened.params.view as { private_metadata: string };
    const reason = 'only your own share is paid back: set the total to your share, €45.00';
    const submitted = await slackIn.submitModal(slackAdmin, 'approval_reject_view', view.private_metadata, {
      reason: { value: { type: 'plain_text_input', value: reason } },
    });
    expect(submitted.status).toBe(200);
    await poll(async () => (await receipt(ids.steak)).approvalState).toBe('rejected');
    await poll(() => telegramTexts(cy.id)).toContain(
      [
        `Rejected: STEAK GRILL, €78.00 (${day(8).iso}).`,
        `Reason: ${reason}`,
        'Fix it (reply to the receipt, or Edit) and press Confirm to send it again.',
      ].join('\n'),
    );

    // Cy fixes the total by replying to his receipt's card, then confirms it again.
    const steak = await receipt(ids.steak);
    const cardId = Number(steak.replyMessageId);
    const fixed = telegram.calls.length;
    telegram.pushUpdate({ message: textMessage(cy, 'total 45.00', chatOf(cy), cardId) });
    await telegram.waitForCall((c) => telegram.calls.indexOf(c) >= fixed && c.params.text === 'Total set to €45.00.');
    await poll(async () => (await receipt(ids.steak)).policyViolations).toEqual([]);
    await press(cy, `rc:${ids.steak}`, chatOf(cy), cardId);
    await poll(async () => (await receipt(ids.steak)).approvalState).toBe('submitted');

    const again = await telegramCard('STEAK GRILL', '€45.00');
    expect(telegram.messagesIn(adminChat).get(again)?.text).not.toContain('⚠');
    expect((await press(grace, `aa:${ids.steak}`, { id: adminChat }, again)).params.text).toBe('Approved.');
    await poll(() => telegramTexts(cy.id)).toContain(
      `Approved: STEAK GRILL, €45.00 (${day(8).iso}). It will be paid back with the next payout.`,
    );
    const history = await service.database.prisma.approvalEvent.findMany({
      where: { receiptId: ids.steak },
      orderBy: { createdAt: 'asc' },
      include: { actor: true },
    });
    expect(history.map((e) => [e.toState, e.actor?.platformUserId, e.reason])).toEqual([
      ['submitted', String(cy.id), null],
      ['rejected', slackAdmin, reason],
      ['submitted', String(cy.id), null],
      ['approved', String(grace.id), null],
    ]);
  }, 120_000);

  it('pays back the approved receipts under a reference and tells each person the amount and receipts', async () => {
    const graceUser = await service.database.prisma.user.findFirstOrThrow({
      where: { platform: 'telegram', platformUserId: String(grace.id) },
    });
    const token = await createApiToken(service.database.prisma, graceUser.id);
    const owed = await call(token, '/api/payouts/owed');
    expect(owed.body.people.map((p: { name: string; amounts: unknown }) => [p.name, p.amounts])).toEqual([
      ['Ada', [{ currency: 'EUR', amount: '18.90' }]],
      ['Cy', [{ currency: 'EUR', amount: '45.00' }]],
      [bobName, [{ currency: 'EUR', amount: '24.00' }]],
    ]);
    const paid = await call(token, '/api/payouts', 'POST', { reference: 'TRF-MONTH-1' });
    expect(paid.status).toBe(201);
    expect(paid.body.payout.receipts).toBe(4);

    const reimbursed = await service.database.prisma.receipt.findMany({ where: { approvalState: 'reimbursed' } });
    expect(reimbursed.map((r) => r.id).sort()).toEqual([ids.cafe, ids.paper, ids.steak, ids.taxi].sort());
    expect((await receipt(ids.bistro)).approvalState).toBe('submitted');

    await poll(() => telegramTexts(ada.id)).toContain(
      [
        'Paid back: €18.90 for 2 receipts (reference TRF-MONTH-1):',
        `• CORNER CAFE, €6.50 (${day(20).iso})`,
        `• PAPER CO, €12.40 (${day(1).iso})`,
      ].join('\n'),
    );
    await poll(() => telegramTexts(cy.id)).toContain(
      ['Paid back: €45.00 for 1 receipt (reference TRF-MONTH-1):', `• STEAK GRILL, €45.00 (${day(8).iso})`].join('\n'),
    );
    await poll(bobTexts).toContain(
      ['Paid back: €24.00 for 1 receipt (reference TRF-MONTH-1):', `• TAXI CO, €24.00 (${day(15).iso})`].join('\n'),
    );
    // Each message went to its own person only.
    expect(telegramTexts(ada.id).join('\n')).not.toMatch(/STEAK|TAXI/);
    expect(telegramTexts(cy.id).join('\n')).not.toMatch(/CAFE|PAPER|TAXI/);
    expect(bobTexts().join('\n')).not.toMatch(/CAFE|PAPER|STEAK/);
  }, 60_000);

  it('posts the digest job to both admin chats, with figures equal to a recount from the database', async () => {
    const boss = new PgBoss({
      connectionString: service.database.url,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
    });
    await boss.start();
    try {
      await boss.send(digestQueue, {});
    } finally {
      await boss.stop({ graceful: false });
    }
    const isDigest = (text: string) => text.startsWith('Weekly digest');
    await poll(() => telegramTexts(adminChat).filter(isDigest)).toHaveLength(1);
    await poll(() => slackTexts(financeChannel).filter(isDigest)).toHaveLength(1);
    const text = telegramTexts(adminChat).find(isDigest)!;
    expect(slackTexts(financeChannel).find(isDigest)).toBe(text);

    const [, from, to] = /^Weekly digest, (\S+) to (\S+)/.exec(text)!;
    const recount = await recountDigest(from!, to!);
    expect(recount.week.count).toBeGreaterThan(0); // yesterday's receipt is in the week, at least
    const lines = text.split('\n');
    const amount = (euros: string) => `€${euros.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
    expect(lines[1]).toBe(
      `Spent: ${amount(recount.week.total)} (${recount.week.count} receipts); the week before: ${amount(recount.before.total)} (${recount.before.count})`,
    );
    const section = (title: string) => {
      const start = lines.indexOf(title);
      if (start < 0) return [];
      const end = lines.findIndex((line, index) => index > start && !line.startsWith('• '));
      return lines.slice(start + 1, end);
    };
    expect(section('By category:').sort()).toEqual(
      recount.byCategory.map((row) => `• ${row.key}: ${amount(row.total)} (${row.count})`).sort(),
    );
    expect(section('By person:').sort()).toEqual(
      recount.byPerson.map((row) => `• ${row.key}: ${amount(row.total)} (${row.count})`).sort(),
    );
    expect(lines).toContain(
      `Waiting for approval: ${recount.waiting.count} receipts, ${amount(recount.waiting.total)}`,
    );
    expect(lines).toContain(`Waiting for review: ${recount.review} receipts`);
    expect(lines).toContain(
      recount.violations === 0 ? 'Policy violations: none' : `Policy violations: ${recount.violations}`,
    );
    // What the month says: the wine receipt is the one waiting, and it is flagged.
    expect(recount.waiting).toEqual({ count: 1, total: '23.00' });
    expect(text).toContain(`• ${bobName}: ROMA PIZZA, €23.00: meals may not include wine ("House wine")`);
  }, 60_000);
});

interface Sum {
  total: string;
  count: number;
}

/**
 * The digest's figures counted again in SQL, apart from the digest code: read receipts (confirmed or
 * to review) with a total and a date in the week, not rejected; all in euros here.
 */
async function recountDigest(from: string, to: string) {
  const prisma = service.database.prisma;
  const counted = (start: string, end: string) => prisma.$queryRaw<{ key: string; total: string; count: bigint }[]>`
    SELECT '' AS key, coalesce(sum(total), 0)::numeric(14, 2)::text AS total, count(*) AS count FROM receipts
    WHERE status IN ('confirmed', 'needs_review') AND total IS NOT NULL
      AND purchase_date BETWEEN ${start}::date AND ${end}::date
      AND approval_state IS DISTINCT FROM 'rejected'`;
  const previousFrom = new Date(Date.parse(`${from}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  const previousTo = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const byCategoryQuery = prisma.$queryRaw<{ key: string; total: string; count: bigint }[]>`
    SELECT coalesce(category, 'uncategorised') AS key, sum(total)::numeric(14, 2)::text AS total, count(*) AS count
    FROM receipts
    WHERE status IN ('confirmed', 'needs_review') AND total IS NOT NULL
      AND purchase_date BETWEEN ${from}::date AND ${to}::date
      AND approval_state IS DISTINCT FROM 'rejected'
    GROUP BY 1`;
  const byPersonQuery = prisma.$queryRaw<{ key: string; total: string; count: bigint }[]>`
    SELECT u.display_name AS key, sum(r.total)::numeric(14, 2)::text AS total, count(*) AS count
    FROM receipts r JOIN users u ON u.id = r.user_id
    WHERE r.status IN ('confirmed', 'needs_review') AND r.total IS NOT NULL
      AND r.purchase_date BETWEEN ${from}::date AND ${to}::date
      AND r.approval_state IS DISTINCT FROM 'rejected'
    GROUP BY 1`;
  const [[week], [before], byCategory, byPerson, [waiting], [review], [violations]] = await Promise.all([
    counted(from, to),
    counted(previousFrom, previousTo),
    byCategoryQuery,
    byPersonQuery,
    prisma.$queryRaw<{ total: string; count: bigint }[]>`
      SELECT coalesce(sum(total), 0)::numeric(14, 2)::text AS total, count(*) AS count FROM receipts
      WHERE approval_state = 'submitted' AND status <> 'deleted'`,
    prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM receipts WHERE status = 'needs_review'`,
    prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM receipts
      WHERE status IN ('confirmed', 'needs_review') AND total IS NOT NULL
        AND purchase_date BETWEEN ${from}::date AND ${to}::date
        AND approval_state IS DISTINCT FROM 'rejected' AND policy_violations <> '[]'::jsonb`,
  ]);
  const sum = (row: { total: string; count: bigint }): Sum => ({ total: row.total, count: Number(row.count) });
  const rows = (list: { key: string; total: string; count: bigint }[]) =>
    list.map((row) => ({ key: row.key, ...sum(row) }));
  return {
    week: sum(week!),
    before: sum(before!),
    byCategory: rows(byCategory),
    byPerson: rows(byPerson),
    waiting: sum(waiting!),
    review: Number(review!.count),
    violations: Number(violations!.count),
  };
}
