// A plan becomes one parameterised SQL query, run in a read-only transaction with a statement
// timeout and a row cap. Amounts come back as exact decimal strings, summed per currency: mixed
// currencies are never added together.
import { Prisma, type PrismaClient } from '../db/client.ts';
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

const groupKeys: Record<Grouping, Prisma.Sql> = {
  category: Prisma.sql`r.category`,
  merchant: Prisma.sql`r.merchant`,
  employee: Prisma.sql`u.display_name`,
  day: Prisma.sql`to_char(r.purchase_date, 'YYYY-MM-DD')`,
  week: Prisma.sql`to_char(date_trunc('week', r.purchase_date), 'IYYY-"W"IW')`,
  month: Prisma.sql`to_char(r.purchase_date, 'YYYY-MM')`,
  quarter: Prisma.sql`to_char(r.purchase_date, 'YYYY-"Q"Q')`,
  year: Prisma.sql`to_char(r.purchase_date, 'YYYY')`,
  currency: Prisma.sql`r.currency`,
};

const measureSql: Record<Exclude<QueryPlan['measure'], 'list'>, Prisma.Sql> = {
  total: Prisma.sql`COALESCE(SUM(r.total), 0)::numeric(14,2)::text`,
  count: Prisma.sql`COUNT(*)::text`,
  average: Prisma.sql`COALESCE(ROUND(AVG(r.total), 2), 0)::numeric(14,2)::text`,
  max: Prisma.sql`COALESCE(MAX(r.total), 0)::numeric(14,2)::text`,
  min: Prisma.sql`COALESCE(MIN(r.total), 0)::numeric(14,2)::text`,
};

function whereClause(plan: QueryPlan, scope: Scope): Prisma.Sql {
  const { filters } = plan;
  const conditions: Prisma.Sql[] = [
    Prisma.sql`r.status::text IN (${Prisma.join([...countedStatuses])})`,
    Prisma.sql`r.total IS NOT NULL`,
  ];
  if (scope.userId) conditions.push(Prisma.sql`r.user_id = ${scope.userId}::uuid`);
  if (filters.from) conditions.push(Prisma.sql`r.purchase_date >= ${filters.from}::date`);
  if (filters.to) conditions.push(Prisma.sql`r.purchase_date <= ${filters.to}::date`);
  if (filters.categories.length) conditions.push(Prisma.sql`r.category IN (${Prisma.join(filters.categories)})`);
  if (filters.merchants.length) {
    const lowered = filters.merchants.map((merchant) => merchant.toLowerCase());
    conditions.push(Prisma.sql`lower(r.merchant) IN (${Prisma.join(lowered)})`);
  }
  if (filters.employees.length) {
    conditions.push(Prisma.sql`r.user_id IN (${Prisma.join(filters.employees.map((id) => Prisma.sql`${id}::uuid`))})`);
  }
  if (filters.above) conditions.push(Prisma.sql`r.total > ${filters.above}::numeric`);
  if (filters.below) conditions.push(Prisma.sql`r.total < ${filters.below}::numeric`);
  if (filters.currency) conditions.push(Prisma.sql`r.currency = ${filters.currency}`);
  return Prisma.join(conditions, ' AND ');
}

function groupQuery(plan: QueryPlan, scope: Scope): Prisma.Sql {
  const measure = measureSql[plan.measure as keyof typeof measureSql];
  const key = plan.groupBy ? groupKeys[plan.groupBy] : Prisma.sql`NULL::text`;
  const byTime = plan.groupBy !== null && timeGroupings.includes(plan.groupBy);
  const value = Prisma.sql`(${measure})::numeric`;
  const order = byTime
    ? Prisma.sql`key ASC NULLS LAST`
    : plan.ascending
      ? Prisma.sql`${value} ASC, key ASC`
      : Prisma.sql`${value} DESC, key ASC`;
  const limit = Math.min(plan.limit ?? rowCap, rowCap) + 1;
  return Prisma.sql`
    SELECT ${key} AS key, r.currency AS currency, ${measure} AS value, COUNT(*)::int AS count
    FROM receipts r JOIN users u ON u.id = r.user_id
    WHERE ${whereClause(plan, scope)}
    GROUP BY 1, 2
    ORDER BY ${order}
    LIMIT ${limit}`;
}

function listQuery(plan: QueryPlan, scope: Scope): Prisma.Sql {
  const limit = Math.min(plan.limit ?? listCap, listCap) + 1;
  const order = plan.ascending
    ? Prisma.sql`r.total ASC`
    : Prisma.sql`r.purchase_date DESC NULLS LAST, r.created_at DESC`;
  return Prisma.sql`
    SELECT to_char(r.purchase_date, 'YYYY-MM-DD') AS date, r.merchant, u.display_name AS employee, r.category,
           r.currency, r.total::text AS total
    FROM receipts r JOIN users u ON u.id = r.user_id
    WHERE ${whereClause(plan, scope)}
    ORDER BY ${order}
    LIMIT ${limit}`;
}

export async function executePlan(prisma: PrismaClient, plan: QueryPlan, scope: Scope): Promise<QueryResult> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET TRANSACTION READ ONLY`;
    await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${statementTimeoutMs}`);
    if (plan.measure === 'list') {
      const rows = await tx.$queryRaw<ListRow[]>(listQuery(plan, scope));
      const cap = Math.min(plan.limit ?? listCap, listCap);
      return { kind: 'list', rows: rows.slice(0, cap), truncated: rows.length > cap };
    }
    const rows = await tx.$queryRaw<GroupRow[]>(groupQuery(plan, scope));
    const cap = Math.min(plan.limit ?? rowCap, rowCap);
    return { kind: 'groups', rows: rows.slice(0, cap), truncated: rows.length > cap };
  });
}
