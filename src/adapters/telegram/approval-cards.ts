// Approval cards in Telegram admin chats: inline buttons whose callback data is "<action>:<receipt id>"
// or "<action>:<when the batch was drawn, ms>", within Telegram's 64 bytes.
import { type Api, GrammyError, InlineKeyboard } from 'grammy';

export const approvalActions = {
  approve: 'aa',
  reject: 'aj',
  approveBatch: 'ab',
  listBatch: 'ag',
} as const;

export function receiptCardKeyboard(receiptId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text('Approve', `${approvalActions.approve}:${receiptId}`)
    .text('Reject', `${approvalActions.reject}:${receiptId}`);
}

export function batchCardKeyboard(shownAt: number): InlineKeyboard {
  return new InlineKeyboard()
    .text('Approve all within policy', `${approvalActions.approveBatch}:${shownAt}`)
    .row()
    .text('Go through them', `${approvalActions.listBatch}:${shownAt}`);
}

/** Sends a card; returns its message id. */
export async function postTelegramCard(api: Api, chatId: string, text: string, keyboard?: InlineKeyboard) {
  const sent = await api.sendMessage(chatId, text, { reply_markup: keyboard });
  return String(sent.message_id);
}

/** Edits a card in place; false when it is gone (deleted), so the caller posts a new one. */
export async function editTelegramCard(
  api: Api,
  chatId: string,
  messageId: string,
  text: string,
  keyboard?: InlineKeyboard,
): Promise<boolean> {
  try {
    await api.editMessageText(chatId, Number(messageId), text, { reply_markup: keyboard });
    return true;
  } catch (error) {
    if (error instanceof GrammyError && error.description.includes('message is not modified')) return true;
    if (error instanceof GrammyError && error.error_code === 400) return false;
    throw error;
  }
}
