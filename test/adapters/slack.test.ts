// The real service with the real Bolt app in HTTP mode: signed events posted to /slack/events, the
// app talking to a fake Slack Web API on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botToken, type FakeSlack, type SlackCall, signSlackRequest, startFakeSlack } from '../fakes/slack-server.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { receiptImage } from '../helpers/images.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

const signingSecret = 'fake-signing-secret';
const employee = 'U0EMPLOYEE';
const admin = 'U0ADMIN';
const dm = 'D0EMPLOYEE';
const adminChannel = 'C0FINANCE';
const receiptsChannel = 'C0RECEIPTS';
const otherChannel = 'C0RANDOM';

let slack: FakeSlack;
let database: TestDatabase;
let service: TestService;
let clock = 1_790_000_000;
let eventCounter = 0;

async function post(body: string, headers: Record<string, string>) {
  return fetch(`${service.url}/slack/events`, { method: 'POST', body, headers });
}

/** Posts a signed event callback; returns the HTTP response and the event's message ts. */
async function sendEvent(event: Record<string, unknown>, extraHeaders: Record<string, string> = {}) {
  const body = JSON.stringify({
    token: 'verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${++eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  return post(body, { 'content-type': 'application/json', ...signSlackRequest(signingSecret, body), ...extraHeaders });
}

async function sendInteraction(payload: Record<string, unknown>) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return post(body, { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(signingSecret, body) });
}

function fileShare(
  user: string,
  channel: string,
  files: { id: string; size: number; url: string; mimetype: string }[],
) {
  const ts = `${clock++}.000001`;
  return {
    ts,
    event: {
      type: 'message',
      subtype: 'file_share',
      channel,
      channel_type: channel.startsWith('D') ? 'im' : 'channel',
      user,
      ts,
      text: '',
      files: files.map((file) => ({
        id: file.id,
        name: `${file.id}.jpg`,
        mimetype: file.mimetype,
        size: file.size,
        url_private: file.url,
        url_private_download: file.url,
      })),
    },
  };
}

function textEvent(user: string, channel: string, text: string) {
  const ts = `${clock++}.000001`;
  return {
    ts,
    event: { type: 'message', channel, channel_type: channel.startsWith('D') ? 'im' : 'channel', user, ts, text },
  };
}

function buttonPress(user: string, channel: string, messageTs: string, actionId: string, receiptId: string) {
  return {
    type: 'block_actions',
    user: { id: user, username: user, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'verification-token',
    team: { id: 'T1', domain: 'acme' },
    channel: { id: channel, name: 'directmessage' },
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    message: { type: 'message', ts: messageTs, text: '…' },
    trigger_id: `trigger-${clock++}`,
    response_url: `${slack.apiUrl}response`,
    actions: [
      { type: 'button', action_id: actionId, block_id: 'receipt_actions', value: receiptId, action_ts: String(clock) },
    ],
  };
}

/** The app's message in a thread once its text matches. */
async function threadReply(channel: string, threadTs: string, done: (text: string) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = slack.thread(channel, threadTs).find((message) => done(message.text));
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no thread reply matching; have ${JSON.stringify(slack.thread(channel, threadTs))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const callsAfter = (count: number, method: string) => (call: SlackCall) =>
  slack.calls.indexOf(call) >= count && call.method === method;

async function receiptsOf(user: string) {
  return database.prisma.receipt.findMany({
    where: { user: { platform: 'slack', platformUserId: user } },
    orderBy: { createdAt: 'asc' },
  });
}

const receiptLines = ['CORNER CAFE', '12 High Street', 'Date: 03/10/2026', 'Soup        6.50', 'TOTAL       6.50'];

beforeAll(async () => {
  slack = await startFakeSlack();
  service = await startTestService({
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ADMIN_CHANNEL_IDS: adminChannel,
    SLACK_RECEIPT_CHANNEL_IDS: receiptsChannel,
    ADMIN_SLACK_USER_IDS: admin,
  });
  database = service.database;
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await slack?.close();
});

describe('Slack app', () => {
  let replyTs: string;
  let receiptId: string;

  it('acknowledges a shared photo at once and answers in its thread with buttons', async () => {
    const url = slack.addFile('F1', await receiptImage(receiptLines));
    const share = fileShare(employee, dm, [{ id: 'F1', size: 30_000, url, mimetype: 'image/jpeg' }]);
    const started = Date.now();
    const response = await sendEvent(share.event);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);

    const reply = await threadReply(dm, share.ts, (text) => text.startsWith('CORNER CAFE'));
    expect(reply.text).toContain('Total: €6.50');
    expect(JSON.stringify(reply.blocks)).toContain('receipt_confirm');
    const [receipt] = await receiptsOf(employee);
    expect(receipt).toMatchObject({ merchant: 'CORNER CAFE', sourceChatId: dm, replyMessageId: reply.ts });
    const user = await database.prisma.user.findFirstOrThrow({ where: { platformUserId: employee } });
    expect(user.displayName).toBe(`Person ${employee}`);
    replyTs = reply.ts;
    receiptId = receipt!.id;
  });

  it('rejects a bad or stale signature and stores nothing', async () => {
    const url = slack.addFile('F9', await receiptImage(['OTHER SHOP', 'TOTAL 3.00']));
    const share = fileShare(employee, dm, [{ id: 'F9', size: 30_000, url, mimetype: 'image/jpeg' }]);
    const body = JSON.stringify({ type: 'event_callback', event_id: 'EvBad', event: share.event });
    const forged = await post(body, { 'content-type': 'application/json', ...signSlackRequest('wrong-secret', body) });
    expect(forged.status).toBe(401);
    const staleHeaders = signSlackRequest(signingSecret, body, Math.floor(Date.now() / 1000) - 600);
    const stale = await post(body, { 'content-type': 'application/json', ...staleHeaders });
    expect(stale.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await receiptsOf(employee)).toHaveLength(1);
    expect(slack.thread(dm, share.ts)).toHaveLength(0);
  });

  it('answers a retried event once', async () => {
    const url = slack.addFile('F2', await receiptImage(['BAKERY', 'Date: 04/10/2026', 'TOTAL 4.20']));
    const share = fileShare(employee, dm, [{ id: 'F2', size: 30_000, url, mimetype: 'image/jpeg' }]);
    await sendEvent(share.event);
    await threadReply(dm, share.ts, (text) => text.startsWith('BAKERY'));
    const retried = await sendEvent(share.event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retried.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slack.thread(dm, share.ts)).toHaveLength(1);
    expect(await receiptsOf(employee)).toHaveLength(2);
  });

  it('confirms with a button', async () => {
    const response = await sendInteraction(buttonPress(employee, dm, replyTs, 'receipt_confirm', receiptId));
    expect(response.status).toBe(200);
    await expect.poll(() => slack.message(dm, replyTs)?.text).toContain('Confirmed ✓');
    expect((await database.prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } })).status).toBe('confirmed');
  });

  it('opens the Edit modal prefilled, refuses a bad total, saves a good one', async () => {
    const before = slack.calls.length;
    await sendInteraction(buttonPress(employee, dm, replyTs, 'receipt_edit', receiptId));
    const opened = await slack.waitForCall(callsAfter(before, 'views.open'));
    const view = opened.params.view as {
      blocks: { block_id: string; element: { initial_value?: string } }[];
      private_metadata: string;
    };
    expect(view.blocks.find((block) => block.block_id === 'total')?.element.initial_value).toBe('6.50');
    expect(view.blocks.find((block) => block.block_id === 'merchant')?.element.initial_value).toBe('CORNER CAFE');

    const submission = (total: string) => ({
      type: 'view_submission',
      user: { id: employee },
      team: { id: 'T1' },
      api_app_id: 'A1',
      token: 'verification-token',
      trigger_id: 'trigger-edit',
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: 'receipt_edit_view',
        private_metadata: view.private_metadata,
        state: {
          values: {
            total: { value: { type: 'plain_text_input', value: total } },
            category: { value: { type: 'static_select', selected_option: { value: 'travel' } } },
          },
        },
      },
    });
    const refused = await sendInteraction(submission('twelve'));
    expect(await refused.json()).toMatchObject({
      response_action: 'errors',
      errors: { total: expect.stringContaining('not an amount') },
    });

    const saved = await sendInteraction(submission('12.50'));
    expect(saved.status).toBe(200);
    await expect.poll(() => slack.message(dm, replyTs)?.text).toContain('Total: €12.50');
    const receipt = await database.prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } });
    expect(receipt.total?.toFixed(2)).toBe('12.50');
    expect(receipt.category).toBe('travel');
  });

  it('answers the same photo shared again as a duplicate', async () => {
    const url = slack.addFile('F3', await receiptImage(receiptLines));
    const share = fileShare(employee, dm, [{ id: 'F3', size: 30_000, url, mimetype: 'image/jpeg' }]);
    await sendEvent(share.event);
    const reply = await threadReply(dm, share.ts, (text) => text.startsWith('You sent this receipt already'));
    expect(reply.text).toContain('CORNER CAFE');
    expect(await receiptsOf(employee)).toHaveLength(2);
  });

  it('explains a file that is not an image, and one that is too large', async () => {
    const notes = slack.addFile('F4', Buffer.from('meeting notes, not a receipt\n'));
    const text = fileShare(employee, dm, [{ id: 'F4', size: 30, url: notes, mimetype: 'text/plain' }]);
    const receiptsBefore = await service.database.prisma.receipt.count();
    await sendEvent(text.event);
    const refused = await threadReply(dm, text.ts, (t) => t.includes('can read'));
    expect(refused.text).toMatch(/JPEG|PNG|PDF/);
    expect(refused.text).not.toMatch(/I cannot read this file\. That file/);
    expect(await service.database.prisma.receipt.count()).toBe(receiptsBefore); // refused at intake: no receipt

    const huge = fileShare(employee, dm, [
      { id: 'F5', size: 40 * 1024 * 1024, url: `${slack.apiUrl}missing`, mimetype: 'image/jpeg' },
    ]);
    await sendEvent(huge.event);
    const tooLarge = await threadReply(dm, huge.ts, (t) => t.includes('too large'));
    expect(tooLarge.text).toContain('20 MB');
  });

  it('deletes only after a second tap', async () => {
    await sendInteraction(buttonPress(employee, dm, replyTs, 'receipt_delete', receiptId));
    await expect.poll(() => slack.message(dm, replyTs)?.text).toContain('Tap again to confirm');
    expect(JSON.stringify(slack.message(dm, replyTs)?.blocks)).toContain('receipt_delete_confirmed');
    expect((await database.prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } })).status).not.toBe('deleted');

    await sendInteraction(buttonPress(employee, dm, replyTs, 'receipt_delete_confirmed', receiptId));
    await expect.poll(() => slack.message(dm, replyTs)?.text).toBe('Deleted: CORNER CAFE, 2026-10-03, €12.50.');
    expect((await database.prisma.receipt.findUniqueOrThrow({ where: { id: receiptId } })).status).toBe('deleted');
  });

  it("refuses a button on someone else's receipt", async () => {
    const before = slack.calls.length;
    const [bakery] = (await receiptsOf(employee)).filter((receipt) => receipt.merchant === 'BAKERY');
    await sendInteraction(buttonPress('U0OTHER', dm, bakery!.replyMessageId!, 'receipt_confirm', bakery!.id));
    const notice = await slack.waitForCall(callsAfter(before, 'chat.postEphemeral'));
    expect(notice.params.text).toBe('I cannot find that receipt any more.');
  });

  it('answers a question in the admin channel in its thread, and one from an employee about their own receipts', async () => {
    const question = textEvent(admin, adminChannel, 'how much did we spend in October 2026?');
    await sendEvent(question.event);
    const answer = await threadReply(adminChannel, question.ts, () => true);
    expect(answer.text).toMatch(/^Total spent: €[\d.,]+ \(\d+ receipts?\)\nCounted: all categories, October 2026/);

    const asked = textEvent(employee, dm, 'how much did everyone spend?');
    await sendEvent(asked.event);
    const own = await threadReply(dm, asked.ts, () => true);
    const mine = await database.prisma.receipt.count({
      where: { user: { platformUserId: employee }, status: { in: ['confirmed', 'needs_review'] } },
    });
    expect(own.text).toContain(`(${mine} receipt${mine === 1 ? '' : 's'})`);
    expect(own.text).toContain('your receipts only');
  });

  it('stays quiet for small talk in the admin channel, answers a mention, and tells a non-admin only admins ask there', async () => {
    const before = slack.calls.length;
    const thanks = textEvent(admin, adminChannel, 'thanks 👍');
    await sendEvent(thanks.event);
    const mention = textEvent(admin, adminChannel, '<@UBOT> spend in October 2026');
    await sendEvent(mention.event);
    const answer = await threadReply(adminChannel, mention.ts, () => true);
    expect(answer.text).toMatch(/^Total spent: €/);
    expect(slack.thread(adminChannel, thanks.ts)).toHaveLength(0);

    const asked = textEvent(employee, adminChannel, 'how much did I spend in October 2026?');
    await sendEvent(asked.event);
    const notice = await slack.waitForCall(callsAfter(before, 'chat.postEphemeral'));
    expect(notice.params).toMatchObject({ channel: adminChannel, user: employee });
    expect(notice.params.text).toBe(
      'Only admins can ask questions here. Ask me in a private chat about your own receipts.',
    );
    expect(slack.thread(adminChannel, asked.ts)).toHaveLength(0);
  });

  it('uploads a chart into the thread for an answer grouped by time', async () => {
    const url = slack.addFile('F6', await receiptImage(['TAXI CO', 'Date: 06/10/2026', 'TOTAL  9.00']));
    const share = fileShare(employee, dm, [{ id: 'F6', size: 30_000, url, mimetype: 'image/jpeg' }]);
    await sendEvent(share.event);
    await threadReply(dm, share.ts, (text) => text.startsWith('TAXI CO'));
    const question = textEvent(admin, adminChannel, 'total by day in October 2026');
    await sendEvent(question.event);
    const completed = await slack.waitForCall((call) => call.method === 'files.completeUploadExternal');
    expect(completed.params).toMatchObject({ channel_id: adminChannel, thread_ts: question.ts });
  }, 120_000);

  it('takes shared files as receipts in DMs and receipt channels only', async () => {
    const image = await receiptImage(['GROUP LUNCH', 'Date: 08/10/2026', 'TOTAL  21.00']);
    const ignored = [adminChannel, otherChannel].map((channel) =>
      fileShare(employee, channel, [
        { id: `FX-${channel}`, size: 30_000, url: slack.addFile(`FX-${channel}`, image), mimetype: 'image/jpeg' },
      ]),
    );
    for (const share of ignored) await sendEvent(share.event);
    const taken = fileShare(employee, receiptsChannel, [
      { id: 'FX-receipts', size: 30_000, url: slack.addFile('FX-receipts', image), mimetype: 'image/jpeg' },
    ]);
    await sendEvent(taken.event);
    await threadReply(receiptsChannel, taken.ts, (text) => text.startsWith('GROUP LUNCH'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const share of ignored) expect(slack.thread(share.event.channel, share.ts)).toHaveLength(0);
    expect(await database.prisma.receipt.count({ where: { sourceChatId: { in: [adminChannel, otherChannel] } } })).toBe(
      0,
    );
  }, 120_000);

  it("takes the message shared with a file as the receipt's note and category hint, and follows an edit", async () => {
    const url = slack.addFile('F7', await receiptImage(['CITY CABS', 'Date: 09/10/2026', 'TOTAL  18.00']));
    const share = fileShare(employee, dm, [{ id: 'F7', size: 30_000, url, mimetype: 'image/jpeg' }]);
    share.event.text = 'taxi to the airport';
    await sendEvent(share.event);
    const reply = await threadReply(dm, share.ts, (text) => text.includes('Note: taxi'));
    expect(reply.text).toContain('Category: travel');
    expect(reply.text).toContain('Note: taxi to the airport');

    await sendEvent({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: dm,
      channel_type: 'im',
      ts: `${clock++}.000002`,
      message: { ...share.event, text: 'hotel shuttle for the conference', edited: { user: employee, ts: '1' } },
      previous_message: share.event,
    });
    await expect.poll(() => slack.message(dm, reply.ts)?.text).toContain('Note: hotel shuttle for the conference');
    expect(slack.message(dm, reply.ts)?.text).toContain('Category: lodging');
    const [receipt] = (await receiptsOf(employee)).filter((r) => r.note?.startsWith('hotel'));
    expect(receipt).toMatchObject({ note: 'hotel shuttle for the conference', category: 'lodging' });
  }, 120_000);

  it('shows the caller their own month with /receipts', async () => {
    const answer = await slashCommand('/receipts');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(/^Sent in the last 7 days: \d+ receipts\n• /);
    expect(answer.text).toMatch(/\nBought in \w+ \d{4}: /);
  });

  it('answers /web with a one-time sign-in link that only the caller sees', async () => {
    const answer = await slashCommand('/web');
    expect(answer.response_type).toBe('ephemeral');
    const link = /(http:\/\/\S+\/login\/ttl_\S+)/.exec(answer.text)?.[1];
    expect(link).toBeDefined();
    // Opening the link shows a Sign in button and uses nothing up; pressing it signs in, once.
    const page = await fetch(link!, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const check = /name="check" value="([^"]+)"/.exec(await page.text())![1]!;
    const press = () =>
      fetch(link!, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: page.headers.get('set-cookie')!.split(';')[0]!,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ check }),
      });
    const first = await press();
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toMatch(/^tt_session=/);
    expect((await press()).status).toBe(410);
  });

  async function slashCommand(command: string): Promise<{ response_type: string; text: string }> {
    const body = new URLSearchParams({
      command,
      text: '',
      user_id: employee,
      user_name: 'ada',
      channel_id: dm,
      team_id: 'T1',
      api_app_id: 'A1',
      token: 'verification-token',
      trigger_id: 'trigger-cmd',
      response_url: `${slack.apiUrl}response`,
    }).toString();
    const response = await post(body, {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(signingSecret, body),
    });
    return (await response.json()) as { response_type: string; text: string };
  }
});
