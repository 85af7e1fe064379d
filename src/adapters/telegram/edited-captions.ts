// A photo's caption edited after sending: the receipt made from that message takes the new words as
// its note (and category hint), and its message shows them. Edited text messages are not fixes: a fix
// is a new message. Channel posts are never receipts, so their edits are not looked at.
import { Composer, type Context } from 'grammy';
import { toAppError } from '../../errors.ts';
import { findOrCreateUser } from '../../receipts/users.ts';
import { senderOf, type TelegramDependencies } from './context.ts';
import { showReceipt } from './show-receipt.ts';

export function editedCaptions(deps: TelegramDependencies): Composer<Context> {
  const { telegram, prisma, review, categories, logger } = deps;
  const composer = new Composer<Context>();

  composer.on('edited_message', async (ctx) => {
    const message = ctx.editedMessage;
    if (!message.photo && !message.document) return;
    const sender = senderOf(ctx, telegram);
    if (!sender) return;
    const user = await findOrCreateUser(prisma, sender);
    const source = {
      platform: 'telegram' as const,
      chatId: String(message.chat.id),
      messageId: String(message.message_id),
    };
    for (const receipt of await review.fromMessage(source, user.id)) {
      try {
        await showReceipt(ctx.api, await review.setNote(receipt.id, user.id, message.caption ?? null, categories));
      } catch (error) {
        logger.warn({ err: error, receiptId: receipt.id, code: toAppError(error).code }, 'edited caption not applied');
      }
    }
  });

  return composer;
}
