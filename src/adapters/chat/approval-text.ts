// The words for approvals, the same on Telegram, Slack and the web: what a sender is told when an
// admin decides, what an approval card says, and the lines a receipt's card shows about its approval.
import { isoDay } from '../../iso-date.ts';
import { formatCents, formatMoney } from '../../money.ts';
import { approvalStateText, violationsOf } from '../../receipts/approvals.ts';
import type { PayoutLine, PersonOwed } from '../../receipts/payouts.ts';
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

/** One line per currency: "€412.30", or "€400.00 + $12.30". */
export function totalsText(receipts: readonly ReceiptWithItems[]): string {
  const cents = new Map<string, bigint>();
  for (const receipt of receipts) {
    if (!receipt.total) continue;
    const currency = receipt.currency ?? '';
    cents.set(currency, (cents.get(currency) ?? 0n) + BigInt(receipt.total.mul(100).toFixed(0)));
  }
  if (cents.size === 0) return formatMoney('0.00', 'EUR');
  return [...cents].map(([currency, amount]) => formatMoney(formatCents(amount), currency || null)).join(' + ');
}

type WithPerson = ReceiptWithItems & { user: { displayName: string } };

/** A card of its own, for a receipt above the threshold. */
export function approvalCardText(receipt: WithPerson): string {
  const category = receipt.category ? `, ${receipt.category}` : '';
  return [
    `To approve: ${receipt.user.displayName}: ${receiptLabel(receipt)}${category}`,
    ...violationsOf(receipt).map((violation) => `⚠ ${violation.message}`),
  ].join('\n');
}

/** What the card says once decided. */
export function decidedCardText(receipt: WithPerson, by: string): string {
  const what = `${receipt.user.displayName}: ${receiptLabel(receipt)}`;
  if (receipt.approvalState === 'rejected') return `✗ Rejected by ${by}: ${what}\nReason: ${receipt.rejectionReason}`;
  if (receipt.approvalState === 'approved') return `✓ Approved by ${by}: ${what}`;
  return `${what}: ${approvalStateText(receipt.approvalState)}`;
}

const batchLines = 15;

/** The batched card: "7 receipts to approve, €412.30" and a line each (the first few). */
export function batchCardText(batch: readonly WithPerson[]): string {
  if (batch.length === 0) return 'Nothing left to approve in this batch.';
  const flagged = batch.filter((receipt) => violationsOf(receipt).length > 0).length;
  const lines = batch
    .slice(0, batchLines)
    .map(
      (receipt) => `• ${receipt.user.displayName}: ${receiptLabel(receipt)}${violationsOf(receipt).length ? ' ⚠' : ''}`,
    );
  if (batch.length > batchLines) lines.push(`… and ${batch.length - batchLines} more`);
  return [
    `${batch.length} receipt${batch.length === 1 ? '' : 's'} to approve, ${totalsText(batch)}`,
    ...lines,
    ...(flagged
      ? [`⚠ ${flagged} break${flagged === 1 ? 's' : ''} a policy rule: not in "Approve all within policy".`]
      : []),
  ].join('\n');
}

export function bulkApprovedText(count: number, skipped: number, by: string): string {
  const left = skipped ? ` ${skipped} left for a closer look.` : '';
  return `✓ ${by} approved ${count} receipt${count === 1 ? '' : 's'}.${left}`;
}

export const rejectPrompt = (label: string, receiptId: string) =>
  `Why reject ${label}? Reply to this message with the reason. (ref ${receiptId})`;
export const rejectPromptRef = /\(ref ([0-9a-f-]{36})\)$/;

/** The one message a person gets for a payout: how much, under which reference, for which receipts. */
export function paidNotice(line: PayoutLine, reference: string): string {
  const amount = line.amounts.map((a) => formatMoney(a.amount, a.currency)).join(' + ');
  return [
    `Paid back: ${amount} for ${line.receipts} receipt${line.receipts === 1 ? '' : 's'} (reference ${reference}):`,
    ...line.receiptList.map((receipt) => `• ${receiptLabel(receipt)}`),
  ].join('\n');
}

/** "What do we owe each person?" in a chat. */
export function owedText(people: readonly PersonOwed[]): string {
  if (people.length === 0) return 'Nothing is owed: every approved receipt has been paid back.';
  return [
    'Owed (approved, not paid back yet):',
    ...people.map(
      (person) =>
        `• ${person.name}: ${person.amounts.map((a) => formatMoney(a.amount, a.currency)).join(' + ')} (${person.receipts} receipt${person.receipts === 1 ? '' : 's'})`,
    ),
  ].join('\n');
}

export function policyAlertText(
  receipt: ReceiptWithItems & { user: { displayName: string } },
  findings: readonly { message: string }[],
): string {
  return [
    `⚠ Policy alert: ${receipt.user.displayName}: ${receiptLabel(receipt)}`,
    ...findings.map((finding) => `• ${finding.message}`),
  ].join('\n');
}

export function policyText(lines: readonly string[]): string {
  return ['Spending policy:', ...lines].join('\n');
}
