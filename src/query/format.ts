// An executed plan as a chat answer, written as a finance colleague would: the figure first
// ("€1,120.04, £230.10 and $98.00", "1 receipt"), a table with one row per person, month or
// merchant (currencies side by side in that row), how many others a "top 5" left out and their
// total, both figures and the change for a comparison, and one line saying what was counted.
import { formatCents, formatMoney, parseCents } from '../money.ts';
import type { GroupRow, ListRow, PeriodRows, QueryResult } from './execute.ts';
import type { FxRate, FxTable } from './fx.ts';
import { type Grouping, maxListed, type QueryPlan, timeGroupings } from './plan.ts';

/** Rows shown when the question names no number ("by merchant"); "top 50" shows fifty. */
export const defaultRows = 10;

const measureWords: Record<QueryPlan['measure'], string> = {
  total: 'Total spent',
  count: 'Receipts',
  average: 'Average receipt',
  max: 'Largest receipt',
  min: 'Smallest receipt',
  list: 'Receipts',
  tax: 'Tax (VAT)',
  merchants: 'Different merchants',
  per_person: 'Average per person',
};

const groupNames: Record<Grouping, [string, string]> = {
  category: ['category', 'categories'],
  merchant: ['merchant', 'merchants'],
  employee: ['person', 'people'],
  day: ['day', 'days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
  quarter: ['quarter', 'quarters'],
  year: ['year', 'years'],
  currency: ['currency', 'currencies'],
  weekday: ['day of the week', 'days of the week'],
};

const isCount = (plan: QueryPlan) => plan.measure === 'count' || plan.measure === 'merchants';
/** Measures whose figures add up, so "the others" can be given a total. */
const additive = (plan: QueryPlan) => ['total', 'count', 'tax'].includes(plan.measure);

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** "a, b and c". */
export function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "3 Oct 2026" for "2026-10-03". */
export function shortDay(day: string | null): string {
  if (!day) return '(no date)';
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

interface Figure {
  currency: string | null;
  value: string;
}

function shownFigure(figure: Figure, plan: QueryPlan): string {
  return isCount(plan) ? Number(figure.value).toLocaleString('en') : formatMoney(figure.value, figure.currency);
}

const shownFigures = (figures: Figure[], plan: QueryPlan) =>
  joinWords(figures.map((figure) => shownFigure(figure, plan)));

interface Group {
  key: string | null;
  figures: Figure[];
  count: number;
}

const centsOf = (value: string) => parseCents(value) ?? 0n;
const byValueDescending = (a: Figure, b: Figure) => {
  const difference = centsOf(b.value) - centsOf(a.value);
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
};

/**
 * One group per key, its currencies side by side (the most used currency first); time keys in
 * time order, the others ranked by their figure in the most used currency, then by the rest.
 */
/** Currencies by how many receipts are in them, most first (alphabetical on a tie). */
function currencyRank(rows: GroupRow[]): (string | null)[] {
  const receiptsPerCurrency = new Map<string | null, number>();
  for (const row of rows)
    receiptsPerCurrency.set(row.currency, (receiptsPerCurrency.get(row.currency) ?? 0) + row.count);
  return [...receiptsPerCurrency.entries()]
    .sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
    .map(([currency]) => currency);
}

export function mergeGroups(rows: GroupRow[], plan: QueryPlan): Group[] {
  const rank = currencyRank(rows);
  const groups = new Map<string | null, Group>();
  for (const row of rows) {
    const group = groups.get(row.key) ?? { key: row.key, figures: [], count: 0 };
    group.figures.push({ currency: row.currency, value: row.value });
    group.count += row.count;
    groups.set(row.key, group);
  }
  for (const group of groups.values())
    group.figures.sort((a, b) => rank.indexOf(a.currency) - rank.indexOf(b.currency));
  const merged = [...groups.values()];
  // In time order unless ranked ("which month did we spend the most in").
  if (plan.groupBy && !plan.limit && (timeGroupings.includes(plan.groupBy) || plan.groupBy === 'weekday'))
    return merged;
  const sign = plan.ascending ? -1 : 1;
  return merged.sort((a, b) => {
    for (const currency of rank) {
      const x = a.figures.find((figure) => figure.currency === currency);
      const y = b.figures.find((figure) => figure.currency === currency);
      if (x && y) {
        const order = byValueDescending(x, y) * sign;
        if (order !== 0) return order;
        continue;
      }
      if (x || y) return x ? -1 : 1;
    }
    return String(a.key).localeCompare(String(b.key));
  });
}

/** Per currency, the sum of the groups' figures. */
function sumFigures(groups: Group[]): Figure[] {
  const sums = new Map<string | null, bigint>();
  for (const group of groups)
    for (const figure of group.figures)
      sums.set(figure.currency, (sums.get(figure.currency) ?? 0n) + centsOf(figure.value));
  return [...sums.entries()].map(([currency, cents]) => ({ currency, value: formatCents(cents) }));
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
  names: { employees: string[]; own: boolean; converted?: { fx: FxTable; used: FxRate[] } | null },
): string {
  const parts = [
    plan.filters.categories.length ? plan.filters.categories.join(', ') : 'all categories',
    ...(plan.filters.merchants.length ? [plan.filters.merchants.join(', ')] : []),
    ...(names.employees.length ? [names.employees.join(', ')] : names.own ? ['your receipts only'] : []),
    plan.compare ? `${period ?? 'all dates'} against ${plan.compare.label}` : (period ?? 'all dates'),
    ...(plan.filters.above ? [`over ${plan.filters.above}`] : []),
    ...(plan.filters.below ? [`under ${plan.filters.below}`] : []),
    ...(plan.filters.currency ? [`in ${plan.filters.currency}`] : []),
    ...(plan.filters.text ? [`mentioning "${plan.filters.text}"`] : []),
    ...(plan.groupBy ? [`by ${groupNames[plan.groupBy][0]}`] : []),
    ...(plan.measure === 'tax' ? ['receipts with a tax amount'] : []),
  ];
  const converted = names.converted ? ` ${ratesWords(names.converted.fx, names.converted.used)}` : '';
  return `Counted: ${parts.join(', ')}; ${statusWords(plan.filters.statuses)} receipts.${converted}`;
}

/**
 * "Amounts in EUR at the configured rates: 1 USD = 0.90 EUR before 15 Oct 2026 and 1 USD = 0.80 EUR
 * from 15 Oct 2026." `used`: the rates in force over the question's period (fx.ts ratesInForce).
 */
export function ratesWords(fx: FxTable, used: FxRate[]): string {
  const to = fx.reportCurrency;
  if (used.length === 0) return `Amounts in ${to} where a configured rate applies; none applies to these dates.`;
  const words = used.map((rate) => {
    const firstDated = fx.rates
      .filter((other) => other.currency === rate.currency && other.day !== null)
      .map((other) => other.day!)
      .sort()[0];
    const when = rate.day ? ` from ${shortDay(rate.day)}` : firstDated ? ` before ${shortDay(firstDated)}` : '';
    return `1 ${rate.currency} = ${rate.rate} ${to}${when}`;
  });
  return `Amounts in ${to} at the configured rates: ${joinWords(words)}.`;
}

function statusWords(statuses: QueryPlan['filters']['statuses']): string {
  if (statuses.length === 1) return statuses[0] === 'confirmed' ? 'confirmed' : 'to-review';
  return 'confirmed and to-review';
}

/** Where a receipt is in the web page. */
export const receiptLink = (id: string) => `/app#/receipts/${id}`;

function namedReceipt(receipt: ListRow): string {
  const amount = receipt.total ? formatMoney(receipt.total, receipt.currency) : '';
  return `${amount} at ${receipt.merchant ?? '(no merchant)'}, ${receipt.employee}, ${shortDay(receipt.date)} (${receiptLink(receipt.id)})`;
}

function ungroupedAnswer(rows: GroupRow[], plan: QueryPlan, receipts: ListRow[] | undefined): string[] {
  const receiptCount = rows.reduce((sum, row) => sum + row.count, 0);
  if (plan.measure === 'count') return [`${measureWords.count}: ${receiptCount.toLocaleString('en')}`];
  if (receipts?.length) {
    const sorted = mergeGroups(rows, plan)[0]?.figures ?? [];
    const ordered = sorted
      .map((figure) => receipts.find((receipt) => receipt.currency === figure.currency))
      .filter((receipt): receipt is ListRow => receipt !== undefined);
    if (ordered.length === 1) return [`${measureWords[plan.measure]}: ${namedReceipt(ordered[0]!)}`];
    return [`${measureWords[plan.measure]}, per currency:`, ...ordered.map((receipt) => `- ${namedReceipt(receipt)}`)];
  }
  const figures = mergeGroups(rows, plan)[0]?.figures ?? [];
  const on = plan.measure === 'merchants' || plan.measure === 'tax' ? 'on ' : '';
  return [`${measureWords[plan.measure]}: ${shownFigures(figures, plan)} (${on}${plural(receiptCount, 'receipt')})`];
}

function groupsAnswer(rows: GroupRow[], truncated: boolean, plan: QueryPlan, receipts?: ListRow[]): string[] {
  if (rows.length === 0 || rows.every((row) => row.count === 0)) return ['No receipts match.'];
  if (!plan.groupBy) return ungroupedAnswer(rows, plan, receipts);
  const groups = mergeGroups(rows, plan);
  const series = timeGroupings.includes(plan.groupBy) || plan.groupBy === 'weekday';
  // A series in time is shown whole; a ranking shows the number asked for, or ten.
  const shownCount = Math.min(plan.limit ?? (series ? maxListed : defaultRows), maxListed);
  const visible = groups.slice(0, shownCount);
  const [one, many] = groupNames[plan.groupBy];
  const ordered = !plan.limit && series;
  const title = plan.limit
    ? `${plan.ascending ? 'Bottom' : 'Top'} ${plural(visible.length, one, many)} by ${measureWords[plan.measure].toLowerCase()}`
    : `${measureWords[plan.measure]} by ${one}`;
  const first = ordered ? '' : `: ${visible[0]!.key ?? '(none)'} first, ${shownFigures(visible[0]!.figures, plan)}`;
  const lines = [
    `${title}${first}`,
    ...table(visible.map((group) => [group.key ?? '(none)', shownFigures(group.figures, plan)])),
  ];
  const currencies = new Set(rows.map((row) => row.currency));
  if (!ordered && currencies.size > 1 && !isCount(plan)) {
    const main = currencyRank(rows)[0];
    lines.push(
      `Ranked by the ${main} amounts, the currency most of these receipts are in; currencies are never added together.`,
    );
  }
  const others = groups.slice(visible.length);
  if (others.length > 0) {
    const total = additive(plan) ? `: ${shownFigures(sumFigures(others), plan)} together` : '';
    lines.push(`and ${plural(others.length, `other ${one}`, `other ${many}`)}${total}`);
  } else if (truncated) lines.push('and more');
  return lines;
}

function listAnswer(rows: ListRow[], truncated: boolean, plan: QueryPlan): string[] {
  if (rows.length === 0) return ['No receipts match.'];
  const shownCount = Math.min(plan.limit ?? defaultRows, maxListed);
  const visible = rows.slice(0, shownCount);
  const ranked = plan.measure === 'max' || plan.measure === 'min';
  const title = ranked
    ? `The ${plural(visible.length, `${plan.measure === 'max' ? 'largest' : 'smallest'} receipt`)}`
    : `${plural(rows.length, 'receipt')}${truncated ? ' or more' : ''}${rows.length > visible.length ? `, the first ${visible.length}` : ''}`;
  const lines = [
    `${title}:`,
    ...table(
      visible.map((row) => [
        shortDay(row.date),
        row.merchant ?? '(no merchant)',
        row.employee,
        row.total ? formatMoney(row.total, row.currency) : '',
      ]),
    ),
  ];
  if (rows.length > visible.length) lines.push(`and ${plural(rows.length - visible.length, 'other')}`);
  return lines;
}

/** The change from `before` to `after` in cents, and in per cent to one decimal (null from zero). */
function change(before: bigint, after: bigint): { difference: bigint; percent: string | null } {
  const difference = after - before;
  if (before === 0n) return { difference, percent: null };
  // Per mille, rounded half away from zero, as integers: no float ever touches money.
  const scaled = difference * 2000n;
  const perMille = (scaled + (scaled < 0n ? -before : before)) / (2n * before);
  const sign = perMille < 0n ? '-' : '+';
  const abs = perMille < 0n ? -perMille : perMille;
  return { difference, percent: `${sign}${abs / 10n}.${abs % 10n} %` };
}

function compareAnswer(first: PeriodRows, second: PeriodRows, plan: QueryPlan): string[] {
  // Earlier period first; the change is from the earlier to the later one.
  const [before, after] = first.from <= second.from ? [first, second] : [second, first];
  const figures = (rows: GroupRow[]) => (rows.length ? (mergeGroups(rows, plan)[0]?.figures ?? []) : []);
  const beforeFigures = figures(before.rows);
  const afterFigures = figures(after.rows);
  const currencies = [...new Set([...beforeFigures, ...afterFigures].map((figure) => figure.currency))];
  const zero = (currency: string | null): Figure => ({ currency, value: isCount(plan) ? '0' : '0.00' });
  const count = (rows: GroupRow[]) =>
    plural(
      rows.reduce((sum, row) => sum + row.count, 0),
      'receipt',
    );
  const lines = [
    `${measureWords[plan.measure]}, ${before.label} against ${after.label}:`,
    `${before.label}: ${beforeFigures.length ? shownFigures(beforeFigures, plan) : shownFigure(zero(null), plan)} (${count(before.rows)})`,
    `${after.label}: ${afterFigures.length ? shownFigures(afterFigures, plan) : shownFigure(zero(null), plan)} (${count(after.rows)})`,
  ];
  for (const currency of currencies) {
    const a = beforeFigures.find((figure) => figure.currency === currency) ?? zero(currency);
    const b = afterFigures.find((figure) => figure.currency === currency) ?? zero(currency);
    const toCents = (figure: Figure) => (isCount(plan) ? BigInt(figure.value) : centsOf(figure.value));
    const { difference, percent } = change(toCents(a), toCents(b));
    const abs = difference < 0n ? -difference : difference;
    const amount = isCount(plan) ? abs.toString() : formatMoney(formatCents(abs), currency);
    const word = difference === 0n ? 'No change' : difference > 0n ? `Up ${amount}` : `Down ${amount}`;
    lines.push(
      `${word}${percent && difference !== 0n ? ` (${percent})` : ''}${percent === null && difference !== 0n ? ' (from nothing)' : ''}`,
    );
  }
  return lines;
}

export function chartTitle(plan: QueryPlan, period: string | null): string {
  const by = plan.groupBy ? groupNames[plan.groupBy][0] : '';
  return `${measureWords[plan.measure]} by ${by}${period ? `, ${period}` : ''}`;
}

export function formatAnswer(result: QueryResult, plan: QueryPlan, counted: string, notes: string[] = []): string {
  const lines =
    result.kind === 'list'
      ? listAnswer(result.rows, result.truncated, plan)
      : result.kind === 'compare'
        ? compareAnswer(result.first, result.second, plan)
        : groupsAnswer(result.rows, result.truncated, plan, result.receipts);
  return [...lines, ...notes, counted].join('\n');
}
