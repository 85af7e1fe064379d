// Plain text: in an admin chat (or from an admin in private) a question about everyone's receipts;
// from a sender in private, a fix to a receipt ("total 12.50") or else a question about their own.
import { Composer, type Context, InputFile } from 'grammy';
import { toAppError } from '../../errors.ts';
import type { User } from '../../generated/prisma/client.ts';
import { formatMoney } from '../../money.ts';
import { findOrCreateUser } from '../../receipts/users.ts';
import { askAgent } from '../chat/ask-agent.ts';
import { correctionHelp, parseCorrection } from '../chat/corrections.ts';
import { messageLimits, splitAnswer } from '../chat/long-answers.ts';
import { notEnrolled } from '../chat/summary.ts';
import { isAdminChat, isEnrolled, senderOf, type TelegramDependencies } from './context.ts';
import { showReceipt } from './show-receipt.ts';

export function textMessages(deps: TelegramDependencies): Composer<Context> {
  const { telegram, prisma, review, agent, logger } = deps;
  const composer = new Composer<Context>();

  async function answerQuestion(ctx: Context, asker: User, scope: 'everyone' | 'own') {
    const replyTo = { reply_parameters: { message_id: ctx.msgId!, allow_sending_without_reply: true } };
    const answer = await askAgent(agent, { text: ctx.msg!.text!, asker, scope }, logger);
    for (const part of splitAnswer(answer.text, messageLimits.telegram)) await ctx.reply(part, replyTo);
    if (answer.chart) {
      await ctx.replyWithPhoto(new InputFile(answer.chart.png, 'chart.png'), {
        caption: answer.chart.title,
        ...replyTo,
      });
    }
  }

  composer.on('message:text', async (ctx) => {
    const text = ctx.msg.text;
    if (text.startsWith('/')) return;
    const sender = senderOf(ctx, telegram);
    if (!sender) return;
    const adminChat = isAdminChat(ctx, telegram);
    if (!adminChat && ctx.chat.type !== 'private') return; // group chatter is not for us
    if (!adminChat && !isEnrolled(sender, telegram)) {
      await ctx.reply(notEnrolled);
      return;
    }
    const user = await findOrCreateUser(prisma, sender);
    if (adminChat) return answerQuestion(ctx, user, 'everyone');

    const parsed = parseCorrection(text, {
      categories: deps.categories,
      dateOrder: deps.dateOrder,
      today: new Date(),
      maxReceiptTotal: deps.maxReceiptTotal,
    });
    if (!parsed) return answerQuestion(ctx, user, user.role === 'admin' ? 'everyone' : 'own');
    if (!parsed.ok) {
      await ctx.reply(`${parsed.problem}\n${correctionHelp}`);
      return;
    }
    const repliedTo = ctx.msg.reply_to_message?.message_id;
    const target = repliedTo
      ? await review.answeredBy(
          { platform: 'telegram', chatId: String(ctx.chat.id), messageId: String(repliedTo) },
          user.id,
        )
      : null;
    const receipt = target ?? (await review.latest(user.id));
    if (!receipt) {
      await ctx.reply('You have no receipt to fix yet. Send me a photo first.');
      return;
    }
    try {
      const corrected = await review.correct(receipt.id, user.id, parsed.correction);
      const { field, value } = parsed.correction;
      const shown = field === 'total' || field === 'tax' ? formatMoney(value, corrected.currency) : value;
      await showReceipt(ctx.api, corrected);
      await ctx.reply(`${field[0]!.toUpperCase()}${field.slice(1)} set to ${shown}.`);
    } catch (error) {
      await ctx.reply(toAppError(error).userMessage);
    }
  });

  return composer;
}
