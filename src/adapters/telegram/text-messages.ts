// Plain text and /ask. In a private chat: a fix to a receipt ("total 12.50"), else a question (about
// everyone's receipts from an admin, the sender's own otherwise). In an admin chat: only what is
// addressed to the bot (src/adapters/chat/addressed.ts), and only admins get answers there.
import { Composer, type Context, InputFile } from 'grammy';
import type { MessageEntity } from 'grammy/types';
import { toAppError } from '../../errors.ts';
import type { User } from '../../generated/prisma/client.ts';
import { formatMoney } from '../../money.ts';
import { findOrCreateUser } from '../../receipts/users.ts';
import { askHow, isAddressedToBot, onlyAdminsAsk } from '../chat/addressed.ts';
import { askAgent } from '../chat/ask-agent.ts';
import { correctionHelp, parseCorrection } from '../chat/corrections.ts';
import { messageLimits, splitAnswer } from '../chat/long-answers.ts';
import { notEnrolled } from '../chat/summary.ts';
import { isAdminChat, isEnrolled, senderOf, type TelegramDependencies } from './context.ts';
import { showReceipt } from './show-receipt.ts';

/** Whether the message mentions the bot: "@its_username" or a mention of its user. */
function mentionsBot(ctx: Context): boolean {
  const text = ctx.msg?.text ?? '';
  const entities: MessageEntity[] = ctx.msg?.entities ?? [];
  const username = `@${ctx.me.username}`.toLowerCase();
  return entities.some(
    (entity) =>
      (entity.type === 'mention' &&
        text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === username) ||
      (entity.type === 'text_mention' && entity.user.id === ctx.me.id),
  );
}

/** The question without the bot's @username. */
function withoutMention(ctx: Context, text: string): string {
  return text.replaceAll(new RegExp(`@${ctx.me.username}\\b`, 'gi'), '').trim();
}

export function textMessages(deps: TelegramDependencies): Composer<Context> {
  const { telegram, prisma, review, agent, logger } = deps;
  const composer = new Composer<Context>();

  async function answerQuestion(ctx: Context, text: string, asker: User, scope: 'everyone' | 'own') {
    const replyTo = { reply_parameters: { message_id: ctx.msgId!, allow_sending_without_reply: true } };
    const answer = await askAgent(agent, { text, asker, scope }, logger);
    for (const part of splitAnswer(answer.text, messageLimits.telegram)) await ctx.reply(part, replyTo);
    if (answer.chart) {
      await ctx.replyWithPhoto(new InputFile(answer.chart.png, 'chart.png'), {
        caption: answer.chart.title,
        ...replyTo,
      });
    }
  }

  /** A question in an admin chat or a private one; elsewhere the bot does not answer. */
  async function ask(ctx: Context, text: string): Promise<void> {
    const sender = senderOf(ctx, telegram);
    if (!sender || !ctx.chat) return;
    const replyTo = { reply_parameters: { message_id: ctx.msgId!, allow_sending_without_reply: true } };
    if (isAdminChat(ctx, telegram)) {
      const user = await findOrCreateUser(prisma, sender);
      // A non-admin's own figures are not for the group to read.
      if (user.role !== 'admin') {
        await ctx.reply(onlyAdminsAsk, replyTo);
        return;
      }
      return answerQuestion(ctx, text, user, 'everyone');
    }
    if (ctx.chat.type !== 'private') {
      await ctx.reply('Ask me in a private chat.', replyTo);
      return;
    }
    if (!isEnrolled(sender, telegram)) {
      await ctx.reply(notEnrolled);
      return;
    }
    const user = await findOrCreateUser(prisma, sender);
    return answerQuestion(ctx, text, user, user.role === 'admin' ? 'everyone' : 'own');
  }

  composer.command('ask', async (ctx) => {
    const question = ctx.match.trim();
    if (!question) {
      await ctx.reply(askHow);
      return;
    }
    await ask(ctx, question);
  });

  composer.on('message:text', async (ctx) => {
    const text = ctx.msg.text;
    if (text.startsWith('/')) return;
    const sender = senderOf(ctx, telegram);
    if (!sender) return;
    if (isAdminChat(ctx, telegram)) {
      const addressed = isAddressedToBot({
        text,
        direct: false,
        mentionsBot: mentionsBot(ctx),
        repliesToBot: ctx.msg.reply_to_message?.from?.id === ctx.me.id,
        askCommand: false,
      });
      if (addressed) await ask(ctx, withoutMention(ctx, text));
      return;
    }
    if (ctx.chat.type !== 'private') return; // group chatter is not for us
    if (!isEnrolled(sender, telegram)) {
      await ctx.reply(notEnrolled);
      return;
    }
    const user = await findOrCreateUser(prisma, sender);
    const parsed = parseCorrection(text, {
      categories: deps.categories,
      dateOrder: deps.dateOrder,
      today: new Date(),
      maxReceiptTotal: deps.maxReceiptTotal,
    });
    if (!parsed) return ask(ctx, text);
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
