// The words both bots use for a receipt, so Telegram and Slack say the same thing the same way.

import type { Receipt } from '../../generated/prisma/client.ts';
import { isoDay } from '../../iso-date.ts';
import { formatMoney } from '../../money.ts';
import type { CategoryTotal, ReceiptWithItems } from '../../receipts/review.ts';
import { countOf, sentences } from '../../words.ts';
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
      return { title: `Deleted: ${receiptLabel(receipt)}.`, lines: [] };
    default: {
      const lines = [
        `Date: ${receipt.purchaseDate ? isoDay(receipt.purchaseDate) : 'not found'}`,
        `Total: ${receipt.total ? formatMoney(receipt.total.toFixed(2), receipt.currency) : 'not found'}`,
      ];
      if (receipt.tax) lines.push(`Tax: ${formatMoney(receipt.tax.toFixed(2), receipt.currency)}`);
      lines.push(`Category: ${receipt.category ?? 'none'}`);
      if (receipt.note) lines.push(`Note: ${receipt.note}`);
      if (receipt.items.length > 0) lines.push(`Line items: ${receipt.items.length}`);
      if (receipt.status === 'needs_review' && receipt.reviewReasons.length > 0) {
        lines.push(`Please check: ${sentences(receipt.reviewReasons)}`);
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

/** Which receipt this is, in one line: "CORNER CAFE, 2026-10-03, €6.50". */
export function receiptLabel(receipt: Receipt): string {
  const parts = [
    receipt.merchant,
    receipt.purchaseDate ? isoDay(receipt.purchaseDate) : null,
    receipt.total ? formatMoney(receipt.total.toFixed(2), receipt.currency) : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : `the receipt you sent on ${isoDay(receipt.createdAt)}`;
}

/** The sending date is said in words, apart from the receipt's own date below it. */
export function duplicateText(receipt: ReceiptWithItems): string {
  return `You sent this receipt already, on ${isoDay(receipt.createdAt)}. Here it is:\n\n${summaryText(receipt)}`;
}

/** A file refused at intake: the reason already says it cannot be read ("That file is not something I can read…"). */
export function cannotReadText(reason: string): string {
  return /\b(?:can(?:not)?|can't|could not) (?:read|open)\b/i.test(reason)
    ? reason
    : `I cannot read this file. ${reason}`;
}

export const duplicateNote = 'You sent this receipt already.';

/** Days counted as "sent recently" in /my. */
export const recentDays = 7;
const recentShown = 5;

/**
 * /my: what the sender sent lately (by sending date, whatever the receipts' own dates), then this
 * month's receipts by purchase date, so last month's receipts sent today are not missing from it.
 */
export function myReceiptsText(
  mine: { recent: Receipt[]; month: { count: number; totals: CategoryTotal[] } },
  today = new Date(),
): string {
  const lines: string[] = [];
  const { recent, month } = mine;
  if (recent.length === 0) {
    lines.push(`Sent in the last ${recentDays} days: none.`);
  } else {
    lines.push(`Sent in the last ${recentDays} days: ${countOf(recent.length, 'receipt')}`);
    lines.push(...recent.slice(0, recentShown).map((receipt) => `• ${receiptLabel(receipt)}`));
    if (recent.length > recentShown) lines.push(`and ${recent.length - recentShown} more`);
  }
  const name = today.toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  if (month.count === 0) {
    lines.push(`Bought in ${name}: no receipts yet.`);
  } else {
    lines.push(`Bought in ${name}: ${countOf(month.count, 'receipt')}`);
    lines.push(
      ...month.totals.map(
        (group) =>
          `${group.category ?? 'uncategorised'}: ${formatMoney(group.total, group.currency)} (${countOf(group.count, 'receipt')})`,
      ),
    );
  }
  return lines.join('\n');
}

export const helpText = [
  'Send me a photo of a receipt (or the image or PDF as a file) and I will read it for you.',
  'Add a caption to the photo (like "taxi to the airport") and it becomes the receipt\'s note.',
  'Commands: /my for your receipts, /undo to delete your last receipt, /web to open the web page, /ask for a question.',
].join('\n');

export const notEnrolled = 'Sorry, you are not enrolled for expenses here. Ask an admin to add you.';
export const confirmDeleteText = 'Delete this receipt? Tap again to confirm.';

/** /undo asks first, naming the receipt it would delete. */
export function undoQuestion(receipt: Receipt): string {
  return `Delete your last receipt, ${receiptLabel(receipt)}?`;
}
