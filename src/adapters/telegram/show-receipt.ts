// Puts a receipt's current state in its status message: edits the bot's answer to the photo, or
// answers the photo anew when there is none. Used by the bot and by workers in other processes.
import { type Api, GrammyError } from 'grammy';
import type { ReceiptWithItems } from '../../receipts/review.ts';
import { summaryText } from '../chat/summary.ts';
import { receiptKeyboard } from './keyboards.ts';

export async function showReceipt(api: Api, receipt: ReceiptWithItems): Promise<void> {
  if (!receipt.sourceChatId) return;
  const text = summaryText(receipt);
  const reply_markup = receiptKeyboard(receipt);
  try {
    if (receipt.replyMessageId) {
      await api.editMessageText(receipt.sourceChatId, Number(receipt.replyMessageId), text, { reply_markup });
      return;
    }
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
    // The status message is gone (deleted by the user): answer the photo anew below.
  }
  await api.sendMessage(receipt.sourceChatId, text, {
    reply_markup,
    reply_parameters: receipt.sourceMessageId
      ? { message_id: Number(receipt.sourceMessageId), allow_sending_without_reply: true }
      : undefined,
  });
}
