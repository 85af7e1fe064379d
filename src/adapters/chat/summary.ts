// The words both bots use for a receipt, so Telegram and Slack say the same thing the same way.
import { isoDay } from '../../iso-date.ts';
import { formatMoney } from '../../money.ts';
import type { CategoryTotal, ReceiptWithItems } from '../../receipts/review.ts';
import { approvalLines } from './approval-text.ts';

export const reading = 'Reading your receipt…';

/** The headline and the detail lines of a receipt's current state. */
export function receiptSummary(receipt: ReceiptWithItems): { title: string; lines: string[] } {
  switch (receipt.status) {
    case 'queued':
    case 'processing':
      return { title: reading, lines: [] };
    case 'failed':
      return {
        title: 'I could not read this receipt.',
        lines: [receipt.error ?? 'The image could not be read.', 'Try a sharper photo, flat and in good light.'],
      };
    case 'deleted':
      return { title: 'Receipt deleted.', lines: [] };
    default: {
      const lines = [
        `Date: ${receipt.purchaseDate ? isoDay(receipt.purchaseDate) : 'not found'}`,
        `Total: ${receipt.total ? formatMoney(receipt.total.toFixed(2), receipt.currency) : 'not found'}`,
      ];
      if (receipt.tax) lines.push(`Tax: ${formatMoney(receipt.tax.toFixed(2), receipt.currency)}`);
      lines.push(`Category: ${receipt.category ?? 'none'}`);
      if (receipt.items.length > 0) lines.push(`Line items: ${receipt.items.length}`);
      if (receipt.status === 'needs_review' && receipt.reviewReasons.length > 0) {
        lines.push(`Please check: ${receipt.reviewReasons.join('; ')}`);
      }
      if (receipt.confirmedAt) lines.push('Confirmed ✓');
      lines.push(...approvalLines(receipt));
      return { title: receipt.merchant ?? 'Receipt (merchant not found)', lines };
    }
  }
}

export function summaryText(receipt: ReceiptWithItems): string {
  const { title, lines } = receiptSummary(receipt);
  return [title, ...lines].join('\n');
}

export function duplicateText(receipt: ReceiptWithItems): string {
  return `You sent this receipt already (${isoDay(receipt.createdAt)}).\n${summaryText(receipt)}`;
}

export function monthText(month: { count: number; totals: CategoryTotal[] }, today = new Date()): string {
  const name = today.toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  if (month.count === 0) return `No receipts for ${name} yet.`;
  const rows = month.totals.map(
    (group) => `${group.category ?? 'uncategorised'}: ${formatMoney(group.total, group.currency)} (${group.count})`,
  );
  return [`Your receipts for ${name}: ${month.count}`, ...rows].join('\n');
}

export const helpText = [
  'Send me a photo of a receipt (or the image or PDF as a file) and I will read it for you.',
  'Commands: /my for this month, /undo to delete your last receipt, /web to open the web page.',
].join('\n');

export const notEnrolled = 'Sorry, you are not enrolled for expenses here. Ask an admin to add you.';
export const confirmDeleteText = 'Delete this receipt? Tap again to confirm.';
