// /start and /help, /my (this month by category), /undo (delete the last receipt, once asked), /web (sign-in link); /ask is in text-messages.ts.
import { Composer, type Context } from 'grammy';
import { findOrCreateUser } from '../../receipts/users.ts';
import { helpText, myReceiptsText, notEnrolled, recentDays, undoQuestion } from '../chat/summary.ts';
import { webLinkText } from '../chat/web-link.ts';
import { isEnrolled, senderOf, type TelegramDependencies } from './context.ts';
import { confirmDeleteKeyboard } from './keyboards.ts';

export const telegramCommands = [
  { command: 'help', description: 'What to send me' },
  { command: 'my', description: 'Your receipts this month' },
  { command: 'undo', description: 'Delete your last receipt' },
  { command: 'web', description: 'A sign-in link to the web page' },
  { command: 'ask', description: 'Ask about receipts and spending' },
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
      const since = new Date(today.getTime() - recentDays * 24 * 3600 * 1000);
      const [recent, month] = await Promise.all([review.sentSince(userId, since), review.month(userId, today)]);
      await ctx.reply(myReceiptsText({ recent, month }, today));
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
      // Asked first, with the receipt named: the buttons delete this one receipt, once.
      await ctx.reply(undoQuestion(last), { reply_markup: confirmDeleteKeyboard(last.id) });
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
