// A fake Telegram Bot API server on 127.0.0.1: the real grammY client talks to it through
// `apiRoot`. It serves getUpdates (long polling) from updates the test pushes, getFile and file
// downloads from files the test adds, and records every other call (sendMessage, editMessageText,
// answerCallbackQuery, ...), answering with plausible objects. A scripted 429 tests rate limits.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallLog } from './call-log.ts';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
}

export interface FakeTelegram {
  apiRoot: string;
  token: string;
  calls: ApiCall[];
  /** A file the bot can fetch with getFile; returns its file_id. */
  addFile(bytes: Buffer): string;
  addFileWithId(fileId: string, bytes: Buffer): void;
  /** Queues an update (update_id assigned when missing); returns its update_id. */
  pushUpdate(update: Record<string, unknown>): number;
  /** The next call of `method` fails with 429 and retry_after. */
  rateLimitNext(method: string, retryAfterSeconds: number): void;
  /** Waits for a call matching `match` (made already or still to come). */
  waitForCall(match: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** The text each message of `chatId` shows now (after edits), by message id. */
  messagesIn(chatId: number): Map<number, { text: string; replyMarkup?: unknown; replyTo?: number }>;
  close(): Promise<void>;
}

const botUser = { id: 999000, is_bot: true, first_name: 'Tickets', username: 'ticket_tracker_bot' };

async function readParams(req: import('node:http').IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(body.toString('utf8') || '{}');
  if (type.includes('multipart/form-data')) {
    const form = await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    }).formData();
    const params: Record<string, unknown> = {};
    for (const [key, value] of form) {
      params[key] = typeof value === 'string' ? tryJson(value) : { file: value.name, size: value.size };
    }
    return params;
  }
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startFakeTelegram(token = '123456:TEST-token'): Promise<FakeTelegram> {
  const log = createCallLog<ApiCall>();
  const calls = log.calls;
  const files = new Map<string, { path: string; bytes: Buffer }>();
  const updates: Record<string, unknown>[] = [];
  const pollers = new Set<() => void>();
  const rateLimits = new Map<string, number>();
  const messages = new Map<string, { text: string; replyMarkup?: unknown; replyTo?: number }>();
  let nextUpdateId = 1;
  let nextMessageId = 5000;
  let nextFileId = 1;

  function message(params: Record<string, unknown>, id: number) {
    const chatId = Number(params.chat_id);
    return {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: chatId > 0 ? 'private' : 'group' },
      from: botUser,
      text: params.text ?? params.caption,
    };
  }

  function answer(method: string, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return {
          ...botUser,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        };
      case 'getFile': {
        const file = files.get(String(params.file_id));
        if (!file) throw Object.assign(new Error('Bad Request: invalid file_id'), { code: 400 });
        return {
          file_id: params.file_id,
          file_unique_id: `u${params.file_id}`,
          file_size: file.bytes.length,
          file_path: file.path,
        };
      }
      case 'sendMessage':
      case 'sendPhoto': {
        // As the Bot API: text up to 4,096 characters, captions up to 1,024.
        if (String(params.text ?? '').length > 4096) {
          throw Object.assign(new Error('Bad Request: message is too long'), { code: 400 });
        }
        if (String(params.caption ?? '').length > 1024) {
          throw Object.assign(new Error('Bad Request: message caption is too long'), { code: 400 });
        }
        const id = nextMessageId++;
        const replyTo = (params.reply_parameters as { message_id?: number } | undefined)?.message_id;
        messages.set(`${params.chat_id}:${id}`, {
          text: String(params.text ?? params.caption ?? ''),
          replyMarkup: params.reply_markup,
          replyTo,
        });
        return message(params, id);
      }
      case 'editMessageText': {
        const key = `${params.chat_id}:${params.message_id}`;
        const existing = messages.get(key);
        if (!existing) throw Object.assign(new Error('Bad Request: message to edit not found'), { code: 400 });
        if (
          existing.text === params.text &&
          JSON.stringify(existing.replyMarkup) === JSON.stringify(params.reply_markup)
        ) {
          throw Object.assign(new Error('Bad Request: message is not modified'), { code: 400 });
        }
        messages.set(key, { ...existing, text: String(params.text), replyMarkup: params.reply_markup });
        return message(params, Number(params.message_id));
      }
      default:
        return true;
    }
  }

  function send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const filePrefix = `/file/bot${token}/`;
    if (url.pathname.startsWith(filePrefix)) {
      const path = url.pathname.slice(filePrefix.length);
      const file = [...files.values()].find((candidate) => candidate.path === path);
      if (!file) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
      res.end(file.bytes);
      return;
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!match || match[1] !== token) {
      return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    const method = match[2]!;
    const params = await readParams(req);
    if (method === 'getUpdates') {
      const offset = Number(params.offset ?? 0);
      while (updates.length && Number(updates[0]!.update_id) < offset) updates.shift();
      if (updates.length === 0) {
        // Long polling, shortened so that a stopping bot is not held for long.
        const waitMs = Math.min(Number(params.timeout ?? 0) * 1000, 1000);
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            pollers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, waitMs);
          pollers.add(wake);
        });
      }
      const limit = Number(params.limit ?? 100);
      return send(res, 200, { ok: true, result: updates.filter((u) => Number(u.update_id) >= offset).slice(0, limit) });
    }
    log.record({ method, params });
    const retryAfter = rateLimits.get(method);
    if (retryAfter !== undefined) {
      rateLimits.delete(method);
      return send(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      });
    }
    try {
      send(res, 200, { ok: true, result: answer(method, params) });
    } catch (error) {
      const { code, message } = error as { code: number; message: string };
      send(res, code, { ok: false, error_code: code, description: message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    addFile(bytes) {
      const id = `file-${nextFileId++}`;
      files.set(id, { path: `photos/${id}.bin`, bytes });
      return id;
    },
    addFileWithId(id, bytes) {
      files.set(id, { path: `photos/${id}.bin`, bytes });
    },
    pushUpdate(update) {
      const id = Number(update.update_id ?? nextUpdateId);
      nextUpdateId = Math.max(nextUpdateId, id + 1);
      updates.push({ ...update, update_id: id });
      for (const wake of [...pollers]) wake();
      return id;
    },
    rateLimitNext(method, retryAfterSeconds) {
      rateLimits.set(method, retryAfterSeconds);
    },
    waitForCall: (match, timeoutMs) => log.waitFor(match, timeoutMs),

    messagesIn(chatId) {
      const result = new Map<number, { text: string; replyMarkup?: unknown; replyTo?: number }>();
      for (const [key, value] of messages) {
        const [chat, id] = key.split(':');
        if (Number(chat) === chatId) result.set(Number(id), value);
      }
      return result;
    },
    async close() {
      for (const wake of [...pollers]) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
