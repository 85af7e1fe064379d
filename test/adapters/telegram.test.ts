// The real service (HTTP, workers, OCR, Postgres) with the real grammY bot polling a fake Telegram
// Bot API server on 127.0.0.1: what an employee and an admin see in their chats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { receiptImage } from '../helpers/images.ts';
import { startTestService, type TestService } from '../helpers/service.ts';
import {
  chatOf,
  documentMessage,
  type From,
  photoMessage,
  pressButton,
  textMessage,
} from '../helpers/telegram-updates.ts';

const employee = { id: 4242, first_name: 'Ada', last_name: 'Lovelace', is_bot: false };
const admin = { id: 7777, first_name: 'Grace', is_bot: false };
const stranger = { id: 6666, first_name: 'Eve', is_bot: false };
const adminChat = -100123;
const receiptsGroup = -100555;
const otherGroup = -100777;

let telegram: FakeTelegram;
let database: TestDatabase;
let service: TestService;

/** Taps a button; resolves once the bot has answered the tap. */
const press = (user: From, messageId: number, data: string) =>
  pressButton(telegram, user, data, chatOf(user), messageId);

/** The bot's answer to a message, once it matches `done`. */
async function answerTo(chatId: number, messageId: number, done: (text: string) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = [...telegram.messagesIn(chatId)].find(([, message]) => message.replyTo === messageId);
    if (found && done(found[1].text)) return { id: found[0], ...found[1] };
    if (Date.now() > deadline) throw new Error(`no answer to ${messageId} matching; have: ${JSON.stringify(found)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const callsAfter = (count: number, method: string) => (call: ApiCall) =>
  telegram.calls.indexOf(call) >= count && call.method === method;

async function receiptsOf(userId: number) {
  return database.prisma.receipt.findMany({
    where: { user: { platform: 'telegram', platformUserId: String(userId) } },
    orderBy: { createdAt: 'asc' },
  });
}

const receiptLines = ['CORNER CAFE', '12 High Street', 'Date: 03/10/2026', 'Soup        6.50', 'TOTAL       6.50'];

beforeAll(async () => {
  telegram = await startFakeTelegram();
  service = await startTestService({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_ADMIN_CHAT_IDS: String(adminChat),
    TELEGRAM_RECEIPT_CHAT_IDS: String(receiptsGroup),
    TELEGRAM_ALLOWED_USER_IDS: `${employee.id}`,
    ADMIN_TELEGRAM_USER_IDS: `${admin.id}`,
  });
  database = service.database;
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await telegram?.close();
});

describe('Telegram bot', () => {
  let summaryId: number;
  let receiptId: string;

  it('answers a photo at once, then edits the answer into the receipt with buttons', async () => {
    const photo = photoMessage(employee, telegram.addFile(await receiptImage(receiptLines)), 30_000);
    telegram.pushUpdate({ message: photo });
    const answer = await answerTo(employee.id, photo.message_id, (text) => text.startsWith('CORNER CAFE'), 60_000);
    expect(answer.text).toContain('Total: €6.50');
    expect(answer.text).toContain('Date: 2026-10-03');
    expect(JSON.stringify(answer.replyMarkup)).toContain('Delete');
    expect(
      telegram.calls.some((call) => call.method === 'sendMessage' && call.params.text === 'Reading your receipt…'),
    ).toBe(true);

    const [receipt] = await receiptsOf(employee.id);
    expect(receipt).toMatchObject({ merchant: 'CORNER CAFE', replyMessageId: String(answer.id) });
    expect(receipt!.total?.toFixed(2)).toBe('6.50');
    summaryId = answer.id;
    receiptId = receipt!.id;
  });

  it('confirms with a tap', async () => {
    await press(employee, summaryId, `rc:${receiptId}`);
    const receipt = await database.prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } });
    expect(receipt.status).toBe('confirmed');
    expect(telegram.messagesIn(employee.id).get(summaryId)?.text).toContain('Confirmed ✓');
  });

  it('takes a second tap on Confirm quietly: the message already says so', async () => {
    const answered = await press(employee, summaryId, `rc:${receiptId}`);
    expect(answered.params.text).toBeUndefined();
    expect(answered.params.show_alert).toBeUndefined();
    expect(telegram.messagesIn(employee.id).get(summaryId)?.text).toContain('Confirmed ✓');
  });

  it('takes a fix typed as a reply, keeps the edit, and shows it', async () => {
    const before = telegram.calls.length;
    telegram.pushUpdate({ message: textMessage(employee, 'total 12.50', chatOf(employee), summaryId) });
    await telegram.waitForCall(
      (call) => telegram.calls.indexOf(call) >= before && call.params.text === 'Total set to €12.50.',
    );
    const receipt = await database.prisma.receipt.findUniqueOrThrow({
      where: { id: receiptId },
      include: { edits: true },
    });
    expect(receipt.total?.toFixed(2)).toBe('12.50');
    expect(receipt.edits).toMatchObject([{ field: 'total', oldValue: '6.50', newValue: '12.50' }]);
    await expect.poll(() => telegram.messagesIn(employee.id).get(summaryId)?.text).toContain('Total: €12.50');
  });

  it('refuses a bad fix with the reason', async () => {
    const before = telegram.calls.length;
    telegram.pushUpdate({ message: textMessage(employee, 'total twelve') });
    const call = await telegram.waitForCall(callsAfter(before, 'sendMessage'));
    expect(call.params.text).toContain('is not an amount');
  });

  it('takes "date yesterday" and a day-month-year date as fixes', async () => {
    const now = new Date();
    const yesterday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
    const iso = yesterday.toISOString().slice(0, 10);
    for (const [typed, expected] of [
      ['date yesterday', iso],
      ['date 03.10.2026', '2026-10-03'],
    ] as const) {
      const before = telegram.calls.length;
      telegram.pushUpdate({ message: textMessage(employee, typed, chatOf(employee), summaryId) });
      const call = await telegram.waitForCall(callsAfter(before, 'sendMessage'));
      expect(call.params.text).toBe(`Date set to ${expected}.`);
      const receipt = await database.prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } });
      expect(receipt.purchaseDate?.toISOString().slice(0, 10)).toBe(expected);
    }
  });

  it('reads a decimal comma in a fix, refuses an ambiguous amount and one over the ceiling', async () => {
    const fix = async (text: string) => {
      const before = telegram.calls.length;
      telegram.pushUpdate({ message: textMessage(employee, text, chatOf(employee), summaryId) });
      return (await telegram.waitForCall(callsAfter(before, 'sendMessage'))).params.text as string;
    };
    expect(await fix('total 12,50')).toBe('Total set to €12.50.');
    expect(await fix('total 1.234,56')).toBe('Total set to €1,234.56.');
    expect(await fix('total 1,234')).toContain('"1,234" can be read two ways; write 1234 or 1,234.00 / 1.234,00.');
    expect(await fix('total 999999999999.99')).toContain('is more than one receipt can be (at most 1000000.00)');
    expect(await fix('date 2099-01-01')).toContain('The date 2099-01-01 is out of range');
    expect(await fix('currency XYZ')).toContain('"XYZ" is not a currency code');
    const receipt = await database.prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } });
    expect(receipt.total?.toFixed(2)).toBe('1234.56');
    expect(await fix('total 12.50')).toBe('Total set to €12.50.');
  });

  it('sets the category from the Edit buttons', async () => {
    const before = telegram.calls.length;
    await press(employee, summaryId, `re:${receiptId}`);
    const prompt = await telegram.waitForCall(callsAfter(before, 'sendMessage'));
    expect(JSON.stringify(prompt.params.reply_markup)).toContain('travel');
    const promptId = [...telegram.messagesIn(employee.id)].find(([, m]) => m.text === prompt.params.text)![0];
    await press(employee, promptId, `rg:${receiptId}:2`);
    const receipt = await database.prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } });
    expect(receipt.category).toBe('travel');
    await expect.poll(() => telegram.messagesIn(employee.id).get(summaryId)?.text).toContain('Category: travel');
  });

  it('answers the same photo sent again as a duplicate, and a replayed update not at all', async () => {
    const fileId = telegram.addFile(await receiptImage(receiptLines));
    const again = photoMessage(employee, fileId, 30_000);
    telegram.pushUpdate({ message: again });
    const answer = await answerTo(employee.id, again.message_id, (text) =>
      text.startsWith('You sent this receipt already'),
    );
    expect(answer.text).toMatch(/^You sent this receipt already, on \d{4}-\d{2}-\d{2}\. Here it is:\n\nCORNER CAFE\n/);

    const sendsBefore = telegram.calls.filter((call) => call.method === 'sendMessage').length;
    telegram.pushUpdate({ message: again }); // the same message in a new update: a redelivery
    telegram.pushUpdate({ message: textMessage(employee, '/help') });
    await telegram.waitForCall((call) => String(call.params.text).startsWith('Send me a photo'));
    const sendsAfter = telegram.calls.filter((call) => call.method === 'sendMessage').length;
    expect(sendsAfter).toBe(sendsBefore + 1); // only the /help answer
    expect(await receiptsOf(employee.id)).toHaveLength(1);
  });

  it('explains a file that is not an image, and one that is too large', async () => {
    const text = documentMessage(
      employee,
      telegram.addFile(Buffer.from('just some notes, not a receipt\n')),
      31,
      'text/plain',
    );
    const receiptsBefore = (await receiptsOf(employee.id)).length;
    telegram.pushUpdate({ message: text });
    const refused = await answerTo(employee.id, text.message_id, (t) => t.includes('can read'));
    expect(refused.text).toMatch(/JPEG|PNG|PDF/);
    expect(refused.text).not.toMatch(/I cannot read this file\. That file/);
    expect(await receiptsOf(employee.id)).toHaveLength(receiptsBefore); // refused at intake: no receipt

    const huge = documentMessage(employee, 'not-downloaded', 40 * 1024 * 1024, 'image/jpeg');
    telegram.pushUpdate({ message: huge });
    const tooLarge = await answerTo(employee.id, huge.message_id, (t) => t.includes('too large'));
    expect(tooLarge.text).toContain('20 MB');
    expect(telegram.calls.some((call) => call.method === 'getFile' && call.params.file_id === 'not-downloaded')).toBe(
      false,
    );
  });

  it('deletes only after a second tap, and the card says which receipt was deleted', async () => {
    await press(employee, summaryId, `rd:${receiptId}`);
    expect(telegram.messagesIn(employee.id).get(summaryId)?.text).toContain('Tap again to confirm');
    expect((await database.prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } })).status).not.toBe('deleted');

    await press(employee, summaryId, `rx:${receiptId}`);
    expect((await database.prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } })).status).toBe('deleted');
    expect(telegram.messagesIn(employee.id).get(summaryId)?.text).toBe('Deleted: CORNER CAFE, 2026-10-03, €12.50.');
  });

  it('makes each photo of an album one receipt', async () => {
    const before = (await receiptsOf(employee.id)).length;
    const album = ['MARKET HALL', 'TAXI CO'].map((merchant, index) => ({
      ...photoMessage(employee, `album-${index}`, 30_000),
      media_group_id: 'album-1',
      merchant,
    }));
    for (const [index, { merchant, ...message }] of album.entries()) {
      telegram.addFileWithId(
        `album-${index}`,
        await receiptImage([merchant, `Date: 0${5 + index}/10/2026`, 'TOTAL  9.00']),
      );
      telegram.pushUpdate({ message });
    }
    for (const { merchant, message_id } of album) {
      await answerTo(employee.id, message_id, (text) => text.startsWith(merchant), 60_000);
    }
    expect(await receiptsOf(employee.id)).toHaveLength(before + 2);
  }, 120_000);

  it('shows with /my what was sent lately and what was bought this month', async () => {
    const before = telegram.calls.length;
    telegram.pushUpdate({ message: textMessage(employee, '/my') });
    const call = await telegram.waitForCall(callsAfter(before, 'sendMessage'));
    const month = new Date().toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    // October's receipts sent today: listed as sent, not counted in this month's purchases.
    expect(call.params.text).toMatch(/^Sent in the last 7 days: \d+ receipts\n/);
    expect(call.params.text).toMatch(/\n• [^\n]+, 2026-10-06, €9\.00\n• [^\n]+, 2026-10-05, €9\.00\n/);
    expect(call.params.text).toContain(`Bought in ${month}: no receipts yet.`);
  });

  it('/undo asks first, naming the receipt, and deletes that one once', async () => {
    const photo = photoMessage(
      employee,
      telegram.addFile(await receiptImage(['PAPER SHOP', 'Date: 07/10/2026', 'TOTAL  3.40'])),
      30_000,
    );
    telegram.pushUpdate({ message: photo });
    await answerTo(employee.id, photo.message_id, (text) => text.startsWith('PAPER SHOP'), 60_000);
    const [paper] = (await receiptsOf(employee.id)).filter((receipt) => receipt.merchant === 'PAPER SHOP');
    const before = telegram.calls.length;
    telegram.pushUpdate({ message: textMessage(employee, '/undo') });
    const question = await telegram.waitForCall(callsAfter(before, 'sendMessage'));
    expect(question.params.text).toBe('Delete your last receipt, PAPER SHOP, 2026-10-07, €3.40?');
    expect(JSON.stringify(question.params.reply_markup)).toContain(`rx:${paper!.id}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(telegram.calls.slice(before).filter((call) => call.method === 'sendMessage')).toHaveLength(1);
    expect((await database.prisma.receipt.findUniqueOrThrow({ where: { id: paper!.id } })).status).not.toBe('deleted');

    const questionId = [...telegram.messagesIn(employee.id)].find(([, m]) => m.text === question.params.text)![0];
    const live = async () => (await receiptsOf(employee.id)).filter((receipt) => receipt.status !== 'deleted').length;
    const liveBefore = await live();
    await press(employee, questionId, `rx:${paper!.id}`);
    expect(telegram.messagesIn(employee.id).get(questionId)?.text).toBe('Deleted: PAPER SHOP, 2026-10-07, €3.40.');
    await expect
      .poll(() => telegram.messagesIn(employee.id).get(Number(paper!.replyMessageId))?.text)
      .toBe('Deleted: PAPER SHOP, 2026-10-07, €3.40.');
    const again = await press(employee, questionId, `rx:${paper!.id}`);
    expect(again.params.text).toBe('I cannot find that receipt any more.');
    expect(await live()).toBe(liveBefore - 1);
  }, 120_000);

  it('takes photos as receipts in private and in receipt groups only, not in the admin chat or other groups', async () => {
    const image = await receiptImage(['GROUP LUNCH', 'Date: 08/10/2026', 'TOTAL  21.00']);
    const inGroup = (chat: object) => ({ ...photoMessage(employee, telegram.addFile(image), 30_000), chat });
    const ignored = [
      inGroup({ id: adminChat, type: 'supergroup', title: 'Finance' }),
      inGroup({ id: otherGroup, type: 'group', title: 'Team chat' }),
    ];
    for (const message of ignored) telegram.pushUpdate({ message });
    const taken = inGroup({ id: receiptsGroup, type: 'supergroup', title: 'Receipts' });
    telegram.pushUpdate({ message: taken });
    await answerTo(receiptsGroup, taken.message_id, (text) => text.startsWith('GROUP LUNCH'), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const chat of [adminChat, otherGroup]) {
      expect(telegram.calls.filter((call) => call.params.chat_id === chat && call.method !== 'sendMessage')).toEqual(
        [],
      );
      expect(await database.prisma.receipt.count({ where: { sourceChatId: String(chat) } })).toBe(0);
    }
    const ignoredIds = ignored.map((message) => message.message_id);
    expect(
      telegram.calls.filter(
        (call) =>
          call.method === 'sendMessage' &&
          ignoredIds.includes((call.params.reply_parameters as { message_id?: number } | undefined)?.message_id ?? 0),
      ),
    ).toEqual([]);
  }, 120_000);

  it("takes a photo's caption as the receipt's note and category hint, and follows an edited caption", async () => {
    const photo = {
      ...photoMessage(
        employee,
        telegram.addFile(await receiptImage(['CITY CABS', 'Date: 09/10/2026', 'TOTAL  18.00'])),
        30_000,
      ),
      caption: 'taxi to the airport',
    };
    telegram.pushUpdate({ message: photo });
    const answer = await answerTo(employee.id, photo.message_id, (text) => text.includes('Note: taxi'), 60_000);
    expect(answer.text).toContain('Category: travel');
    expect(answer.text).toContain('Note: taxi to the airport');
    const [receipt] = (await receiptsOf(employee.id)).filter((r) => r.note === 'taxi to the airport');
    expect(receipt).toMatchObject({ note: 'taxi to the airport', category: 'travel' });

    telegram.pushUpdate({
      edited_message: { ...photo, caption: 'hotel shuttle for the conference', edit_date: photo.date + 60 },
    });
    await expect
      .poll(() => telegram.messagesIn(employee.id).get(answer.id)?.text)
      .toContain('Note: hotel shuttle for the conference');
    expect(telegram.messagesIn(employee.id).get(answer.id)?.text).toContain('Category: lodging');
    const edited = await database.prisma.receipt.findUniqueOrThrow({ where: { id: receipt!.id } });
    expect(edited).toMatchObject({ note: 'hotel shuttle for the conference', category: 'lodging' });
  }, 120_000);

  it('tells a sender outside the allow-list they are not enrolled, and stores nothing', async () => {
    const photo = photoMessage(stranger, telegram.addFile(await receiptImage(receiptLines)), 30_000);
    telegram.pushUpdate({ message: photo });
    const call = await telegram.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === stranger.id);
    expect(call.params.text).toContain('not enrolled');
    expect(await receiptsOf(stranger.id)).toHaveLength(0);
  });

  it('answers a question in the admin chat as a reply, and one from an employee about their own receipts', async () => {
    const group = { id: adminChat, type: 'supergroup' as const, title: 'Finance' };
    const question = textMessage(admin, 'how much did we spend in October 2026?', group);
    telegram.pushUpdate({ message: question });
    const answer = await telegram.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === adminChat);
    expect((answer.params.reply_parameters as { message_id: number }).message_id).toBe(question.message_id);
    expect(answer.params.text).toMatch(
      /^Total spent: €[\d.,]+ \(\d+ receipts?\)\nCounted: all categories, October 2026/,
    );

    const before = telegram.calls.length;
    telegram.pushUpdate({ message: textMessage(employee, 'how much did everyone spend?') });
    const own = await telegram.waitForCall(callsAfter(before, 'sendMessage'));
    const mine = await database.prisma.receipt.count({
      where: { user: { platformUserId: String(employee.id) }, status: { in: ['confirmed', 'needs_review'] } },
    });
    expect(own.params.text).toContain(`(${mine} receipt${mine === 1 ? '' : 's'})`);
    expect(own.params.text).toContain('your receipts only');
  });

  it('stays quiet for chatter in the admin chat, and answers a mention, a reply to it and /ask', async () => {
    const group = { id: adminChat, type: 'supergroup' as const, title: 'Finance' };
    const answersIn = () => telegram.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === adminChat);
    const repliedTo = (call: ApiCall) => (call.params.reply_parameters as { message_id: number }).message_id;
    const before = answersIn().length;
    const chatter = [textMessage(admin, 'thanks 👍', group), textMessage(admin, 'see you at lunch', group)];
    for (const message of chatter) telegram.pushUpdate({ message });

    const mention = {
      ...textMessage(admin, '@ticket_tracker_bot spend in October 2026', group),
      entities: [{ type: 'mention', offset: 0, length: '@ticket_tracker_bot'.length }],
    };
    telegram.pushUpdate({ message: mention });
    await expect.poll(() => answersIn().length).toBe(before + 1);
    expect(repliedTo(answersIn().at(-1)!)).toBe(mention.message_id);
    expect(answersIn().at(-1)!.params.text).toMatch(/^Total spent: €/);

    const botMessage = answersIn().at(-1)!;
    const botMessageId = [...telegram.messagesIn(adminChat)].find(([, m]) => m.text === botMessage.params.text)![0];
    const reply = {
      ...textMessage(admin, 'and in September 2026', group),
      reply_to_message: {
        message_id: botMessageId,
        date: 0,
        chat: group,
        from: { id: 999000, is_bot: true, first_name: 'Tickets' },
        text: '…',
      },
    };
    telegram.pushUpdate({ message: reply });
    await expect.poll(() => answersIn().length).toBe(before + 2);
    expect(repliedTo(answersIn().at(-1)!)).toBe(reply.message_id);

    const ask = textMessage(admin, '/ask spend in October 2026', group);
    telegram.pushUpdate({ message: ask });
    await expect.poll(() => answersIn().length).toBe(before + 3);
    expect(repliedTo(answersIn().at(-1)!)).toBe(ask.message_id);
    const chatterIds = chatter.map((message) => message.message_id);
    expect(answersIn().filter((call) => chatterIds.includes(repliedTo(call)))).toEqual([]);
  });

  it('tells a non-admin asking in the admin chat that only admins can ask there', async () => {
    const group = { id: adminChat, type: 'supergroup' as const, title: 'Finance' };
    const question = textMessage(employee, 'how much did I spend in October 2026?', group);
    telegram.pushUpdate({ message: question });
    const answer = await telegram.waitForCall(
      (c) =>
        c.method === 'sendMessage' &&
        c.params.chat_id === adminChat &&
        (c.params.reply_parameters as { message_id: number }).message_id === question.message_id,
    );
    expect(answer.params.text).toBe(
      'Only admins can ask questions here. Ask me in a private chat about your own receipts.',
    );
  });

  it('sends a chart with an answer grouped by time', async () => {
    const group = { id: adminChat, type: 'supergroup' as const, title: 'Finance' };
    const question = textMessage(admin, 'total by day in October 2026', group);
    telegram.pushUpdate({ message: question });
    const photo = await telegram.waitForCall((c) => c.method === 'sendPhoto' && c.params.chat_id === adminChat);
    expect(photo.params.caption).toBe('Total spent by day, October 2026');
    const attached = String(photo.params.photo).replace('attach://', '');
    expect(photo.params[attached]).toMatchObject({ file: 'chart.png', size: expect.any(Number) });
    expect((photo.params.reply_parameters as { message_id: number }).message_id).toBe(question.message_id);
  });

  it('waits out a 429 from Telegram and still answers', async () => {
    telegram.rateLimitNext('sendMessage', 1);
    const before = telegram.calls.length;
    telegram.pushUpdate({ message: textMessage(employee, '/help') });
    const calls = async () => telegram.calls.slice(before).filter((call) => call.method === 'sendMessage');
    await telegram.waitForCall(
      (call) => telegram.calls.indexOf(call) > before && String(call.params.text).startsWith('Send me'),
    );
    await expect.poll(async () => (await calls()).length).toBeGreaterThanOrEqual(2);
  });
});
