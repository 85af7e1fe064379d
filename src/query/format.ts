// An executed plan as a chat answer: the figure first, a short aligned table (at most 10 rows),
// and one line saying what was counted.
import { formatMoney } from '../money.ts';
import { countOf } from '../words.ts';
import type { GroupRow, ListRow, QueryResult } from './execute.ts';
import type { QueryPlan } from './plan.ts';

const maxRows = 10;

const measureWords: Record<QueryPlan['measure'], string> = {
  total: 'Total spent',
  count: 'Receipts',
  average: 'Average receipt',
  max: 'Largest receipt',
  min: 'Smallest receipt',
  list: 'Receipts',
};

function shown(row: GroupRow, plan: QueryPlan): string {
  return plan.measure === 'count' ? row.value : formatMoney(row.value, row.currency);
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd(),
  );
}

/** "Travel, Oct 2026, by person; confirmed and to-review receipts". */
export function describePlan(
  plan: QueryPlan,
  period: string | null,
  names: { employees: string[]; own: boolean; convertedTo?: string | null },
): string {
  const parts = [
    plan.filters.categories.length ? plan.filters.categories.join(', ') : 'all categories',
    ...(plan.filters.merchants.length ? [plan.filters.merchants.join(', ')] : []),
    ...(names.employees.length ? [names.employees.join(', ')] : names.own ? ['your receipts only'] : []),
    period ?? 'all dates',
    ...(plan.filters.above ? [`over ${plan.filters.above}`] : []),
    ...(plan.filters.below ? [`under ${plan.filters.below}`] : []),
    ...(plan.filters.currency ? [`in ${plan.filters.currency}`] : []),
    ...(plan.filters.text ? [`mentioning "${plan.filters.text}"`] : []),
    ...(plan.groupBy ? [`by ${plan.groupBy === 'employee' ? 'person' : plan.groupBy}`] : []),
  ];
  const converted = names.convertedTo ? ` Amounts in ${names.convertedTo} at the configured rates.` : '';
  return `Counted: ${parts.join(', ')}; ${statusWords(plan.filters.statuses)} receipts.${converted}`;
}

function statusWords(statuses: QueryPlan['filters']['statuses']): string {
  if (statuses.length === 1) return statuses[0] === 'confirmed' ? 'confirmed' : 'to-review';
  return 'confirmed and to-review';
}

function groupsAnswer(rows: GroupRow[], truncated: boolean, plan: QueryPlan): string[] {
  if (rows.length === 0 || rows.every((row) => row.count === 0)) return ['No receipts match.'];
  if (!plan.groupBy) {
    const values = rows.map((row) => shown(row, plan));
    const receipts = rows.reduce((sum, row) => sum + row.count, 0);
    const headline = `${measureWords[plan.measure]}: ${values.join(' + ')}`;
    return [
      plan.measure === 'count' ? `${measureWords.count}: ${receipts}` : `${headline} (${countOf(receipts, 'receipt')})`,
    ];
  }
  const visible = rows.slice(0, maxRows);
  const lines = [
    `${measureWords[plan.measure]} by ${plan.groupBy === 'employee' ? 'person' : plan.groupBy}: ${visible[0]!.key ?? 'none'} first, ${shown(visible[0]!, plan)}`,
    ...table(visible.map((row) => [row.key ?? '(none)', shown(row, plan)])),
  ];
  const hidden = rows.length - visible.length;
  if (hidden > 0 || truncated) lines.push(hidden > 0 ? `and ${hidden} more` : 'and more');
  return lines;
}

function listAnswer(rows: ListRow[], truncated: boolean): string[] {
  if (rows.length === 0) return ['No receipts match.'];
  const visible = rows.slice(0, maxRows);
  const lines = [
    `${truncated ? `${rows.length}+ receipts` : countOf(rows.length, 'receipt')}${rows.length > maxRows ? `, the first ${maxRows}` : ''}:`,
    ...table(
      visible.map((row) => [
        row.date ?? '',
        row.merchant ?? '(no merchant)',
        row.employee,
        row.total ? formatMoney(row.total, row.currency) : '',
      ]),
    ),
  ];
  if (rows.length > maxRows || truncated)
    lines.push(rows.length > maxRows ? `and ${rows.length - maxRows} more` : 'and more');
  return lines;
}

export function chartTitle(plan: QueryPlan, period: string | null): string {
  const by = plan.groupBy === 'employee' ? 'person' : plan.groupBy;
  return `${measureWords[plan.measure]} by ${by}${period ? `, ${period}` : ''}`;
}

export function formatAnswer(result: QueryResult, plan: QueryPlan, counted: string): string {
  const lines =
    result.kind === 'list'
      ? listAnswer(result.rows, result.truncated)
      : groupsAnswer(result.rows, result.truncated, plan);
  return [...lines, counted].join('\n');
}
