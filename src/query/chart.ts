// A chart for answers a picture says better: bars for groups, a line for time. Drawn as SVG and
// rendered to PNG by sharp (librsvg), so nothing is downloaded or run in a browser.
import sharp from 'sharp';
import { formatMoney } from '../money.ts';
import type { GroupRow } from './execute.ts';
import { type QueryPlan, timeGroupings } from './plan.ts';

const width = 800;
const height = 420;
const margin = { top: 48, right: 24, bottom: 90, left: 96 };
const maxBars = 24;

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Worth drawing: a series in time, or three groups or more. */
export function wantsChart(plan: QueryPlan, rows: GroupRow[]): boolean {
  if (!plan.groupBy || plan.groupBy === 'currency') return false;
  const byTime = timeGroupings.includes(plan.groupBy);
  return byTime ? rows.length >= 2 : rows.length >= 3;
}

/** The rows of the most used currency, for one axis: mixed currencies are never drawn on one. */
function oneCurrency(rows: GroupRow[]): { currency: string | null; rows: GroupRow[] } {
  const counts = new Map<string | null, number>();
  for (const row of rows) counts.set(row.currency, (counts.get(row.currency) ?? 0) + 1);
  const currency = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return { currency, rows: rows.filter((row) => row.currency === currency) };
}

export async function renderChart(plan: QueryPlan, allRows: GroupRow[], title: string): Promise<Buffer> {
  const { currency, rows } = oneCurrency(allRows);
  // A ranking draws the groups it names ("top 5"), not the others it only totals.
  const shown = rows.slice(0, Math.min(maxBars, plan.limit ?? maxBars));
  const byTime = plan.groupBy !== null && timeGroupings.includes(plan.groupBy);
  // Pixel geometry only: the figures printed come from the exact decimal strings.
  const values = shown.map((row) => Number(row.value));
  const top = Math.max(...values, 0) || 1;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const step = plotWidth / shown.length;
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const label = (row: GroupRow) => (plan.measure === 'count' ? row.value : formatMoney(row.value, currency));

  const marks = byTime
    ? `<polyline fill="none" stroke="#2563eb" stroke-width="3" points="${shown
        .map((_, i) => `${margin.left + step * (i + 0.5)},${y(values[i]!)}`)
        .join(' ')}"/>${shown
        .map((_, i) => `<circle cx="${margin.left + step * (i + 0.5)}" cy="${y(values[i]!)}" r="4" fill="#2563eb"/>`)
        .join('')}`
    : shown
        .map((_, i) => {
          const barWidth = Math.max(2, step * 0.7);
          const x = margin.left + step * i + (step - barWidth) / 2;
          return `<rect x="${x}" y="${y(values[i]!)}" width="${barWidth}" height="${margin.top + plotHeight - y(values[i]!)}" fill="#2563eb"/>`;
        })
        .join('');
  const valueLabels = shown
    .map(
      (row, i) =>
        `<text x="${margin.left + step * (i + 0.5)}" y="${y(values[i]!) - 6}" font-size="11" text-anchor="middle">${escapeXml(label(row))}</text>`,
    )
    .join('');
  const keys = shown
    .map((row, i) => {
      const x = margin.left + step * (i + 0.5);
      const text = escapeXml((row.key ?? '(none)').slice(0, 18));
      return `<text x="${x}" y="${height - margin.bottom + 16}" font-size="12" text-anchor="end" transform="rotate(-35 ${x} ${height - margin.bottom + 16})">${text}</text>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Arial, sans-serif">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="${margin.left}" y="28" font-size="16" font-weight="bold">${escapeXml(title)}${currency ? ` (${currency})` : ''}</text>
<line x1="${margin.left}" y1="${margin.top + plotHeight}" x2="${width - margin.right}" y2="${margin.top + plotHeight}" stroke="#334155"/>
<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotHeight}" stroke="#334155"/>
<text x="${margin.left - 8}" y="${margin.top + 4}" font-size="11" text-anchor="end">${escapeXml(plan.measure === 'count' ? String(top) : formatMoney(top.toFixed(2), currency))}</text>
<text x="${margin.left - 8}" y="${margin.top + plotHeight}" font-size="11" text-anchor="end">0</text>
${marks}${valueLabels}${keys}
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
