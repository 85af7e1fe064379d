// A fake Slack Web API on 127.0.0.1 for the real Bolt app and WebClient (`slackApiUrl`): records
// every call, keeps the messages it was asked to post and update, serves shared files at their
// url_private (only with the bot token, as Slack does) and takes file uploads.
import { createHmac } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { createCallLog } from './call-log.ts';

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown;
  threadTs?: string;
}

export interface FakeSlack {
  /** For SLACK_API_URL: ends in /api/. */
  apiUrl: string;
  calls: SlackCall[];
  /** A shared file Slack would host; returns its url_private. */
  addFile(id: string, bytes: Buffer): string;
  message(channel: string, ts: string): SlackMessage | undefined;
  /** The app's messages in a channel (threads included), as they read now, oldest first. */
  messagesIn(channel: string): SlackMessage[];
  /** The app's messages in a thread, as they read now. */
  thread(channel: string, threadTs: string): SlackMessage[];
  waitForCall(match: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  /** Socket Mode: sends an envelope to the connected app; resolves with the app's acknowledgement. */
  sendEnvelope(type: 'events_api' | 'interactive' | 'slash_commands', payload: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export const botToken = 'xoxb-fake-token';
export const appToken = 'xapp-fake-token';

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>"). */
export function signSlackRequest(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

function decodeParams(type: string, body: string): Record<string, unknown> {
  if (type.includes('application/json')) return JSON.parse(body || '{}');
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const log = createCallLog<SlackCall>();
  const calls = log.calls;
  const files = new Map<string, Buffer>();
  const messages = new Map<string, SlackMessage>();
  let clock = 1_800_000_000;
  let base = '';

  function send(res: ServerResponse, body: unknown, status = 200) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  function answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'ticket-tracker', team: 'Acme' };
      case 'users.info': {
        const id = String(params.user);
        return { user: { id, name: id.toLowerCase(), real_name: `Person ${id}`, profile: { display_name: '' } } };
      }
      case 'chat.postMessage': {
        // As the Web API: text over 40,000 characters is refused; more than 50 blocks, or a block's
        // text over 3,000, is invalid_blocks.
        const blocks = (params.blocks as { text?: { text?: string } }[] | undefined) ?? [];
        if (String(params.text ?? '').length > 40_000) return { ok: false, error: 'msg_too_long' };
        if (blocks.length > 50 || blocks.some((block) => (block.text?.text ?? '').length > 3000)) {
          return { ok: false, error: 'invalid_blocks' };
        }
        const ts = `${clock++}.000100`;
        const channel = String(params.channel);
        messages.set(`${channel}:${ts}`, {
          channel,
          ts,
          text: String(params.text ?? ''),
          blocks: params.blocks,
          threadTs: params.thread_ts as string | undefined,
        });
        return { channel, ts, message: { text: params.text, ts } };
      }
      case 'chat.update': {
        const key = `${params.channel}:${params.ts}`;
        const existing = messages.get(key);
        if (!existing) return { ok: false, error: 'message_not_found' };
        messages.set(key, { ...existing, text: String(params.text ?? ''), blocks: params.blocks });
        return { channel: params.channel, ts: params.ts, text: params.text };
      }
      case 'chat.postEphemeral':
        return { message_ts: `${clock++}.000200` };
      case 'views.open':
        return { view: { id: 'V1', ...(params.view as object) } };
      case 'files.getUploadURLExternal':
        return { upload_url: `${base}/upload/F-up-${clock}`, file_id: `F-up-${clock++}` };
      case 'files.completeUploadExternal':
        return { files: (params.files as { id: string }[]).map((file) => ({ id: file.id })) };
      default:
        return {};
    }
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/files/')) {
      const bytes = files.get(url.pathname.slice('/files/'.length));
      if (req.headers.authorization !== `Bearer ${botToken}` || !bytes) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>Sign in to Slack</html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(bytes);
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK - 1');
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const params = decodeParams(req.headers['content-type'] ?? '', body.toString('utf8'));
    if (method === 'apps.connections.open') {
      log.record({ method, params });
      if (req.headers.authorization !== `Bearer ${appToken}`) return send(res, { ok: false, error: 'invalid_auth' });
      return send(res, { ok: true, url: `${base.replace('http', 'ws')}/link` });
    }
    if (req.headers.authorization !== `Bearer ${botToken}` && params.token !== botToken) {
      return send(res, { ok: false, error: 'invalid_auth' });
    }
    log.record({ method, params });
    send(res, { ok: true, ...answer(method, params) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Socket Mode: the app opens a WebSocket at the URL apps.connections.open gave it.
  const sockets = new WebSocketServer({ server, path: '/link' });
  let socket: WebSocket | undefined;
  const acks = new Map<string, (payload: unknown) => void>();
  let connected: () => void = () => {};
  const connection = new Promise<void>((resolve) => {
    connected = resolve;
  });
  sockets.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (ack.envelope_id) acks.get(ack.envelope_id)?.(ack.payload ?? null);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
    connected();
  });
  let envelopes = 0;

  return {
    apiUrl: `${base}/api/`,
    calls,
    addFile(id, bytes) {
      files.set(id, bytes);
      return `${base}/files/${id}`;
    },
    message: (channel, ts) => messages.get(`${channel}:${ts}`),
    messagesIn: (channel) => [...messages.values()].filter((message) => message.channel === channel),
    thread: (channel, threadTs) =>
      [...messages.values()].filter((message) => message.channel === channel && message.threadTs === threadTs),
    waitForCall: (match, timeoutMs) => log.waitFor(match, timeoutMs),

    async sendEnvelope(type, payload) {
      await connection;
      const envelopeId = `env-${++envelopes}`;
      const acked = new Promise<unknown>((resolve) => acks.set(envelopeId, resolve));
      socket!.send(
        JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }),
      );
      return acked;
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
