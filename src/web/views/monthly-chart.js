// The overview's bar chart of spend per month, in the currency with the most spend; each bar links to
// that month's receipts.
import { h, href, money, svg } from '../lib/render.js';

const width = 640;
const height = 220;

export function monthlyChart(rows) {
  if (!rows.length) return h('p', { class: 'muted', text: 'No receipts in the last twelve months.' });
  // The currency with the most spend is charted; the others are named below the chart.
  const byCurrency = new Map();
  for (const row of rows) byCurrency.set(row.currency, (byCurrency.get(row.currency) ?? 0) + Number(row.total));
  const currency = [...byCurrency.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const shown = rows.filter((row) => row.currency === currency);
  const max = Math.max(...shown.map((row) => Number(row.total)), 1);
  const barWidth = Math.min((width - 40) / shown.length, 64);
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `Monthly spend in ${currency}: ${shown.map((row) => `${row.key} ${row.total}`).join(', ')}`,
  });
  shown.forEach((row, index) => {
    const barHeight = (Number(row.total) / max) * (height - 50);
    const [year, month] = row.key.split('-').map(Number);
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    const bar = svg(
      'rect',
      {
        x: 30 + index * barWidth + 4,
        y: height - 30 - barHeight,
        width: Math.max(barWidth - 8, 2),
        height: barHeight,
      },
      svg('title', {}, `${row.key}: ${money(row.total, currency)}`),
    );
    const label = svg(
      'text',
      { x: 30 + index * barWidth + barWidth / 2, y: height - 12, 'text-anchor': 'middle' },
      new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', { month: 'short', year: '2-digit', timeZone: 'UTC' }),
    );
    chart.append(svg('a', { href: href.receipts({ from: `${row.key}-01`, to: last }) }, bar), label);
  });
  const others = [...byCurrency.keys()].filter((c) => c !== currency);
  return h(
    'figure',
    { class: 'chart' },
    chart,
    h('figcaption', {
      class: 'muted',
      text: `In ${currency}${others.length ? `; also spent in ${others.join(', ')}` : ''}.`,
    }),
  );
}
