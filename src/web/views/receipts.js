// The receipts list: upload a photo, filter and search, newest first, a page at a time.
import { api } from '../lib/api.js';
import { badge, choice, field, h, href, money, say, show, statusWords, table } from '../lib/render.js';

export async function receiptsView({ me, params }) {
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'quiet', text: 'Show more', hidden: true });
  show(
    h('h1', { text: 'Receipts' }),
    uploadForm(),
    filterForm(params, me.categories),
    table({
      caption: 'Newest first. Select a row to open the receipt.',
      columns: ['', 'Date', 'Merchant', 'Category', 'Total', 'Status'],
      numeric: ['Total'],
      body,
    }),
    more,
  );

  let cursor = null;
  async function load() {
    const query = new URLSearchParams(params);
    query.set('limit', '25');
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/api/receipts?${query}`);
    for (const receipt of page.receipts) body.append(receiptRow(receipt));
    if (!body.children.length) body.append(h('tr', {}, h('td', { colspan: 6, text: 'No receipts match.' })));
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
    params.get('user') ? h('input', { type: 'hidden', name: 'user', value: params.get('user') }) : null,
    h('button', { type: 'submit', text: 'Filter' }),
  );
  return form;
}

function receiptRow(receipt) {
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
      {},
      receipt.imageUrl
        ? h('img', { class: 'thumb', src: `/api/receipts/${receipt.id}/preview?width=112`, alt: '', loading: 'lazy' })
        : null,
    ),
    h('td', { text: receipt.date ?? '—' }),
    h('td', {}, h('a', { href: href.receipt(receipt.id), text: receipt.merchant ?? '(no merchant yet)' })),
    h('td', { text: receipt.category ?? '—' }),
    h('td', { class: 'num', text: money(receipt.total, receipt.currency) }),
    h('td', {}, badge(receipt.status)),
  );
}
