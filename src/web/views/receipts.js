// The receipts list: upload a photo, filter, search and sort, a page at a time, with what the whole
// filter adds up to (per currency, summed by the server). Admins see whose receipt each one is.
import { api } from '../lib/api.js';
import { badge, choice, field, h, href, money, say, show, statusWords, table } from '../lib/render.js';

const sorts = {
  added: 'Newest added first',
  date_desc: 'Purchase date, newest first',
  date_asc: 'Purchase date, oldest first',
};

export async function receiptsView({ me, params }) {
  const admin = me.user.role === 'admin';
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'quiet', text: 'Show more', hidden: true });
  const totals = h('p', { class: 'filter-total', id: 'filter-total', 'aria-live': 'polite' });
  // Columns marked optional give way on a narrow screen, so Total and Status stay in view.
  const columns = [
    ['', 'optional'],
    ['Date', ''],
    ['Merchant', ''],
    ...(admin ? [['Person', 'optional']] : []),
    ['Category', 'optional'],
    ['Total', 'num'],
    ['Status', ''],
  ];
  const list = table({
    caption: `${sorts[params.get('sort')] ?? sorts.added}. Select a row to open the receipt.`,
    columns: columns.map(([title]) => title),
    numeric: ['Total'],
    body,
  });
  list.classList.add('receipts-table');
  list.querySelectorAll('th').forEach((th, index) => {
    if (columns[index][1] === 'optional') th.classList.add('optional');
  });
  show(h('h1', { text: 'Receipts' }), uploadForm(), filterForm(params, me.categories), totals, list, more);

  let cursor = null;
  async function load() {
    const query = new URLSearchParams(params);
    query.set('limit', '25');
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/api/receipts?${query}`);
    if (page.totals) totals.replaceChildren(...totalNodes(page.totals));
    for (const receipt of page.receipts) body.append(receiptRow(receipt, admin));
    if (!body.children.length) {
      body.append(h('tr', {}, h('td', { colspan: columns.length, text: 'No receipts match.' })));
    }
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }
  more.addEventListener('click', load);
  await load();
}

function uploadForm() {
  const form = h(
    'form',
    {
      class: 'actions',
      onsubmit: async (event) => {
        event.preventDefault();
        const file = form.querySelector('input[type=file]').files[0];
        if (!file) return;
        const body = new FormData();
        body.set('file', file);
        try {
          const { receipt, duplicate } = await api('/api/receipts', { method: 'POST', body });
          say(duplicate ? 'You sent this receipt before.' : 'Uploaded; reading it now.');
          location.hash = href.receipt(receipt.id);
        } catch (error) {
          say(error.message);
        }
      },
    },
    h('label', { for: 'upload-file', class: 'sr', text: 'Receipt photo or PDF' }),
    h('input', { id: 'upload-file', class: 'file', type: 'file', accept: 'image/*,application/pdf' }),
    h('button', { type: 'submit', text: 'Upload' }),
  );
  return form;
}

function filterForm(params, categories) {
  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        const chosen = new URLSearchParams();
        for (const [key, value] of new FormData(form)) if (value) chosen.set(key, String(value));
        location.hash = href.receipts(chosen);
      },
    },
    field(
      'Search',
      h('input', { name: 'q', type: 'search', value: params.get('q') ?? '', placeholder: 'merchant, item, text' }),
    ),
    field(
      'Status',
      choice('status', ['needs_review', 'confirmed', 'failed', 'queued'], {
        selected: params.get('status'),
        empty: 'any',
        label: (status) => statusWords[status],
      }),
    ),
    field('Category', choice('category', categories, { selected: params.get('category'), empty: 'any' })),
    field('From', h('input', { name: 'from', type: 'date', value: params.get('from') ?? '' })),
    field('To', h('input', { name: 'to', type: 'date', value: params.get('to') ?? '' })),
    field(
      'Sort',
      h(
        'select',
        { name: 'sort' },
        ...Object.entries(sorts).map(([value, text]) =>
          h('option', { value, text, selected: value === (params.get('sort') ?? 'added') }),
        ),
      ),
    ),
    params.get('user') ? h('input', { type: 'hidden', name: 'user', value: params.get('user') }) : null,
    h('button', { type: 'submit', text: 'Filter' }),
  );
  return form;
}

/** "Total of the 12 receipts with an amount: €230.50 + £12.00", for every row the filter matches. */
function totalNodes(totals) {
  const count = totals.reduce((sum, row) => sum + row.count, 0);
  if (!count) return [];
  return [
    h('span', { class: 'muted', text: `Total of the ${count} receipt${count === 1 ? '' : 's'} with an amount: ` }),
    h('strong', { text: totals.map((row) => money(row.total, row.currency)).join(' + ') }),
  ];
}

function receiptRow(receipt, admin) {
  return h(
    'tr',
    {
      class: 'clickable',
      onclick: () => {
        location.hash = href.receipt(receipt.id);
      },
    },
    h(
      'td',
      { class: 'optional' },
      receipt.imageUrl
        ? h('img', { class: 'thumb', src: `/api/receipts/${receipt.id}/preview?width=112`, alt: '', loading: 'lazy' })
        : null,
    ),
    h('td', { class: 'date', text: receipt.date ?? '—' }),
    h(
      'td',
      {},
      h('a', { href: href.receipt(receipt.id), text: receipt.merchant ?? '(no merchant yet)' }),
      // On a phone the Person column gives way; the name moves under the merchant instead.
      admin && receipt.userName ? h('div', { class: 'sub muted', text: receipt.userName }) : null,
    ),
    admin ? h('td', { class: 'optional person', text: receipt.userName ?? '—' }) : null,
    h('td', { class: 'optional', text: receipt.category ?? '—' }),
    h('td', { class: 'num', text: money(receipt.total, receipt.currency) }),
    h('td', {}, badge(receipt.status)),
  );
}
