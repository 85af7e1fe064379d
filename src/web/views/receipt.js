// One receipt beside its picture: fields to correct (doubtful ones marked), confirm, delete, line items.
// The review queue shows receipts through this view too, with a Next button and keys.
import { api } from '../lib/api.js';
import { badge, choice, field, h, href, money, say, sayError, show, table } from '../lib/render.js';
import { approvalPanel } from './approval-panel.js';
import { drawBoxes } from './receipt-boxes.js';

const editable = [
  ['merchant', 'Merchant', 'text'],
  ['date', 'Date', 'date'],
  ['total', 'Total', 'text'],
  ['tax', 'Tax', 'text'],
  ['currency', 'Currency', 'text'],
  ['category', 'Category', 'select'],
];

/** Shows the receipt once it has been read; returns what the review keys need. */
export async function receiptView({ me, id, onDone }) {
  let receipt = (await api(`/api/receipts/${id}`)).receipt;
  while (receipt.status === 'queued' || receipt.status === 'processing') {
    show(h('h1', { text: 'Reading the receipt…' }), h('p', { class: 'muted', text: 'This takes a few seconds.' }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    receipt = (await api(`/api/receipts/${id}`)).receipt;
  }
  const doubtful = (name) =>
    (receipt.fieldConfidence?.[name] ?? 1) < 0.6 ||
    receipt.reviewReasons.some((reason) => reason.toLowerCase().includes(name));
  const inputs = {};
  const fields = editable.map(([name, text, type]) => {
    const current = receipt[name] ?? '';
    const control =
      type === 'select'
        ? choice(name, me.categories, { selected: current, empty: '—' })
        : h('input', {
            name,
            type,
            value: current,
            inputmode: name === 'total' || name === 'tax' ? 'decimal' : null,
            autocomplete: 'off',
          });
    inputs[name] = control;
    const node = field(text, control);
    if (doubtful(name)) {
      node.classList.add('needs-review');
      node.append(h('div', { class: 'hint', text: 'Check this one' }));
    }
    return node;
  });

  async function save() {
    const changes = {};
    for (const [name] of editable) {
      const value = inputs[name].value.trim();
      if (value && value !== (receipt[name] ?? '')) changes[name] = value;
    }
    if (!Object.keys(changes).length) return receipt;
    receipt = (await api(`/api/receipts/${receipt.id}`, { method: 'PATCH', body: JSON.stringify(changes) })).receipt;
    say('Saved.');
    return receipt;
  }
  async function confirm() {
    await save();
    receipt = (await api(`/api/receipts/${receipt.id}/confirm`, { method: 'POST' })).receipt;
    say('Confirmed.');
    if (onDone) onDone();
    else receiptView({ me, id: receipt.id });
  }
  async function remove() {
    if (!window.confirm('Delete this receipt?')) return;
    await api(`/api/receipts/${receipt.id}`, { method: 'DELETE' });
    say('Deleted.');
    if (onDone) onDone();
    else location.hash = href.receipts();
  }
  const form = h(
    'form',
    {
      class: 'fields',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await save();
          receiptView({ me, id: receipt.id, onDone });
        } catch (error) {
          say(error.message);
        }
      },
    },
    ...fields,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', text: 'Save' }),
      receipt.status !== 'failed'
        ? h('button', {
            type: 'button',
            onclick: () => confirm().catch(sayError),
            text: receipt.confirmedAt ? 'Confirmed ✓' : 'Confirm',
          })
        : null,
      h('button', { type: 'button', class: 'danger', onclick: () => remove().catch(sayError), text: 'Delete' }),
      onDone ? h('button', { type: 'button', class: 'quiet', onclick: onDone, text: 'Next' }) : null,
    ),
  );
  show(
    h('h1', {}, receipt.merchant ?? 'Receipt', ' ', badge(receipt.status)),
    receipt.reviewReasons.length
      ? h(
          'div',
          { class: 'reasons', role: 'note' },
          h('strong', { text: 'Needs a look: ' }),
          receipt.reviewReasons.join(' '),
        )
      : null,
    receipt.error ? h('p', { class: 'error', text: receipt.error }) : null,
    onDone ? reviewKeys() : null,
    h(
      'div',
      { class: 'detail' },
      picture(receipt),
      h(
        'div',
        {},
        form,
        approvalPanel({ me, receipt, onChange: () => receiptView({ me, id: receipt.id, onDone }) }),
        receipt.items.length ? h('div', {}, h('h2', { text: 'Line items' }), itemsTable(receipt)) : null,
        historySection(receipt),
      ),
    ),
  );
  return { confirm, first: () => inputs.merchant.focus() };
}

/** Why a receipt has no picture, by where it came from. */
const noPicture = {
  manual: 'Entered by hand: no picture.',
  import: 'Imported from a file: no picture.',
};

function picture(receipt) {
  const node = h('div', { class: 'picture' });
  if (!receipt.imageUrl) {
    node.append(h('p', { class: 'muted', text: noPicture[receipt.extractor] ?? 'No picture.' }));
    return node;
  }
  node.append(
    h('img', {
      src: `/api/receipts/${receipt.id}/preview?width=1000`,
      alt: `Receipt from ${receipt.merchant ?? 'an unknown merchant'}`,
    }),
  );
  // The boxes are a help, not the receipt: without OCR words the picture stays as it is.
  api(`/api/receipts/${receipt.id}/ocr`)
    .then((ocr) => drawBoxes(node, ocr, receipt))
    .catch(() => {});
  return node;
}

function reviewKeys() {
  return h(
    'p',
    { class: 'muted' },
    'Keys: ',
    h('kbd', { text: 'c' }),
    ' confirm, ',
    h('kbd', { text: 'n' }),
    ' next, ',
    h('kbd', { text: 'e' }),
    ' edit the first field.',
  );
}

const fieldNames = {
  merchant: 'Merchant',
  date: 'Date',
  total: 'Total',
  tax: 'Tax',
  currency: 'Currency',
  category: 'Category',
  status: 'Status',
};

/** Who changed what and when: filled in once /history answers; nothing shown when nothing changed. */
function historySection(receipt) {
  const node = h('section', { class: 'history', 'aria-label': 'History' });
  api(`/api/receipts/${receipt.id}/history`)
    .then(({ history }) => {
      if (!history.length) return;
      node.append(
        h('h2', { text: 'History' }),
        table({
          columns: ['When', 'Who', 'Field', 'Before', 'After'],
          body: h(
            'tbody',
            {},
            ...history.map((entry) =>
              h(
                'tr',
                {},
                h('td', { text: new Date(entry.at).toLocaleString() }),
                h('td', { text: entry.by?.name ?? '—' }),
                h('td', { text: fieldNames[entry.field] ?? entry.field }),
                h('td', { text: entry.before ?? '—' }),
                h('td', { text: entry.after ?? '—' }),
              ),
            ),
          ),
        }),
      );
    })
    .catch(() => {});
  return node;
}

function itemsTable(receipt) {
  return table({
    columns: ['Item', 'Qty', 'Amount'],
    numeric: ['Qty', 'Amount'],
    body: h(
      'tbody',
      {},
      ...receipt.items.map((item) =>
        h(
          'tr',
          {},
          h('td', { text: item.description }),
          h('td', { class: 'num', text: item.quantity ?? '' }),
          h('td', { class: 'num', text: money(item.amount, receipt.currency) }),
        ),
      ),
    ),
  });
}
