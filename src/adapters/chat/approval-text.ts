// The words for approvals, the same on Telegram, Slack and the web: what a sender is told when an
// admin decides, what an approval card says, and the lines a receipt's card shows about its approval.
import { isoDay } from '../../iso-date.ts';
import { formatMoney } from '../../money.ts';
import { approvalStateText, violationsOf } from '../../receipts/approvals.ts';
import type { ReceiptWithItems } from '../../receipts/review.ts';

/** "CORNER CAFE, €12.50 (2026-10-03)" */
export function receiptLabel(receipt: ReceiptWithItems): string {
  const amount = receipt.total ? formatMoney(receipt.total.toFixed(2), receipt.currency) : 'no total';
  const date = receipt.purchaseDate ? ` (${isoDay(receipt.purchaseDate)})` : '';
  return `${receipt.merchant ?? 'Receipt'}, ${amount}${date}`;
}

/** What a receipt's own card adds about its approval and the policy. */
export function approvalLines(receipt: ReceiptWithItems): string[] {
  const lines = violationsOf(receipt).map((violation) => `⚠ ${violation.message}`);
  if (receipt.approvalState === 'rejected') {
    lines.push(`Rejected: ${receipt.rejectionReason ?? 'no reason given'}. Fix it and confirm it again.`);
  } else if (receipt.approvalState) {
    lines.push(`Approval: ${approvalStateText(receipt.approvalState)}`);
  }
  return lines;
}

export function approvedNotice(receipt: ReceiptWithItems): string {
  return `Approved: ${receiptLabel(receipt)}. It will be paid back with the next payout.`;
}

export function rejectedNotice(receipt: ReceiptWithItems): string {
  return [
    `Rejected: ${receiptLabel(receipt)}.`,
    `Reason: ${receipt.rejectionReason ?? 'none given'}`,
    'Fix it (reply to the receipt, or Edit) and press Confirm to send it again.',
  ].join('\n');
}

export const notAdminPress = 'Only an admin can approve or reject receipts. Nothing was changed.';
