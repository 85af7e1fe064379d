// The weekly digest's figures: spend in the week (Monday to Sunday, in the configured time zone) and
// the week before, by category and by person, the top merchants, what waits for approval or review,
// and the receipts that break a policy rule. "The week" is the one that holds yesterday, so the Monday
// morning digest speaks of the week just ended. Counted receipts: read (confirmed or to review), with
// a date and a total, not rejected. Sums are exact decimals per currency.
import { Prisma, type PrismaClient } from '../db/client.ts';
import { isoDay } from '../iso-date.ts';
import { violationsOf } from './approvals.ts';

export interface Sum {
  currency: string | null;
  total: string;
  count: number;
}

export interface Group extends Sum {
  key: string;
}

export interface Digest {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  thisWeek: Sum[];
  lastWeek: Sum[];
  byCategory: Group[];
  byPerson: Group[];
  topMerchants: Group[];
  waitingApproval: Sum[];
  needsReview: number;
  violations: {
    person: string;
    merchant: string | null;
    total: string | null;
    currency: string | null;
    messages: string[];
  }[];
}

/** Today's calendar date in `timeZone`, as a UTC midnight. */
function todayIn(timeZone: string, now: Date): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
  return new Date(`${day}T00:00:00Z`);
}

const addDays = (day: Date, days: number) => new Date(day.getTime() + days * 86_400_000);

type Row = Prisma.ReceiptGetPayload<{ include: { user: { select: { displayName: true } } } }>;

function group(rows: Row[], keyOf: (row: Row) => string): Group[] {
  const groups = new Map<string, Group & { sum: Prisma.Decimal }>();
  for (const row of rows) {
    const key = keyOf(row);
    const id = `${key}\u0000${row.currency ?? ''}`;
    const entry = groups.get(id) ?? { key, currency: row.currency, total: '', count: 0, sum: new Prisma.Decimal(0) };
    entry.sum = entry.sum.add(row.total ?? 0);
    entry.count += 1;
    groups.set(id, entry);
  }
  return [...groups.values()]
    .map(({ sum, ...entry }) => ({ ...entry, total: sum.toFixed(2) }))
    .sort((a, b) => new Prisma.Decimal(b.total).comparedTo(a.total) || a.key.localeCompare(b.key));
}

const sums = (rows: Row[]): Sum[] =>
  group(rows, () => '')
    .map(({ key: _, ...sum }) => sum)
    .sort((a, b) => String(a.currency).localeCompare(String(b.currency)));

export async function computeDigest(
  prisma: PrismaClient,
  { now, timeZone }: { now: Date; timeZone: string },
): Promise<Digest> {
  const yesterday = addDays(todayIn(timeZone, now), -1);
  const from = addDays(yesterday, -((yesterday.getUTCDay() + 6) % 7));
  const to = addDays(from, 6);
  const previousFrom = addDays(from, -7);
  const counted = (start: Date, end: Date): Prisma.ReceiptWhereInput => ({
    status: { in: ['confirmed', 'needs_review'] },
    total: { not: null },
    purchaseDate: { gte: start, lte: end },
    OR: [{ approvalState: null }, { approvalState: { not: 'rejected' } }],
  });
  const include = { user: { select: { displayName: true } } } as const;
  const [week, before, waiting, needsReview, flagged] = await Promise.all([
    prisma.receipt.findMany({ where: counted(from, to), include }),
    prisma.receipt.findMany({ where: counted(previousFrom, addDays(from, -1)), include }),
    prisma.receipt.findMany({ where: { approvalState: 'submitted', status: { not: 'deleted' } }, include }),
    prisma.receipt.count({ where: { status: 'needs_review' } }),
    prisma.receipt.findMany({
      where: { ...counted(from, to), NOT: { policyViolations: { equals: [] } } },
      include,
      orderBy: { total: 'desc' },
    }),
  ]);
  return {
    from: isoDay(from),
    to: isoDay(to),
    previousFrom: isoDay(previousFrom),
    previousTo: isoDay(addDays(from, -1)),
    thisWeek: sums(week),
    lastWeek: sums(before),
    byCategory: group(week, (row) => row.category ?? 'uncategorised'),
    byPerson: group(week, (row) => row.user.displayName),
    topMerchants: group(week, (row) => row.merchant ?? 'unknown').slice(0, 5),
    waitingApproval: sums(waiting),
    needsReview,
    violations: flagged.map((row) => ({
      person: row.user.displayName,
      merchant: row.merchant,
      total: row.total?.toFixed(2) ?? null,
      currency: row.currency,
      messages: violationsOf(row).map((violation) => violation.message),
    })),
  };
}
