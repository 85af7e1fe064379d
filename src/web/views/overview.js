// The spend overview: this month and last, this month by category and by person, and month by month;
// every figure links to the receipts it sums.
import { api } from '../lib/api.js';
import { h, href, money, show, table } from '../lib/render.js';
import { monthlyChart } from './monthly-chart.js';

export async function overviewView({ me }) {
  const data = await api('/api/overview');
  show(
    h('h1', { text: me.user.role === 'admin' ? 'Spend overview' : 'Your spending' }),
    h(
      'div',
      { class: 'cards' },
      monthCard('This month', 'this-month', data.month, data.thisMonth),
      monthCard('Last month', 'last-month', data.lastMonth, data.previousMonth),
    ),
    h('h2', { text: 'This month by category' }),
    spendTable(data.byCategory, data.month, (row) => ({ category: row.key ?? '' })),
    h('h2', { text: 'This month by person' }),
    spendTable(data.byPerson, data.month, (row) => ({ user: row.userId })),
    h('h2', { text: 'Month by month' }),
    monthlyChart(data.monthly, data.month),
  );
}

/** Sums per currency, never added across currencies. */
const sums = (rows) => (rows.length ? rows.map((row) => money(row.total, row.currency)).join(' + ') : 'nothing yet');

function monthCard(label, id, range, totals) {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'muted', text: label }),
    h('a', { class: 'big', id, href: href.receipts({ from: range.from, to: range.to }), text: sums(totals) }),
  );
}

/** One row per group (category or person) and currency; `filter` turns a row into its receipts' filter. */
function spendTable(rows, range, filter) {
  const shown = rows.length ? rows : [{ key: 'Nothing yet', currency: null, total: null, count: 0 }];
  return table({
    body: h(
      'tbody',
      {},
      ...shown.map((row) => {
        const link = href.receipts({ from: range.from, to: range.to, ...filter(row) });
        return h(
          'tr',
          {},
          h('td', {}, row.count ? h('a', { href: link, text: row.key ?? 'uncategorised' }) : row.key),
          h('td', { class: 'num' }, row.count ? h('a', { href: link, text: money(row.total, row.currency) }) : ''),
          h('td', { class: 'num muted', text: row.count ? `${row.count} receipt${row.count === 1 ? '' : 's'}` : '' }),
        );
      }),
    ),
  });
}
