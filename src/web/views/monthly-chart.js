// The overview's month-by-month chart: one panel per currency (never added across currencies), a bar
// per month with its amount written beside it and a scale under the bars. Plain HTML rather than SVG,
// so the text stays at the page's size on a phone; each row links to that month's receipts.
import { h, href, money } from '../lib/render.js';

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value`: a round end for the scale. */
function roundUp(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((step) => step * power).find((end) => end >= value);
}

function compact(amount, currency) {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** Every month from the first with spend to `lastMonth` (YYYY-MM), so gaps show as empty months. */
function monthsFrom(first, lastMonth) {
  const months = [];
  let [year, month] = first.split('-').map(Number);
  const [endYear, endMonth] = lastMonth.split('-').map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

function monthLabel(key) {
  const [year, month] = key.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function panel(currency, rows, lastMonth) {
  const byMonth = new Map(rows.map((row) => [row.key, row]));
  const months = monthsFrom(rows[0].key, lastMonth);
  const end = roundUp(Math.max(...rows.map((row) => Number(row.total))));
  const width = (amount) => `${Math.min(100, (100 * Number(amount)) / end)}%`;
  const bars = months.map((key) => {
    const row = byMonth.get(key);
    const [year, month] = key.split('-').map(Number);
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    const bar = h('span', { class: 'bar' });
    // Set through the style object: the page's CSP refuses inline style attributes.
    bar.style.width = width(row?.total ?? 0);
    const value = row ? money(row.total, currency) : '—';
    return h(
      row ? 'a' : 'div',
      {
        class: 'bar-row',
        href: row ? href.receipts({ from: `${key}-01`, to: last }) : null,
        'aria-label': `${monthLabel(key)}: ${row ? value : 'nothing'}`,
      },
      h('span', { class: 'month', text: monthLabel(key) }),
      h('span', { class: 'track' }, bar),
      h('span', { class: 'value', text: value }),
    );
  });
  const ticks = [0, end / 2, end].map((amount) => h('span', { text: compact(amount, currency) }));
  return h(
    'figure',
    { class: 'chart', 'data-currency': currency },
    h('figcaption', { text: `Spent per month in ${currency}` }),
    h('div', { class: 'bars' }, ...bars),
    h(
      'div',
      { class: 'bar-row axis', 'aria-hidden': 'true' },
      h('span'),
      h('span', { class: 'ticks' }, ...ticks),
      h('span'),
    ),
  );
}

/** `rows` are {key: YYYY-MM, currency, total}; `month` the overview's current month ({from}). */
export function monthlyChart(rows, month) {
  const counted = rows.filter((row) => row.currency && row.total !== null);
  if (!counted.length) return h('p', { class: 'muted', text: 'No receipts in the last twelve months.' });
  const lastMonth = month.from.slice(0, 7);
  // The currency with the most spend first; amounts in different currencies are never compared.
  const byCurrency = new Map();
  for (const row of counted) {
    if (!byCurrency.has(row.currency)) byCurrency.set(row.currency, []);
    byCurrency.get(row.currency).push(row);
  }
  const spend = (list) => list.reduce((sum, row) => sum + Number(row.total), 0);
  const currencies = [...byCurrency.entries()].sort((a, b) => spend(b[1]) - spend(a[1]));
  return h(
    'div',
    { class: 'charts' },
    ...currencies.map(([currency, list]) =>
      panel(
        currency,
        list.sort((a, b) => a.key.localeCompare(b.key)),
        lastMonth,
      ),
    ),
  );
}
