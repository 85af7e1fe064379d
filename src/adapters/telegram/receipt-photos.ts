// A photo, an image or PDF sent as a file, or each photo of an album, in a chat that takes receipts
// (src/adapters/chat/receipt-chats.ts): answered at once with
// "Reading your receipt…", stored and queued; whoever finishes the job edits that message.
import { Composer, type Context } from 'grammy';
import { isAppError, toAppError } from '../../errors.ts';
import { refusedAtIntake } from '../../pipeline/intake.ts';
import { downloadFile, tooLargeMessage } from '../chat/download.ts';
import { createHandledEvents } from '../chat/handled-events.ts';
import { takesReceipts } from '../chat/receipt-chats.ts';
import { cannotReadText, duplicateText, notEnrolled, reading } from '../chat/summary.ts';
import { isEnrolled, senderOf, type TelegramDependencies } from './context.ts';
import { receiptKeyboard } from './keyboards.ts';

/** The Bot API serves files up to 20 MB to bots (a self-hosted Bot API server serves more). */
const botApiDownloadLimit = 20 * 1024 * 1024;

export function receiptPhotos(deps: TelegramDependencies): Composer<Context> {
  const { telegram, receipts, logger } = deps;
  const limit =
    telegram.apiRoot === 'https://api.telegram.org'
      ? Math.min(botApiDownloadLimit, deps.maxUploadBytes)
      : deps.maxUploadBytes;
  const handled = createHandledEvents(deps.prisma, 'telegram');
  const composer = new Composer<Context>();

  composer.on([':photo', ':document'], async (ctx) => {
    const sender = senderOf(ctx, telegram);
    const message = ctx.msg;
    if (!sender || !message) return;
    // Photos in groups that are not receipt chats (the admin chat included) are people's own business.
    if (!takesReceipts({ direct: ctx.chat.type === 'private', id: String(ctx.chat.id) }, telegram.receiptChatIds)) {
      return;
    }
    if (!isEnrolled(sender, telegram)) {
      await ctx.reply(notEnrolled);
      return;
    }
    const source = { chatId: String(ctx.chat.id), messageId: String(message.message_id) };
    // A replayed update (or the same message in a new one) was answered already.
    const eventKey = `${source.chatId}:${source.messageId}`;
    if ((await handled.seen(eventKey)) || (await receipts.findBySource('telegram', source))) return;

    const file = message.photo ? message.photo.at(-1)! : message.document!;
    const replyTo = { reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true } };
    if ((file.file_size ?? 0) > limit) {
      await ctx.reply(tooLargeMessage(limit), replyTo);
      await handled.mark(eventKey);
      return;
    }
    const status = await ctx.reply(reading, replyTo);
    const edit = (text: string, reply_markup?: ReturnType<typeof receiptKeyboard>) =>
      ctx.api.editMessageText(ctx.chat.id, status.message_id, text, { reply_markup });
    try {
      const { file_path } = await ctx.api.getFile(file.file_id);
      if (!file_path) throw new Error('Telegram returned no file path');
      const bytes = await downloadFile(`${telegram.apiRoot}/file/bot${telegram.token}/${file_path}`, limit);
      const outcome = await receipts.submit({
        bytes,
        sender,
        source: { ...source, replyMessageId: String(status.message_id) },
        note: message.caption,
      });
      if (outcome.kind === 'duplicate') {
        const earlier = await deps.review.owned(outcome.receipt.id, outcome.receipt.userId);
        await edit(duplicateText(earlier), receiptKeyboard(earlier));
      } else if (outcome.kind === 'redelivered') {
        await ctx.api.deleteMessage(ctx.chat.id, status.message_id).catch(() => {});
      }
    } catch (error) {
      if (isAppError(error, 'too_large')) {
        await edit(tooLargeMessage(limit));
      } else if (refusedAtIntake(error)) {
        await edit(cannotReadText(error.userMessage));
      } else {
        logger.error({ err: error, chatId: source.chatId }, 'telegram receipt intake failed');
        await edit(`Sorry, I could not take this receipt: ${toAppError(error).userMessage} Please send it again.`);
      }
    }
    await handled.mark(eventKey);
  });

  return composer;
}
