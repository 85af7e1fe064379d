// A plan becomes one parameterised SQL query, run in a read-only transaction with a statement
// timeout and a row cap. Amounts come back as exact decimal strings, summed per currency: mixed
// currencies are never added together.
import { Prisma, type PrismaClient } from '../db/client.ts';
import type { FxTable } from './fx.ts';
import { countedStatuses, type Grouping, type QueryPlan, timeGroupings } from './plan.ts';

export interface Scope {
  /** Only this user's receipts; null: everyone's (admins). */
  userId: string | null;
}

export interface GroupRow {
  key: string | null;
  currency: string | null;
  /** total, average, max or min as "1234.50"; the count for count. */
  value: string;
  count: number;
}

export interface ListRow {
  date: string | null;
  merchant: string | null;
  employee: string;
  category: string | null;
  currency: string | null;
  total: string | null;
}

export type QueryResult =
  | { kind: 'groups'; rows: GroupRow[]; truncated: boolean }
  | { kind: 'list'; rows: ListRow[]; truncated: boolean };

const statementTimeoutMs = 5_000;
const rowCap = 1_000;
const listCap = 50;

/** What rows are grouped by, and how the key is shown: time keys are grouped as dates, formatted once per group. */
const groupKeys: Record<Grouping, { group: Prisma.Sql; shown: Prisma.Sql }> = {
  category: { group: Prisma.sql`r.category`, shown: Prisma.sql`key` },
  merchant: { group: Prisma.sql`r.merchant`, shown: Prisma.sql`key` },
  employee: { group: Prisma.sql`r.user_id`, shown: Prisma.sql`(SELECT display_name FROM users WHERE id = key)` },
  day: { group: Prisma.sql`r.purchase_date`, shown: Prisma.sql`to_char(key, 'YYYY-MM-DD')` },
  week: { group: Prisma.sql`date_trunc('week', r.purchase_date)`, shown: Prisma.sql`to_char(key, 'IYYY-"W"IW')` },
  month: { group: Prisma.sql`date_trunc('month', r.purchase_date)`, shown: Prisma.sql`to_char(key, 'YYYY-MM')` },
  quarter: { group: Prisma.sql`date_trunc('quarter', r.purchase_date)`, shown: Prisma.sql`to_char(key, 'YYYY-"Q"Q')` },
  year: { group: Prisma.sql`date_trunc('year', r.purchase_date)`, shown: Prisma.sql`to_char(key, 'YYYY')` },
  currency: { group: Prisma.sql`r.currency`, shown: Prisma.sql`key` },
};

function measureSql(measure: Exclude<QueryPlan['measure'], 'list'>, amount: Prisma.Sql): Prisma.Sql {
  switch (measure) {
    case 'total':
      return Prisma.sql`COALESCE(SUM(${amount}), 0)::numeric(14,2)::text`;
    case 'count':
      return Prisma.sql`COUNT(*)::text`;
    case 'average':
      return Prisma.sql`COALESCE(ROUND(AVG(${amount}), 2), 0)::numeric(14,2)::text`;
    case 'max':
      return Prisma.sql`COALESCE(MAX(${amount}), 0)::numeric(14,2)::text`;
    case 'min':
      return Prisma.sql`COALESCE(MIN(${amount}), 0)::numeric(14,2)::text`;
  }
}

/** Receipts with the amount and currency to report: converted where a rate applies, else as paid. */
function receiptsSource(fx: FxTable | undefined): { from: Prisma.Sql; amount: Prisma.Sql; currency: Prisma.Sql } {
  if (!fx || fx.rates.length === 0) {
    return { from: Prisma.sql`receipts r`, amount: Prisma.sql`r.total`, currency: Prisma.sql`r.currency` };
  }
  const rows = fx.rates.map((rate) => Prisma.sql`(${rate.currency}::text, ${rate.day}::date, ${rate.rate}::numeric)`);
  return {
    // The latest dated rate on or before the purchase, else the fixed one.
    from: Prisma.sql`receipts r LEFT JOIN LATERAL (
      SELECT fx.rate FROM (VALUES ${Prisma.join(rows)}) AS fx(currency, day, rate)
      WHERE fx.currency = r.currency AND (fx.day IS NULL OR fx.day <= r.purchase_date)
      ORDER BY fx.day DESC NULLS LAST LIMIT 1) x ON true`,
    amount: Prisma.sql`(CASE WHEN x.rate IS NULL THEN r.total ELSE ROUND(r.total * x.rate, 2) END)`,
    currency: Prisma.sql`(CASE WHEN x.rate IS NULL THEN r.currency ELSE ${fx.reportCurrency}::text END)`,
  };
}

function whereClause(plan: QueryPlan, scope: Scope): Prisma.Sql {
  const { filters } = plan;
  const conditions: Prisma.Sql[] = [
    // Compared as the enum, not as text, so that the planner can use the column's statistics.
    Prisma.sql`r.status = ANY(${filters.statuses.length ? filters.statuses : [...countedStatuses]}::"ReceiptStatus"[])`,
    Prisma.sql`r.total IS NOT NULL`,
  ];
  if (scope.userId) conditions.push(Prisma.sql`r.user_id = ${scope.userId}::uuid`);
  if (filters.from) conditions.push(Prisma.sql`r.purchase_date >= ${filters.from}::date`);
  if (filters.to) conditions.push(Prisma.sql`r.purchase_date <= ${filters.to}::date`);
  if (filters.categories.length) conditions.push(Prisma.sql`r.category IN (${Prisma.join(filters.categories)})`);
  // Planners give merchant names exactly as stored, so the merchant index applies.
  if (filters.merchants.length) conditions.push(Prisma.sql`r.merchant = ANY(${filters.merchants}::text[])`);
  if (filters.employees.length) {
    conditions.push(Prisma.sql`r.user_id IN (${Prisma.join(filters.employees.map((id) => Prisma.sql`${id}::uuid`))})`);
  }
  if (filters.above) conditions.push(Prisma.sql`r.total > ${filters.above}::numeric`);
  if (filters.below) conditions.push(Prisma.sql`r.total < ${filters.below}::numeric`);
  if (filters.currency) conditions.push(Prisma.sql`r.currency = ${filters.currency}`);
  if (filters.text) {
    const pattern = `%${filters.text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    conditions.push(Prisma.sql`(r.merchant ILIKE ${pattern} OR r.ocr_text ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM line_items li WHERE li.receipt_id = r.id AND li.description ILIKE ${pattern}))`);
  }
  return Prisma.join(conditions, ' AND ');
}

function groupQuery(plan: QueryPlan, scope: Scope, fx: FxTable | undefined): Prisma.Sql {
  const source = receiptsSource(fx);
  const measure = measureSql(plan.measure as Exclude<QueryPlan['measure'], 'list'>, source.amount);
  const grouping = plan.groupBy === 'currency' ? { group: source.currency, shown: Prisma.sql`key` } : null;
  const key =
    grouping ?? (plan.groupBy ? groupKeys[plan.groupBy] : { group: Prisma.sql`NULL::text`, shown: Prisma.sql`key` });
  const byTime = plan.groupBy !== null && timeGroupings.includes(plan.groupBy);
  const order = byTime
    ? Prisma.sql`grouped.key ASC NULLS LAST`
    : plan.ascending
      ? Prisma.sql`grouped.value::numeric ASC, named.shown ASC`
      : Prisma.sql`grouped.value::numeric DESC, named.shown ASC`;
  const limit = Math.min(plan.limit ?? rowCap, rowCap) + 1;
  return Prisma.sql`
    SELECT named.shown AS key, grouped.currency, grouped.value, grouped.count FROM (
      SELECT ${key.group} AS key, ${source.currency} AS currency, ${measure} AS value, COUNT(*)::int AS count
      FROM ${source.from}
      WHERE ${whereClause(plan, scope)}
      GROUP BY 1, 2
    ) grouped, LATERAL (SELECT ${key.shown} AS shown) named
    ORDER BY ${order}
    LIMIT ${limit}`;
}

function listQuery(plan: QueryPlan, scope: Scope, fx: FxTable | undefined): Prisma.Sql {
  const source = receiptsSource(fx);
  const limit = Math.min(plan.limit ?? listCap, listCap) + 1;
  const order = plan.ascending
    ? Prisma.sql`r.total ASC`
    : Prisma.sql`r.purchase_date DESC NULLS LAST, r.created_at DESC`;
  return Prisma.sql`
    SELECT to_char(r.purchase_date, 'YYYY-MM-DD') AS date, r.merchant, u.display_name AS employee, r.category,
           ${source.currency} AS currency, ${source.amount}::text AS total
    FROM ${source.from} JOIN users u ON u.id = r.user_id
    WHERE ${whereClause(plan, scope)}
    ORDER BY ${order}
    LIMIT ${limit}`;
}

export async function executePlan(
  prisma: PrismaClient,
  plan: QueryPlan,
  scope: Scope,
  fx?: FxTable,
): Promise<QueryResult> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET TRANSACTION READ ONLY`;
    await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${statementTimeoutMs}`);
    // Grouping stays in memory instead of spilling sorts to disk.
    await tx.$executeRawUnsafe(`SET LOCAL work_mem = '32MB'`);
    // JIT compiling a plan costs more than it saves on queries that answer in well under a second.
    await tx.$executeRawUnsafe('SET LOCAL jit = off');
    if (plan.measure === 'list') {
      const rows = await tx.$queryRaw<ListRow[]>(listQuery(plan, scope, fx));
      const cap = Math.min(plan.limit ?? listCap, listCap);
      return { kind: 'list', rows: rows.slice(0, cap), truncated: rows.length > cap };
    }
    const rows = await tx.$queryRaw<GroupRow[]>(groupQuery(plan, scope, fx));
    const cap = Math.min(plan.limit ?? rowCap, rowCap);
    return { kind: 'groups', rows: rows.slice(0, cap), truncated: rows.length > cap };
  });
}
