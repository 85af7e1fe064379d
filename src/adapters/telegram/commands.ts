// /start and /help, /my (this month by category), /undo (delete the last receipt), /web (sign-in link).
import { Composer, type Context } from 'grammy';
import { findOrCreateUser } from '../../receipts/users.ts';
import { helpText, monthText, notEnrolled } from '../chat/summary.ts';
import { webLinkText } from '../chat/web-link.ts';
import { isEnrolled, senderOf, type TelegramDependencies } from './context.ts';
import { showReceipt } from './show-receipt.ts';

export const telegramCommands = [
  { command: 'help', description: 'What to send me' },
  { command: 'my', description: 'Your receipts this month' },
  { command: 'undo', description: 'Delete your last receipt' },
  { command: 'web', description: 'A sign-in link to the web page' },
  { command: 'policy', description: 'The spending policy in plain words' },
  { command: 'digest', description: 'The weekly digest, now (admins)' },
];

export function commands(deps: TelegramDependencies): Composer<Context> {
  const { telegram, prisma, review } = deps;
  const composer = new Composer<Context>();

  composer.command(['start', 'help'], (ctx) => ctx.reply(helpText));

  const forEnrolled = (run: (ctx: Context, userId: string) => Promise<unknown>) => async (ctx: Context) => {
    const sender = senderOf(ctx, telegram);
    if (!sender) return;
    if (!isEnrolled(sender, telegram)) {
      await ctx.reply(notEnrolled);
      return;
    }
    const user = await findOrCreateUser(prisma, sender);
    await run(ctx, user.id);
  };

  composer.command(
    'my',
    forEnrolled(async (ctx, userId) => {
      const today = new Date();
      await ctx.reply(monthText(await review.month(userId, today), today));
    }),
  );

  composer.command(
    'undo',
    forEnrolled(async (ctx, userId) => {
      const last = await review.latest(userId);
      if (!last) {
        await ctx.reply('You have no receipt to delete.');
        return;
      }
      await showReceipt(ctx.api, await review.remove(last.id, userId));
      const what = [last.merchant, last.total?.toFixed(2)].filter(Boolean).join(', ') || 'your last receipt';
      await ctx.reply(`Deleted ${what}.`);
    }),
  );

  composer.command(
    'web',
    forEnrolled(async (ctx, userId) => {
      // Only in a private chat: a link in a group would let anyone there sign in as the sender.
      if (ctx.chat?.type !== 'private') {
        await ctx.reply('Send /web to me in a private chat.');
        return;
      }
      await ctx.reply(await webLinkText(deps, userId), { link_preview_options: { is_disabled: true } });
    }),
  );

  return composer;
}
