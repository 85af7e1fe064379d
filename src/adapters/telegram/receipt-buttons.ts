// Confirm, Edit (category buttons or a typed fix), Delete (second tap) under a receipt.
import { Composer, type Context } from 'grammy';
import { toAppError } from '../../errors.ts';
import { findOrCreateUser } from '../../receipts/users.ts';
import { correctionHelp } from '../chat/corrections.ts';
import { confirmDeleteText, summaryText } from '../chat/summary.ts';
import { senderOf, type TelegramDependencies } from './context.ts';
import { actions, categoryKeyboard, confirmDeleteKeyboard, receiptKeyboard } from './keyboards.ts';
import { showReceipt } from './show-receipt.ts';

const uuid = '[0-9a-f-]{36}';
const pattern = (action: string, extra = '') => new RegExp(`^${action}:(${uuid})${extra}$`);

export function receiptButtons(deps: TelegramDependencies): Composer<Context> {
  const { telegram, review, prisma, categories, logger } = deps;
  const composer = new Composer<Context>();

  /** Runs an action on the sender's receipt; errors become a short notice on the button. */
  async function onReceipt(ctx: Context, run: (userId: string, receiptId: string) => Promise<void>) {
    const sender = senderOf(ctx, telegram);
    const receiptId = ctx.match?.[1];
    if (!sender || !receiptId) return;
    try {
      const user = await findOrCreateUser(prisma, sender);
      await run(user.id, receiptId);
      await ctx.answerCallbackQuery();
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'internal') logger.error({ err: error, receiptId }, 'telegram button failed');
      await ctx.answerCallbackQuery({ text: appError.userMessage, show_alert: true });
    }
  }

  composer.callbackQuery(pattern(actions.confirm), (ctx) =>
    onReceipt(ctx, async (userId, receiptId) => {
      const receipt = await review.confirm(receiptId, userId);
      await ctx.editMessageText(summaryText(receipt), { reply_markup: receiptKeyboard(receipt) });
    }),
  );

  composer.callbackQuery(pattern(actions.edit), (ctx) =>
    onReceipt(ctx, async (userId, receiptId) => {
      await review.owned(receiptId, userId);
      await ctx.reply(`${correctionHelp}\nReply to the receipt message to fix it, or pick a category:`, {
        reply_markup: categoryKeyboard(receiptId, categories),
        reply_parameters: { message_id: ctx.msgId!, allow_sending_without_reply: true },
      });
    }),
  );

  composer.callbackQuery(pattern(actions.category, ':(\\d+)'), (ctx) =>
    onReceipt(ctx, async (userId, receiptId) => {
      const category = categories[Number(ctx.match[2])];
      if (!category) return;
      const receipt = await review.correct(receiptId, userId, { field: 'category', value: category });
      await ctx.editMessageText(`Category set to ${category}.`);
      await showReceipt(ctx.api, receipt);
    }),
  );

  composer.callbackQuery(pattern(actions.askDelete), (ctx) =>
    onReceipt(ctx, async (userId, receiptId) => {
      const receipt = await review.owned(receiptId, userId);
      await ctx.editMessageText(`${summaryText(receipt)}\n\n${confirmDeleteText}`, {
        reply_markup: confirmDeleteKeyboard(receiptId),
      });
    }),
  );

  composer.callbackQuery(pattern(actions.keep), (ctx) =>
    onReceipt(ctx, async (userId, receiptId) => {
      const receipt = await review.owned(receiptId, userId);
      await ctx.editMessageText(summaryText(receipt), { reply_markup: receiptKeyboard(receipt) });
    }),
  );

  composer.callbackQuery(pattern(actions.delete), (ctx) =>
    onReceipt(ctx, async (userId, receiptId) => {
      const receipt = await review.remove(receiptId, userId);
      await ctx.editMessageText(summaryText(receipt));
      // Pressed under /undo's question: the receipt's own message says it is gone too.
      if (receipt.replyMessageId !== String(ctx.msgId)) await showReceipt(ctx.api, receipt);
    }),
  );

  return composer;
}
