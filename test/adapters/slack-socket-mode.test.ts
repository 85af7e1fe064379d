// Socket Mode, the default for self-hosting: the app dials out over a WebSocket (no public URL);
// here the WebSocket and the Web API are the fake Slack on 127.0.0.1.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appToken, botToken, type FakeSlack, startFakeSlack } from '../fakes/slack-server.ts';
import { receiptImage } from '../helpers/images.ts';
import { startTestService, type TestService } from '../helpers/service.ts';

let slack: FakeSlack;
let service: TestService;

beforeAll(async () => {
  slack = await startFakeSlack();
  service = await startTestService({
    SLACK_BOT_TOKEN: botToken,
    SLACK_APP_TOKEN: appToken,
    SLACK_API_URL: slack.apiUrl,
  });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await slack?.close();
});

it('takes a shared photo over the socket and answers in its thread', async () => {
  const url = slack.addFile('FS1', await receiptImage(['CORNER CAFE', 'Date: 03/10/2026', 'TOTAL       6.50']));
  const ts = '1790000001.000001';
  await slack.sendEnvelope('events_api', {
    type: 'event_callback',
    team_id: 'T1',
    api_app_id: 'A1',
    event_id: 'EvS1',
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'message',
      subtype: 'file_share',
      channel: 'D0SOCKET',
      channel_type: 'im',
      user: 'U0SOCKET',
      ts,
      files: [{ id: 'FS1', name: 'r.jpg', mimetype: 'image/jpeg', size: 30_000, url_private_download: url }],
    },
  });
  await expect
    .poll(() => slack.thread('D0SOCKET', ts).map((message) => message.text), { timeout: 60_000 })
    .toContainEqual(expect.stringContaining('CORNER CAFE'));
  expect(slack.calls.some((call) => call.method === 'apps.connections.open')).toBe(true);
});

it('answers /receipts in the acknowledgement', async () => {
  const ack = await slack.sendEnvelope('slash_commands', {
    command: '/receipts',
    text: '',
    user_id: 'U0SOCKET',
    channel_id: 'D0SOCKET',
    team_id: 'T1',
    api_app_id: 'A1',
    trigger_id: 'trigger',
    response_url: `${slack.apiUrl}response`,
  });
  expect(ack).toMatchObject({
    response_type: 'ephemeral',
    text: expect.stringMatching(/^Sent in the last 7 days: .*\nBought in \w+ \d{4}: /s),
  });
});
