// A plan becomes one parameterised SQL query, run in a read-only transaction with a statement
// timeout and a row cap. Amounts come back as exact decimal strings, summed per currency: mixed
// currencies are never added together.

import { Prisma, type PrismaClient } from '../db/client.ts';
import { isoDay, startOfDay } from '../iso-date.ts';
import type { FxTable } from './fx.ts';
import { countedStatuses, type Grouping, maxListed, type QueryPlan, timeGroupings } from './plan.ts';

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
  id: string;
  date: string | null;
  merchant: string | null;
  employee: string;
  category: string | null;
  currency: string | null;
  total: string | null;
}

export type QueryResult =
  /** `receipts`: for the largest or smallest receipt, that receipt in each currency. */
  | { kind: 'groups'; rows: GroupRow[]; truncated: boolean; receipts?: ListRow[] }
  | { kind: 'list'; rows: ListRow[]; truncated: boolean }
  | { kind: 'compare'; first: PeriodRows; second: PeriodRows };

export interface PeriodRows {
  from: string;
  to: string;
  label: string;
  rows: GroupRow[];
}

const statementTimeoutMs = 5_000;
const rowCap = 1_000;

/** What rows are grouped by, and how the key is shown: time keys are grouped as dates, formatted once per group. */
const groupKeys: Record<Grouping, { group: Prisma.Sql; shown: Prisma.Sql }> = {
  category: { group: Prisma.sql`r.category`, shown: Prisma.sql`key` },
  merchant: { group: Prisma.sql`r.merchant`, shown: Prisma.sql`key` },
  employee: { group: Prisma.sql`r.user_id`, shown: Prisma.sql`(SELECT display_name FROM users WHERE id = key)` },
  day: { group: Prisma.sql`r.purchase_date`, shown: Prisma.sql`to_char(key, 'YYYY-MM-DD')` },
  week: { group: Prisma.sql`date_trunc('week', r.purchase_date)`, shown: Prisma.sql`to_char(key, 'IYYY-"W"IW')` },
  month: { group: Prisma.sql`date_trunc('month', r.purchase_date)`, shown: Prisma.sql`to_char(key, 'FMMonth YYYY')` },
  quarter: { group: Prisma.sql`date_trunc('quarter', r.purchase_date)`, shown: Prisma.sql`to_char(key, '"Q"Q YYYY')` },
  year: { group: Prisma.sql`date_trunc('year', r.purchase_date)`, shown: Prisma.sql`to_char(key, 'YYYY')` },
  currency: { group: Prisma.sql`r.currency`, shown: Prisma.sql`key` },
  weekday: {
    group: Prisma.sql`EXTRACT(ISODOW FROM r.purchase_date)::int`,
    shown: Prisma.sql`(ARRAY['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday'])[key]`,
  },
};

/** Groupings shown in their own order (time, days of the week), not largest first. */
const orderedGroupings: readonly Grouping[] = [...timeGroupings, 'weekday'];

/** Measures counted per group whatever the currency: one row per person, month, ... */
const currencyFree: readonly QueryPlan['measure'][] = ['count', 'merchants'];

/**
 * Receipts with the amount and currency to report: converted where a rate applies, else as paid.
 * `total` is the receipt's total in the same terms, what "over 100" and "the largest" compare.
 */
function receiptsSource(
  fx: FxTable | undefined,
  column: Prisma.Sql = Prisma.sql`r.total`,
): { from: Prisma.Sql; amount: Prisma.Sql; total: Prisma.Sql; currency: Prisma.Sql } {
  if (!fx || fx.rates.length === 0) {
    return {
      from: Prisma.sql`receipts r`,
      amount: column,
      total: Prisma.sql`r.total`,
      currency: Prisma.sql`r.currency`,
    };
  }
  const rows = fx.rates.map((rate) => Prisma.sql`(${rate.currency}::text, ${rate.day}::date, ${rate.rate}::numeric)`);
  const converted = (value: Prisma.Sql) =>
    Prisma.sql`(CASE WHEN x.rate IS NULL THEN ${value} ELSE ROUND(${value} * x.rate, 2) END)`;
  return {
    // The latest dated rate on or before the purchase, else the fixed one.
    from: Prisma.sql`receipts r LEFT JOIN LATERAL (
      SELECT fx.rate FROM (VALUES ${Prisma.join(rows)}) AS fx(currency, day, rate)
      WHERE fx.currency = r.currency AND (fx.day IS NULL OR fx.day <= r.purchase_date)
      ORDER BY fx.day DESC NULLS LAST LIMIT 1) x ON true`,
    amount: converted(column),
    total: converted(Prisma.sql`r.total`),
    currency: Prisma.sql`(CASE WHEN x.rate IS NULL THEN r.currency ELSE ${fx.reportCurrency}::text END)`,
  };
}

/** Conditions on what both receipts and receipt_month_totals hold: state, person, category, currency. */
function attributeConditions(plan: QueryPlan, scope: Scope): Prisma.Sql[] {
  const { filters } = plan;
  const conditions = [
    // Compared as the enum, not as text, so that the planner can use the column's statistics.
    Prisma.sql`r.status = ANY(${filters.statuses.length ? filters.statuses : [...countedStatuses]}::"ReceiptStatus"[])`,
  ];
  if (scope.userId) conditions.push(Prisma.sql`r.user_id = ${scope.userId}::uuid`);
  if (filters.categories.length) conditions.push(Prisma.sql`r.category IN (${Prisma.join(filters.categories)})`);
  if (filters.employees.length) {
    conditions.push(Prisma.sql`r.user_id IN (${Prisma.join(filters.employees.map((id) => Prisma.sql`${id}::uuid`))})`);
  }
  if (filters.currency) conditions.push(Prisma.sql`r.currency = ${filters.currency}`);
  return conditions;
}

/** `total`: the receipt total that amount filters compare, converted when the source converts. */
function receiptConditions(plan: QueryPlan, scope: Scope, total: Prisma.Sql = Prisma.sql`r.total`): Prisma.Sql[] {
  const { filters } = plan;
  const conditions = [...attributeConditions(plan, scope), Prisma.sql`r.total IS NOT NULL`];
  if (plan.measure === 'tax') conditions.push(Prisma.sql`r.tax IS NOT NULL`);
  if (filters.from) conditions.push(Prisma.sql`r.purchase_date >= ${filters.from}::date`);
  if (filters.to) conditions.push(Prisma.sql`r.purchase_date <= ${filters.to}::date`);
  // Planners give merchant names exactly as stored, so the merchant index applies.
  if (filters.merchants.length) conditions.push(Prisma.sql`r.merchant = ANY(${filters.merchants}::text[])`);
  if (filters.above) conditions.push(Prisma.sql`${total} > ${filters.above}::numeric`);
  if (filters.below) conditions.push(Prisma.sql`${total} < ${filters.below}::numeric`);
  if (filters.text) {
    // Postgres full-text search, in the expressions of the receipt_search migration's indexes.
    const words = Prisma.sql`websearch_to_tsquery('english', ${filters.text})`;
    conditions.push(Prisma.sql`r.id IN (
      SELECT id FROM receipts WHERE to_tsvector('english', coalesce(merchant, '') || ' ' || coalesce(ocr_text, '')) @@ ${words}
      UNION SELECT receipt_id FROM line_items WHERE to_tsvector('english', description) @@ ${words})`);
  }
  return conditions;
}

const and = (conditions: Prisma.Sql[]) => Prisma.join(conditions, ' AND ');

/**
 * Receipts as rows of (purchase_date, user_id, category, merchant, currency, amount, receipts): one per
 * receipt, or, where the plan allows, one per kept month total (receipt_month_totals, or
 * receipt_merchant_month_totals for rankings of merchants) for the whole months in range plus one per
 * receipt in the partial months at either end.
 */
function amountsSource(plan: QueryPlan, scope: Scope, fx: FxTable | undefined, useMonthTotals: boolean): Prisma.Sql {
  const kept = useMonthTotals ? keptTotals(plan, scope, fx) : null;
  const months = kept ? wholeMonths(plan) : null;
  if (!kept || !months) {
    const source = receiptsSource(fx, plan.measure === 'tax' ? Prisma.sql`r.tax` : Prisma.sql`r.total`);
    return Prisma.sql`(
      SELECT r.purchase_date, r.user_id, r.category, r.merchant, ${source.currency} AS currency,
             ${source.amount} AS amount, 1 AS receipts
      FROM ${source.from} WHERE ${and(receiptConditions(plan, scope, source.total))}) r`;
  }
  const inMonths = [Prisma.sql`r.receipts <> 0`];
  if (months.first) inMonths.push(Prisma.sql`r.month >= ${months.first}::date`);
  if (months.end) inMonths.push(Prisma.sql`r.month < ${months.end}::date`);
  const { from, to } = plan.filters;
  const outside = [
    from && months.first ? Prisma.sql`r.purchase_date < ${months.first}::date` : null,
    to && months.end ? Prisma.sql`r.purchase_date >= ${months.end}::date` : null,
    // Undated receipts count only when the question names no period.
    !from && !to ? Prisma.sql`r.purchase_date IS NULL` : null,
  ].filter((condition) => condition !== null);
  const totals =
    kept === 'merchants'
      ? Prisma.sql`
    SELECT r.month AS purchase_date, NULL::uuid AS user_id, NULL AS category, NULLIF(r.merchant, '') AS merchant,
           NULLIF(r.currency, '') AS currency, r.total AS amount, r.receipts
    FROM receipt_merchant_month_totals r`
      : Prisma.sql`
    SELECT r.month AS purchase_date, r.user_id, NULLIF(r.category, '') AS category, NULL AS merchant,
           NULLIF(r.currency, '') AS currency, r.total AS amount, r.receipts
    FROM receipt_month_totals r`;
  return Prisma.sql`(${totals} WHERE ${and([...attributeConditions(plan, scope), ...inMonths])}
    UNION ALL
    SELECT r.purchase_date, r.user_id, r.category, r.merchant, r.currency, r.total, 1
    FROM receipts r WHERE ${and(receiptConditions(plan, scope))} AND (${Prisma.join(outside, ' OR ')})) r`;
}

/**
 * Which kept month totals can answer the plan, if any: a total, count or average without amount or
 * text filters, in the currencies as paid, from receipt_month_totals when it is grouped by nothing
 * finer than a month, person or category; from receipt_merchant_month_totals when it ranks merchants
 * for everyone (that table has no person or category to filter on).
 */
function keptTotals(plan: QueryPlan, scope: Scope, fx: FxTable | undefined): 'people' | 'merchants' | null {
  const { filters } = plan;
  if (fx?.rates.length) return null;
  if (!['total', 'count', 'average', 'per_person'].includes(plan.measure)) return null;
  if (filters.merchants.length || filters.above || filters.below || filters.text) return null;
  if (plan.groupBy === 'merchant') {
    const everyone = !scope.userId && !filters.categories.length && !filters.employees.length;
    return everyone && plan.measure !== 'per_person' ? 'merchants' : null;
  }
  if (plan.groupBy && ['day', 'week', 'weekday'].includes(plan.groupBy)) return null;
  return 'people';
}

/** The whole months inside the plan's period ([first, end), either open); null when there are none. */
function wholeMonths(plan: QueryPlan): { first: string | null; end: string | null } | null {
  const { filters } = plan;
  const first = filters.from && (filters.from.endsWith('-01') ? filters.from : firstOfNextMonth(filters.from));
  const end =
    filters.to && (firstOfNextMonth(filters.to) === nextDay(filters.to) ? nextDay(filters.to) : monthOf(filters.to));
  if (first && end && first >= end) return null;
  return { first, end };
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
const nextDay = (day: string) => isoDay(new Date(startOfDay(day).getTime() + 86_400_000));
function firstOfNextMonth(day: string): string {
  const date = startOfDay(monthOf(day));
  date.setUTCMonth(date.getUTCMonth() + 1);
  return isoDay(date);
}

/** Aggregates stay unbounded numeric, rounded to cents: no sum of receipts can overflow a column type. */
function measureSql(measure: Exclude<QueryPlan['measure'], 'list'>): Prisma.Sql {
  switch (measure) {
    case 'total':
    case 'tax':
      return Prisma.sql`ROUND(SUM(r.amount::numeric), 2)::text`;
    case 'merchants':
      return Prisma.sql`COUNT(DISTINCT r.merchant)::text`;
    case 'per_person':
      return Prisma.sql`ROUND(SUM(r.amount::numeric) / COUNT(DISTINCT r.user_id), 2)::text`;
    case 'count':
      return Prisma.sql`SUM(r.receipts)::text`;
    case 'average':
      return Prisma.sql`ROUND(SUM(r.amount::numeric) / SUM(r.receipts), 2)::text`;
    case 'max':
      return Prisma.sql`ROUND(MAX(r.amount::numeric), 2)::text`;
    case 'min':
      return Prisma.sql`ROUND(MIN(r.amount::numeric), 2)::text`;
  }
}

function groupQuery(plan: QueryPlan, scope: Scope, fx: FxTable | undefined, useMonthTotals: boolean): Prisma.Sql {
  const measure = measureSql(plan.measure as Exclude<QueryPlan['measure'], 'list'>);
  const key = plan.groupBy ? groupKeys[plan.groupBy] : { group: Prisma.sql`NULL::text`, shown: Prisma.sql`key` };
  const byTime = plan.groupBy !== null && orderedGroupings.includes(plan.groupBy);
  const currency = currencyFree.includes(plan.measure) ? Prisma.sql`NULL::text` : Prisma.sql`r.currency`;
  const order = byTime
    ? Prisma.sql`grouped.key ASC NULLS LAST`
    : plan.ascending
      ? Prisma.sql`grouped.value::numeric ASC, named.shown ASC`
      : Prisma.sql`grouped.value::numeric DESC, named.shown ASC`;
  // Every group, also past a "top 5": the answer says how many others there are and their total.
  const limit = rowCap + 1;
  return Prisma.sql`
    SELECT named.shown AS key, grouped.currency, grouped.value, grouped.count FROM (
      SELECT ${key.group} AS key, ${currency} AS currency, ${measure} AS value, SUM(r.receipts)::int AS count
      FROM ${amountsSource(plan, scope, fx, useMonthTotals)}
      GROUP BY 1, 2
      HAVING SUM(r.receipts) > 0
    ) grouped, LATERAL (SELECT ${key.shown} AS shown) named
    -- Currency breaks ties, so rows sharing a key or a value come in the same order on every run.
    ORDER BY ${order}, grouped.currency ASC NULLS LAST
    LIMIT ${limit}`;
}

function listQuery(plan: QueryPlan, scope: Scope, fx: FxTable | undefined): Prisma.Sql {
  const source = receiptsSource(fx);
  const limit = Math.min(plan.limit ?? maxListed, maxListed) + 1;
  // "the 10 largest receipts" lists by amount; other lists newest first.
  const order =
    plan.measure === 'max'
      ? Prisma.sql`${source.total} DESC, r.id ASC`
      : plan.ascending || plan.measure === 'min'
        ? Prisma.sql`${source.total} ASC, r.id ASC`
        : Prisma.sql`r.purchase_date DESC NULLS LAST, r.created_at DESC, r.id ASC`;
  return Prisma.sql`
    SELECT r.id::text AS id, to_char(r.purchase_date, 'YYYY-MM-DD') AS date, r.merchant, u.display_name AS employee, r.category,
           ${source.currency} AS currency, ${source.amount}::text AS total
    FROM ${source.from} JOIN users u ON u.id = r.user_id
    WHERE ${and(receiptConditions(plan, scope, source.total))}
    ORDER BY ${order}
    LIMIT ${limit}`;
}

/** A row of extremeQuery: the largest (or smallest) receipt of one currency, and how many receipts are in it. */
interface ExtremeRow extends ListRow {
  value: string;
  count: number;
}

/**
 * The largest (or smallest) receipt in each currency, named, with the number of receipts in that
 * currency, in one query: the extreme amount per currency from the period's index, then each
 * receipt found by that amount (the amount index), the latest first on a tie.
 */
function extremeQuery(plan: QueryPlan, scope: Scope, fx: FxTable | undefined): Prisma.Sql {
  const source = receiptsSource(fx);
  const conditions = and(receiptConditions(plan, scope, source.total));
  const extreme = plan.measure === 'min' ? Prisma.sql`MIN` : Prisma.sql`MAX`;
  return Prisma.sql`
    WITH extremes AS (
      SELECT ${source.currency} AS currency, ${extreme}(${source.amount}) AS amount, COUNT(*)::int AS count
      FROM ${source.from} WHERE ${conditions} GROUP BY 1)
    SELECT x.id, x.date, x.merchant, x.employee, x.category, e.currency, ROUND(e.amount, 2)::text AS total,
           ROUND(e.amount, 2)::text AS value, e.count
    FROM extremes e, LATERAL (
      SELECT r.id::text AS id, to_char(r.purchase_date, 'YYYY-MM-DD') AS date, r.merchant,
             u.display_name AS employee, r.category
      FROM ${source.from} JOIN users u ON u.id = r.user_id
      WHERE ${conditions} AND ${source.amount} = e.amount AND ${source.currency} IS NOT DISTINCT FROM e.currency
      ORDER BY r.purchase_date DESC NULLS LAST, r.id ASC
      LIMIT 1) x
    ORDER BY e.currency ASC NULLS LAST`;
}

/** Whether any receipt in scope mentions `text` (merchant, receipt text or line items). */
export async function textMentioned(prisma: PrismaClient, text: string, scope: Scope): Promise<boolean> {
  const words = Prisma.sql`websearch_to_tsquery('english', ${text})`;
  const own = scope.userId ? Prisma.sql`AND r.user_id = ${scope.userId}::uuid` : Prisma.empty;
  const rows = await prisma.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM receipts r WHERE r.status IN ('confirmed', 'needs_review') ${own} AND (
        to_tsvector('english', coalesce(r.merchant, '') || ' ' || coalesce(r.ocr_text, '')) @@ ${words}
        OR r.id IN (SELECT receipt_id FROM line_items WHERE to_tsvector('english', description) @@ ${words}))
    ) AS found`;
  return rows[0]?.found ?? false;
}

/** A list of receipts: "show me", or "the 10 largest receipts" (a maximum with a number and no groups). */
export function isListing(plan: QueryPlan): boolean {
  if (plan.measure === 'list') return true;
  return (plan.measure === 'max' || plan.measure === 'min') && !plan.groupBy && (plan.limit ?? 1) > 1;
}

export interface ExecuteOptions {
  fx?: FxTable;
  /** Read whole months from receipt_month_totals where the plan allows (default); false: every receipt. */
  monthTotals?: boolean;
}

export async function executePlan(
  prisma: PrismaClient,
  plan: QueryPlan,
  scope: Scope,
  { fx, monthTotals = true }: ExecuteOptions = {},
): Promise<QueryResult> {
  return prisma.$transaction(async (tx) => {
    // One round trip for the transaction's settings: read only, a statement timeout, grouping in
    // memory instead of sorts spilled to disk, and no JIT (compiling a plan costs more than it
    // saves on queries that answer in well under a second).
    await tx.$queryRaw`SELECT set_config('transaction_read_only', 'on', true),
      set_config('statement_timeout', ${String(statementTimeoutMs)}, true),
      set_config('work_mem', '32MB', true), set_config('jit', 'off', true)`;
    if (isListing(plan)) {
      const rows = await tx.$queryRaw<ListRow[]>(listQuery(plan, scope, fx));
      const cap = Math.min(plan.limit ?? maxListed, maxListed);
      return { kind: 'list', rows: rows.slice(0, cap), truncated: rows.length > cap };
    }
    if (plan.compare) {
      const { from, to, label } = plan.compare;
      const second = { ...plan, filters: { ...plan.filters, from, to }, compare: null };
      return {
        kind: 'compare',
        first: {
          from: plan.filters.from ?? '',
          to: plan.filters.to ?? '',
          label: '',
          rows: await tx.$queryRaw<GroupRow[]>(groupQuery(plan, scope, fx, monthTotals)),
        },
        second: { from, to, label, rows: await tx.$queryRaw<GroupRow[]>(groupQuery(second, scope, fx, monthTotals)) },
      };
    }
    if ((plan.measure === 'max' || plan.measure === 'min') && !plan.groupBy) {
      const found = await tx.$queryRaw<ExtremeRow[]>(extremeQuery(plan, scope, fx));
      return {
        kind: 'groups',
        rows: found.map(({ currency, value, count }) => ({ key: null, currency, value, count })),
        truncated: false,
        receipts: found.map(({ value: _value, count: _count, ...receipt }) => receipt),
      };
    }
    const rows = await tx.$queryRaw<GroupRow[]>(groupQuery(plan, scope, fx, monthTotals));
    return { kind: 'groups', rows: rows.slice(0, rowCap), truncated: rows.length > rowCap };
  });
}
