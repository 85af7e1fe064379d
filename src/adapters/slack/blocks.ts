// Block Kit for a receipt: the summary with Confirm / Edit / Delete, the second-tap delete, and
// the Edit modal with every field prefilled.

import type { types } from '@slack/bolt';
import { isoDay } from '../../iso-date.ts';
import type { ReceiptWithItems } from '../../receipts/review.ts';
import { confirmDeleteText, receiptSummary, summaryText } from '../chat/summary.ts';

type KnownBlock = types.KnownBlock;
type View = types.View;

export const actionIds = {
  confirm: 'receipt_confirm',
  edit: 'receipt_edit',
  askDelete: 'receipt_delete',
  delete: 'receipt_delete_confirmed',
  keep: 'receipt_keep',
} as const;
export const editViewId = 'receipt_edit_view';

/** Slack's mrkdwn treats &, < and > as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function button(text: string, actionId: string, receiptId: string, style?: 'primary' | 'danger') {
  return {
    type: 'button' as const,
    text: { type: 'plain_text' as const, text },
    action_id: actionId,
    value: receiptId,
    ...(style ? { style } : {}),
  };
}

function buttonsFor(receipt: ReceiptWithItems) {
  const id = receipt.id;
  if (receipt.status === 'failed') return [button('Delete', actionIds.askDelete, id)];
  if (receipt.status !== 'needs_review' && receipt.status !== 'confirmed') return [];
  const buttons = [button('Edit', actionIds.edit, id), button('Delete', actionIds.askDelete, id)];
  return receipt.confirmedAt ? buttons : [button('Confirm', actionIds.confirm, id, 'primary'), ...buttons];
}

export function receiptMessage(receipt: ReceiptWithItems, note?: string): { text: string; blocks: KnownBlock[] } {
  const { title, lines } = receiptSummary(receipt);
  const body = [`*${escapeMrkdwn(title)}*`, ...lines.map(escapeMrkdwn), ...(note ? [note] : [])].join('\n');
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: body } }];
  const buttons = buttonsFor(receipt);
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'receipt_actions', elements: buttons });
  return { text: summaryText(receipt), blocks };
}

export function confirmDeleteMessage(receipt: ReceiptWithItems): { text: string; blocks: KnownBlock[] } {
  const { text, blocks } = receiptMessage(receipt, `_${confirmDeleteText}_`);
  return {
    text: `${text}\n\n${confirmDeleteText}`,
    blocks: [
      blocks[0]!,
      {
        type: 'actions',
        block_id: 'receipt_actions',
        elements: [
          button('Yes, delete it', actionIds.delete, receipt.id, 'danger'),
          button('Keep it', actionIds.keep, receipt.id),
        ],
      },
    ],
  };
}

/** The fields of the Edit modal; block ids are the correctable field names. */
export const editableFields = ['merchant', 'date', 'total', 'currency', 'category'] as const;

export function editModal(receipt: ReceiptWithItems, categories: readonly string[], metadata: string): View {
  const text = (field: string, label: string, initial: string | null | undefined, optional = true) => ({
    type: 'input' as const,
    block_id: field,
    optional,
    label: { type: 'plain_text' as const, text: label },
    element: {
      type: 'plain_text_input' as const,
      action_id: 'value',
      ...(initial ? { initial_value: initial } : {}),
    },
  });
  const option = (category: string) => ({ text: { type: 'plain_text' as const, text: category }, value: category });
  return {
    type: 'modal',
    callback_id: editViewId,
    private_metadata: metadata,
    title: { type: 'plain_text', text: 'Edit receipt' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      text('merchant', 'Merchant', receipt.merchant),
      {
        type: 'input',
        block_id: 'date',
        optional: true,
        label: { type: 'plain_text', text: 'Date' },
        element: {
          type: 'datepicker',
          action_id: 'value',
          ...(receipt.purchaseDate ? { initial_date: isoDay(receipt.purchaseDate) } : {}),
        },
      },
      text('total', 'Total', receipt.total?.toFixed(2)),
      text('currency', 'Currency (EUR, USD, …)', receipt.currency),
      {
        type: 'input',
        block_id: 'category',
        optional: true,
        label: { type: 'plain_text', text: 'Category' },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: categories.map(option),
          ...(receipt.category && categories.includes(receipt.category)
            ? { initial_option: option(receipt.category) }
            : {}),
        },
      },
    ],
  };
}
