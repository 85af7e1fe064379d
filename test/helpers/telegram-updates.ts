// Telegram updates as the Bot API delivers them, for tests that push them into the fake server.
import type { FakeTelegram } from '../fakes/telegram-server.ts';

let nextMessageId = 100;

/** A fresh id for a message or a callback query. */
export function nextId(): number {
  return nextMessageId++;
}

export function chatOf(user: { id: number }) {
  return { id: user.id, type: 'private' as const, first_name: 'x' };
}

/** What every message carries: a fresh id, the time, the chat and the sender. */
function message<T extends object>(user: From, chat: object, content: T) {
  return { message_id: nextId(), date: Math.floor(Date.now() / 1000), chat, from: user, ...content };
}

export function photoMessage(user: From, fileId: string, size: number) {
  return message(user, chatOf(user), {
    photo: [
      { file_id: `${fileId}-thumb`, file_unique_id: 'thumb', width: 90, height: 90, file_size: 900 },
      { file_id: fileId, file_unique_id: `u-${fileId}`, width: 760, height: 300, file_size: size },
    ],
  });
}

export function documentMessage(user: From, fileId: string, size: number, mime: string) {
  return message(user, chatOf(user), {
    document: {
      file_id: fileId,
      file_unique_id: `u-${fileId}`,
      file_name: 'receipt',
      mime_type: mime,
      file_size: size,
    },
  });
}

export function textMessage(user: From, text: string, chat: object = chatOf(user), replyTo?: number) {
  const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] : [];
  return message(user, chat, {
    text,
    entities,
    ...(replyTo ? { reply_to_message: { message_id: replyTo, date: 0, chat, text: '…' } } : {}),
  });
}

export type From = { id: number; first_name: string; is_bot: boolean };

/** Taps a button on message `messageId` in `chat`; resolves with the bot's answer to the tap. */
export async function pressButton(
  telegram: FakeTelegram,
  user: From,
  data: string,
  chat: { id: number } = chatOf(user),
  messageId = 1,
) {
  const id = `cb-${nextId()}`;
  telegram.pushUpdate({
    callback_query: {
      id,
      from: user,
      chat_instance: 'ci',
      data,
      message: { message_id: messageId, date: 0, chat, text: '…' },
    },
  });
  return telegram.waitForCall((call) => call.method === 'answerCallbackQuery' && call.params.callback_query_id === id);
}
