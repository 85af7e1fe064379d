// Inline buttons under a receipt. Callback data is "<action>:<receipt id>[:<category index>]", within
// Telegram's 64 bytes.
import { InlineKeyboard } from 'grammy';
import type { ReceiptWithItems } from '../../pipeline/review.ts';

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
  switch (receipt.status) {
    case 'needs_review':
      return new InlineKeyboard()
        .text('Confirm', `${actions.confirm}:${id}`)
        .text('Edit', `${actions.edit}:${id}`)
        .text('Delete', `${actions.askDelete}:${id}`);
    case 'confirmed':
      return new InlineKeyboard().text('Edit', `${actions.edit}:${id}`).text('Delete', `${actions.askDelete}:${id}`);
    case 'failed':
      return new InlineKeyboard().text('Delete', `${actions.askDelete}:${id}`);
    default:
      return undefined;
  }
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
