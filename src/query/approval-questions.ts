// Questions about approval states, answered beside the planner (kept apart so the planner can change
// freely): "how much is waiting for approval?", "what was reimbursed in October?", "rejected receipts
// this month", "what do we owe each person?". A state reached in a period counts by when it was
// reached (the approval_events row), not by the date of purchase; without a period, by the state
// receipts are in now.
import { Prisma, type PrismaClient } from '../db/client.ts';
import type { ApprovalState } from '../generated/prisma/client.ts';
import { isoDay } from '../iso-date.ts';
import { formatMoney } from '../money.ts';
import type { QueryAnswer } from './agent.ts';
import { takePeriod } from './periods.ts';

const stateWords: [RegExp, ApprovalState][] = [
  [/\b(waiting|pending|awaiting|to approve|for approval|unapproved|not approved yet)\b/, 'submitted'],
  [/\b(reimbursed|paid back|repaid|paid out)\b/, 'reimbursed'],
  [/\b(rejected|refused|declined)\b/, 'rejected'],
  [/\b(approved)\b/, 'approved'],
];
const owedWords = /\b(owe|owed|owing|do we have to pay|to pay back|outstanding)\b/;

const headings: Record<ApprovalState, string> = {
  submitted: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
  reimbursed: 'Reimbursed',
};

type Found = Prisma.ReceiptGetPayload<{ include: { user: { select: { displayName: true } } } }>;

function totals(receipts: Found[]): { currency: string | null; amount: string }[] {
  const sums = new Map<string, Prisma.Decimal>();
  for (const receipt of receipts) {
    if (!receipt.total) continue;
    const currency = receipt.currency ?? '';
    sums.set(currency, (sums.get(currency) ?? new Prisma.Decimal(0)).add(receipt.total));
  }
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sum]) => ({ currency: currency || null, amount: sum.toFixed(2) }));
}

const moneyText = (amounts: { currency: string | null; amount: string }[]) =>
  amounts.length ? amounts.map((a) => formatMoney(a.amount, a.currency)).join(' + ') : formatMoney('0.00', 'EUR');

const plural = (count: number) => `${count} receipt${count === 1 ? '' : 's'}`;

/** An answer when the question is about approval states; null leaves it to the planner. */
export async function answerApprovalQuestion(
  prisma: PrismaClient,
  { text, today, userId }: { text: string; today: Date; userId: string | null },
): Promise<QueryAnswer | null> {
  const lower = text.toLowerCase();
  const owed = owedWords.test(lower);
  const state = owed ? 'approved' : stateWords.find(([pattern]) => pattern.test(lower))?.[1];
  if (!state) return null;
  const { period } = takePeriod(lower, today);
  const mine = userId ? { userId } : {};
  let receipts: Found[];
  if (period && !owed && state !== 'submitted') {
    receipts = await prisma.receipt.findMany({
      where: {
        ...mine,
        status: { not: 'deleted' },
        approvalEvents: {
          some: {
            toState: state,
            createdAt: {
              gte: new Date(`${period.from}T00:00:00Z`),
              lt: new Date(Date.parse(`${period.to}T00:00:00Z`) + 86_400_000),
            },
          },
        },
      },
      include: { user: { select: { displayName: true } } },
      orderBy: { createdAt: 'asc' },
    });
  } else {
    receipts = await prisma.receipt.findMany({
      where: {
        ...mine,
        status: { not: 'deleted' },
        approvalState: state,
        ...(period && !owed ? { purchaseDate: { gte: new Date(period.from), lte: new Date(period.to) } } : {}),
      },
      include: { user: { select: { displayName: true } } },
      orderBy: { createdAt: 'asc' },
    });
  }
  const all = totals(receipts);
  const rows: { person: string; currency: string | null; amount: string; receipts: number }[] = [];
  let lines: string[];
  let headline: string;
  if (owed || /\b(each|per|by) (person|employee|people)\b/.test(lower)) {
    const people = new Map<string, Found[]>();
    for (const receipt of receipts)
      people.set(receipt.user.displayName, [...(people.get(receipt.user.displayName) ?? []), receipt]);
    lines = [...people]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([person, own]) => {
        for (const amount of totals(own)) rows.push({ person, ...amount, receipts: own.length });
        return `• ${person}: ${moneyText(totals(own))} (${plural(own.length)})`;
      });
    headline = owed
      ? receipts.length
        ? `Owed (approved, not paid back yet): ${moneyText(all)} (${plural(receipts.length)})`
        : 'Nothing is owed: every approved receipt has been paid back.'
      : `${headings[state]}${period ? ` ${period.label}` : ''}: ${moneyText(all)} (${plural(receipts.length)})`;
  } else {
    for (const amount of all) rows.push({ person: '', ...amount, receipts: receipts.length });
    headline = `${headings[state]}${period ? ` ${period.label}` : ''}: ${moneyText(all)} (${plural(receipts.length)})`;
    lines = receipts.slice(0, 20).map((receipt) => {
      const amount = receipt.total ? formatMoney(receipt.total.toFixed(2), receipt.currency) : 'no total';
      const date = receipt.purchaseDate ? ` ${isoDay(receipt.purchaseDate)}` : '';
      const why = state === 'rejected' && receipt.rejectionReason ? ` — ${receipt.rejectionReason}` : '';
      return `• ${receipt.user.displayName}: ${receipt.merchant ?? 'Receipt'}, ${amount}${date}${why}`;
    });
    if (receipts.length > 20) lines.push(`… and ${receipts.length - 20} more`);
  }
  const single = all.length === 1 ? all[0]! : null;
  return {
    text: [headline, ...lines].join('\n'),
    data: {
      plan: { approvalState: owed ? 'owed' : state, from: period?.from ?? null, to: period?.to ?? null },
      rows,
      value: receipts.length === 0 ? '0.00' : (single?.amount ?? null),
      currency: single?.currency ?? null,
    },
  };
}
