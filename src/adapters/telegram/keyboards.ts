// Inline buttons under a receipt. Callback data is "<action>:<receipt id>[:<category index>]", within
// Telegram's 64 bytes.
import { InlineKeyboard } from 'grammy';
import type { ReceiptWithItems } from '../../receipts/review.ts';

export const actions = {
  confirm: 'rc',
  edit: 're',
  askDelete: 'rd',
  delete: 'rx',
  keep: 'rk',
  category: 'rg',
} as const;

export function receiptKeyboard(receipt: ReceiptWithItems): InlineKeyboard | undefined {
  const id = receipt.id;
  if (receipt.status === 'failed') return new InlineKeyboard().text('Delete', `${actions.askDelete}:${id}`);
  if (receipt.status !== 'needs_review' && receipt.status !== 'confirmed') return undefined;
  const keyboard = new InlineKeyboard();
  if (!receipt.confirmedAt) keyboard.text('Confirm', `${actions.confirm}:${id}`);
  return keyboard.text('Edit', `${actions.edit}:${id}`).text('Delete', `${actions.askDelete}:${id}`);
}

export function confirmDeleteKeyboard(receiptId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text('Yes, delete it', `${actions.delete}:${receiptId}`)
    .text('Keep it', `${actions.keep}:${receiptId}`);
}

export function categoryKeyboard(receiptId: string, categories: readonly string[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  categories.forEach((category, index) => {
    keyboard.text(category, `${actions.category}:${receiptId}:${index}`);
    if (index % 3 === 2) keyboard.row();
  });
  return keyboard;
}
