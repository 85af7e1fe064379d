// What every Telegram feature needs, and the sender as our pipeline knows them.
import type { Context } from 'grammy';
import type { Config } from '../../config.ts';
import type { Sender } from '../../receipts/users.ts';
import type { ChatDependencies } from '../chat/dependencies.ts';

export type TelegramConfig = NonNullable<Config['telegram']>;

export interface TelegramDependencies extends ChatDependencies {
  telegram: TelegramConfig;
}

export function senderOf(ctx: Context, telegram: TelegramConfig): Sender | null {
  const from = ctx.from;
  if (!from || from.is_bot) return null;
  const id = String(from.id);
  return {
    platform: 'telegram',
    platformUserId: id,
    displayName: [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username,
    admin: telegram.adminUserIds.includes(id),
  };
}

export function isEnrolled(sender: Sender, telegram: TelegramConfig): boolean {
  return (
    sender.admin === true ||
    telegram.allowedUserIds.length === 0 ||
    telegram.allowedUserIds.includes(sender.platformUserId)
  );
}

export function isAdminChat(ctx: Context, telegram: TelegramConfig): boolean {
  return ctx.chat !== undefined && telegram.adminChatIds.includes(String(ctx.chat.id));
}
