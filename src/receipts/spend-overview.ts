// Spend at a glance for the web page: this month against last, this month by category and by
// person, and the last twelve months. Per currency, never added across currencies; counted like the
// query agent counts (confirmed and to-review receipts).

import { Prisma, type PrismaClient } from '../db/client.ts';
import { isoDay } from '../iso-date.ts';
import { countedStatuses } from '../query/plan.ts';

export interface SpendRow {
  key: string | null;
  /** The user id behind a person's row, so the page can link to their receipts. */
  userId?: string;
  currency: string | null;
  total: string;
  count: number;
}

export interface SpendOverview {
  month: { from: string; to: string };
  lastMonth: { from: string; to: string };
  thisMonth: SpendRow[];
  previousMonth: SpendRow[];
  byCategory: SpendRow[];
  byPerson: SpendRow[];
  monthly: SpendRow[];
}

export async function spendOverview(
  prisma: PrismaClient,
  viewer: { userId: string; admin: boolean },
  today = new Date(),
): Promise<SpendOverview> {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  const first = new Date(Date.UTC(year, month, 1));
  const last = new Date(Date.UTC(year, month + 1, 0));
  const previousFirst = new Date(Date.UTC(year, month - 1, 1));
  const previousLast = new Date(Date.UTC(year, month, 0));
  const yearAgo = new Date(Date.UTC(year, month - 11, 1));
  const counted = Prisma.sql`r.status = ANY(${[...countedStatuses]}::"ReceiptStatus"[]) AND r.total IS NOT NULL
    ${viewer.admin ? Prisma.empty : Prisma.sql`AND r.user_id = ${viewer.userId}::uuid`}`;
  const between = (from: Date, to: Date) =>
    Prisma.sql`r.purchase_date BETWEEN ${isoDay(from)}::date AND ${isoDay(to)}::date`;
  const grouped = (key: Prisma.Sql, from: Date, to: Date, extra = Prisma.empty) =>
    prisma.$queryRaw<SpendRow[]>`
      SELECT ${key} AS key, r.currency, ROUND(SUM(r.total::numeric), 2)::text AS total, COUNT(*)::int AS count ${extra}
      FROM receipts r JOIN users u ON u.id = r.user_id
      WHERE ${counted} AND ${between(from, to)}
      GROUP BY 1, 2 ${extra === Prisma.empty ? Prisma.empty : Prisma.sql`, r.user_id`}
      ORDER BY SUM(r.total) DESC`;
  const [thisMonth, previousMonth, byCategory, byPerson, monthly] = await Promise.all([
    grouped(Prisma.sql`NULL::text`, first, last),
    grouped(Prisma.sql`NULL::text`, previousFirst, previousLast),
    grouped(Prisma.sql`r.category`, first, last),
    grouped(Prisma.sql`u.display_name`, first, last, Prisma.sql`, r.user_id::text AS "userId"`),
    prisma.$queryRaw<SpendRow[]>`
      SELECT to_char(date_trunc('month', r.purchase_date), 'YYYY-MM') AS key, r.currency,
             ROUND(SUM(r.total::numeric), 2)::text AS total, COUNT(*)::int AS count
      FROM receipts r
      WHERE ${counted} AND ${between(yearAgo, last)}
      GROUP BY 1, 2 ORDER BY 1, 2`,
  ]);
  return {
    month: { from: isoDay(first), to: isoDay(last) },
    lastMonth: { from: isoDay(previousFirst), to: isoDay(previousLast) },
    thisMonth,
    previousMonth,
    byCategory,
    byPerson,
    monthly,
  };
}
