// The admin web page: plain DOM code, no framework, talking to /api with the session cookie.

const main = document.getElementById('main');
let me = null;

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function say(text) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.hidden = false;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => {
    status.hidden = true;
  }, 3500);
}

async function api(path, options = {}) {
  const headers = {
    'x-requested-with': 'ticket-tracker',
    ...(options.body && !(options.body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
  };
  const response = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (response.status === 401) {
    show(
      h(
        'section',
        {},
        h('h1', { text: 'Please sign in' }),
        h('p', { text: 'Send /web to the ticket-tracker bot in Telegram or Slack and open the link it answers with.' }),
      ),
    );
    throw new Error('signed out');
  }
  if (response.status === 204) return null;
  const body = await response.json();
  if (!response.ok) throw new Error(body.error?.message ?? `request failed (${response.status})`);
  return body;
}

function show(...nodes) {
  main.replaceChildren(...nodes.filter(Boolean));
  main.focus();
}

const money = (amount, currency) => {
  if (amount === null || amount === undefined) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'XXX' }).format(Number(amount));
  } catch {
    return `${amount} ${currency ?? ''}`;
  }
};
const statusWords = {
  confirmed: 'confirmed',
  needs_review: 'to review',
  failed: 'failed',
  queued: 'waiting',
  processing: 'reading',
  deleted: 'deleted',
};
const badge = (status) => h('span', { class: `badge ${status}`, text: statusWords[status] ?? status });

function queryOf(hash) {
  const [, query = ''] = hash.split('?');
  return new URLSearchParams(query);
}

// ---------------------------------------------------------------- receipts list

async function receiptsView(params) {
  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        const chosen = new URLSearchParams();
        for (const [key, value] of new FormData(form)) if (value) chosen.set(key, String(value));
        location.hash = `#/receipts?${chosen}`;
      },
    },
    field(
      'Search',
      h('input', { name: 'q', type: 'search', value: params.get('q') ?? '', placeholder: 'merchant, item, text' }),
    ),
    field(
      'Status',
      h(
        'select',
        { name: 'status' },
        h('option', { value: '', text: 'any' }),
        ...['needs_review', 'confirmed', 'failed', 'queued'].map((s) =>
          h('option', { value: s, text: statusWords[s], selected: params.get('status') === s }),
        ),
      ),
    ),
    field(
      'Category',
      h(
        'select',
        { name: 'category' },
        h('option', { value: '', text: 'any' }),
        ...me.categories.map((c) => h('option', { value: c, text: c, selected: params.get('category') === c })),
      ),
    ),
    field('From', h('input', { name: 'from', type: 'date', value: params.get('from') ?? '' })),
    field('To', h('input', { name: 'to', type: 'date', value: params.get('to') ?? '' })),
    params.get('user') ? h('input', { type: 'hidden', name: 'user', value: params.get('user') }) : null,
    h('button', { type: 'submit', text: 'Filter' }),
  );
  const upload = h(
    'form',
    {
      class: 'actions',
      onsubmit: async (event) => {
        event.preventDefault();
        const file = upload.querySelector('input[type=file]').files[0];
        if (!file) return;
        const body = new FormData();
        body.set('file', file);
        try {
          const { receipt, duplicate } = await api('/api/receipts', { method: 'POST', body });
          say(duplicate ? 'You sent this receipt before.' : 'Uploaded; reading it now.');
          location.hash = `#/receipt/${receipt.id}`;
        } catch (error) {
          say(error.message);
        }
      },
    },
    h('label', { for: 'upload-file', class: 'sr', text: 'Receipt photo or PDF' }),
    h('input', { id: 'upload-file', class: 'file', type: 'file', accept: 'image/*,application/pdf' }),
    h('button', { type: 'submit', text: 'Upload' }),
  );
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'quiet', text: 'Show more', hidden: true });
  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: 'muted', text: 'Newest first. Select a row to open the receipt.' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['', 'Date', 'Merchant', 'Category', 'Total', 'Status'].map((title, i) =>
            h('th', { scope: 'col', class: i === 4 ? 'num' : null, text: title }),
          ),
        ),
      ),
      body,
    ),
  );
  show(h('h1', { text: 'Receipts' }), upload, form, table, more);

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

function field(text, control) {
  const id = `f-${Math.random().toString(36).slice(2, 8)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id, text }), control);
}

function receiptRow(receipt) {
  const open = () => {
    location.hash = `#/receipt/${receipt.id}`;
  };
  return h(
    'tr',
    { class: 'clickable', onclick: open },
    h(
      'td',
      {},
      receipt.imageUrl
        ? h('img', { class: 'thumb', src: `/api/receipts/${receipt.id}/preview?width=112`, alt: '', loading: 'lazy' })
        : null,
    ),
    h('td', { text: receipt.date ?? '—' }),
    h('td', {}, h('a', { href: `#/receipt/${receipt.id}`, text: receipt.merchant ?? '(no merchant yet)' })),
    h('td', { text: receipt.category ?? '—' }),
    h('td', { class: 'num', text: money(receipt.total, receipt.currency) }),
    h('td', {}, badge(receipt.status)),
  );
}

// ---------------------------------------------------------------- one receipt

const editable = [
  ['merchant', 'Merchant', 'text'],
  ['date', 'Date', 'date'],
  ['total', 'Total', 'text'],
  ['tax', 'Tax', 'text'],
  ['currency', 'Currency', 'text'],
  ['category', 'Category', 'select'],
];

async function receiptView(id, { onDone } = {}) {
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
        ? h(
            'select',
            { name },
            h('option', { value: '', text: '—' }),
            ...me.categories.map((c) => h('option', { value: c, text: c, selected: c === current })),
          )
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
  const picture = h('div', { class: 'picture' });
  if (receipt.imageUrl) {
    const img = h('img', {
      src: `/api/receipts/${receipt.id}/preview?width=1000`,
      alt: `Receipt from ${receipt.merchant ?? 'an unknown merchant'}`,
    });
    picture.append(img);
    api(`/api/receipts/${receipt.id}/ocr`)
      .then((ocr) => drawBoxes(picture, ocr, receipt))
      .catch(() => {});
  } else picture.append(h('p', { class: 'muted', text: 'Entered by hand: no picture.' }));

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
    else receiptView(receipt.id);
  }
  const form = h(
    'form',
    {
      class: 'fields',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await save();
          receiptView(receipt.id, { onDone });
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
            onclick: () => confirm().catch((error) => say(error.message)),
            text: receipt.confirmedAt ? 'Confirmed ✓' : 'Confirm',
          })
        : null,
      h('button', {
        type: 'button',
        class: 'danger',
        onclick: async () => {
          if (!window.confirm('Delete this receipt?')) return;
          await api(`/api/receipts/${receipt.id}`, { method: 'DELETE' });
          say('Deleted.');
          if (onDone) onDone();
          else location.hash = '#/receipts';
        },
        text: 'Delete',
      }),
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
          receipt.reviewReasons.join('; '),
        )
      : null,
    receipt.error ? h('p', { class: 'error', text: receipt.error }) : null,
    onDone
      ? h(
          'p',
          { class: 'muted' },
          'Keys: ',
          h('kbd', { text: 'c' }),
          ' confirm, ',
          h('kbd', { text: 'n' }),
          ' next, ',
          h('kbd', { text: 'e' }),
          ' edit the first field.',
        )
      : null,
    h(
      'div',
      { class: 'detail' },
      picture,
      h(
        'div',
        {},
        form,
        receipt.items.length ? h('div', {}, h('h2', { text: 'Line items' }), itemsTable(receipt)) : null,
      ),
    ),
  );
  return { confirm, first: () => inputs.merchant.focus() };
}

function itemsTable(receipt) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', text: 'Item' }),
          h('th', { scope: 'col', class: 'num', text: 'Qty' }),
          h('th', { scope: 'col', class: 'num', text: 'Amount' }),
        ),
      ),
      h(
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
    ),
  );
}

/** Boxes around the OCR words each field was read from, scaled onto the picture. */
function drawBoxes(picture, ocr, receipt) {
  if (!ocr?.lines?.length) return;
  const words = ocr.lines.flatMap((line) => line.words.map((word) => ({ ...word, line })));
  const compact = (text) =>
    String(text)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  const marks = [];
  if (receipt.total)
    marks.push([
      'total',
      words
        .filter((w) => compact(w.text).endsWith(compact(receipt.total)) && compact(receipt.total).length >= 3)
        .slice(-1),
    ]);
  if (receipt.date) {
    const [y, m, d] = receipt.date.split('-');
    marks.push([
      'date',
      words
        .filter((w) => {
          const t = compact(w.text);
          return t.includes(d) && t.includes(m) && (t.includes(y) || t.includes(y.slice(2)));
        })
        .slice(0, 1),
    ]);
  }
  if (receipt.merchant) {
    const first = compact(receipt.merchant.split(/\s+/)[0] ?? '');
    const line = ocr.lines.find((l) => first.length >= 3 && compact(l.text).includes(first));
    if (line) marks.push(['merchant', [line]]);
  }
  const { page, region, scale } = ocr;
  for (const [kind, found] of marks) {
    for (const { box } of found) {
      const left = region.left + box.x0 / scale;
      const top = region.top + box.y0 / scale;
      // Set through the style object: the page's CSP refuses inline style attributes.
      const mark = h('div', { class: `box ${kind}`, title: kind });
      Object.assign(mark.style, {
        left: `${(100 * left) / page.width}%`,
        top: `${(100 * top) / page.height}%`,
        width: `${(100 * (box.x1 - box.x0)) / scale / page.width}%`,
        height: `${(100 * (box.y1 - box.y0)) / scale / page.height}%`,
      });
      picture.append(mark);
    }
  }
}

// ---------------------------------------------------------------- review queue

async function reviewView() {
  const skipped = new Set();
  async function next() {
    const page = await api('/api/receipts?status=needs_review&limit=50');
    const receipt = page.receipts.find((r) => !skipped.has(r.id));
    if (!receipt) {
      show(
        h('h1', { text: 'Review' }),
        h('p', { text: 'Nothing left to review. ' }, h('a', { href: '#/receipts', text: 'All receipts' })),
      );
      document.onkeydown = null;
      return;
    }
    const view = await receiptView(receipt.id, {
      onDone: () => {
        skipped.add(receipt.id);
        next();
      },
    });
    document.onkeydown = (event) => {
      if (event.target.closest('input, select, textarea') || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'c') view.confirm().catch((error) => say(error.message));
      else if (event.key === 'n') {
        skipped.add(receipt.id);
        next();
      } else if (event.key === 'e') {
        event.preventDefault();
        view.first();
      }
    };
  }
  await next();
}

// ---------------------------------------------------------------- overview

async function overviewView() {
  const data = await api('/api/overview');
  const period = (range) => `from=${range.from}&to=${range.to}`;
  const sums = (rows) => (rows.length ? rows.map((row) => money(row.total, row.currency)).join(' + ') : 'nothing yet');
  const linked = (rows, keyParam, range) =>
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h(
          'tbody',
          {},
          ...(rows.length ? rows : [{ key: 'Nothing yet', currency: null, total: null, count: 0 }]).map((row) =>
            h(
              'tr',
              {},
              h(
                'td',
                {},
                row.count
                  ? h('a', { href: `#/receipts?${period(range)}&${keyParam(row)}`, text: row.key ?? 'uncategorised' })
                  : row.key,
              ),
              h(
                'td',
                { class: 'num' },
                row.count
                  ? h('a', {
                      href: `#/receipts?${period(range)}&${keyParam(row)}`,
                      text: money(row.total, row.currency),
                    })
                  : '',
              ),
              h('td', {
                class: 'num muted',
                text: row.count ? `${row.count} receipt${row.count === 1 ? '' : 's'}` : '',
              }),
            ),
          ),
        ),
      ),
    );
  const monthCard = (label, id, range, totals) =>
    h(
      'div',
      { class: 'card' },
      h('div', { class: 'muted', text: label }),
      h('a', { class: 'big', id, href: `#/receipts?${period(range)}`, text: sums(totals) }),
    );
  show(
    h('h1', { text: me.user.role === 'admin' ? 'Spend overview' : 'Your spending' }),
    h(
      'div',
      { class: 'cards' },
      monthCard('This month', 'this-month', data.month, data.thisMonth),
      monthCard('Last month', 'last-month', data.lastMonth, data.previousMonth),
    ),
    h('h2', { text: 'This month by category' }),
    linked(data.byCategory, (row) => `category=${encodeURIComponent(row.key ?? '')}`, data.month),
    h('h2', { text: 'This month by person' }),
    linked(data.byPerson, (row) => `user=${row.userId}`, data.month),
    h('h2', { text: 'Month by month' }),
    monthlyChart(data.monthly),
  );
}

function svgNode(tag, attrs) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

function monthlyChart(rows) {
  if (!rows.length) return h('p', { class: 'muted', text: 'No receipts in the last twelve months.' });
  // The currency with the most spend is charted; the others are listed below the chart.
  const byCurrency = new Map();
  for (const row of rows) byCurrency.set(row.currency, (byCurrency.get(row.currency) ?? 0) + Number(row.total));
  const currency = [...byCurrency.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const shown = rows.filter((row) => row.currency === currency);
  const max = Math.max(...shown.map((row) => Number(row.total)), 1);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const width = 640,
    height = 220,
    barWidth = Math.min((width - 40) / shown.length, 64);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute(
    'aria-label',
    `Monthly spend in ${currency}: ${shown.map((row) => `${row.key} ${row.total}`).join(', ')}`,
  );
  shown.forEach((row, index) => {
    const barHeight = (Number(row.total) / max) * (height - 50);
    const link = document.createElementNS(ns, 'a');
    const [year, month] = row.key.split('-').map(Number);
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    link.setAttribute('href', `#/receipts?from=${row.key}-01&to=${last}`);
    const rect = svgNode('rect', {
      x: 30 + index * barWidth + 4,
      y: height - 30 - barHeight,
      width: Math.max(barWidth - 8, 2),
      height: barHeight,
    });
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${row.key}: ${money(row.total, currency)}`;
    rect.append(title);
    link.append(rect);
    const label = svgNode('text', { x: 30 + index * barWidth + barWidth / 2, y: height - 12, 'text-anchor': 'middle' });
    label.textContent = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', {
      month: 'short',
      year: '2-digit',
      timeZone: 'UTC',
    });
    svg.append(link, label);
  });
  const others = [...byCurrency.keys()].filter((c) => c !== currency);
  return h(
    'figure',
    { class: 'chart' },
    svg,
    h('figcaption', {
      class: 'muted',
      text: `In ${currency}${others.length ? `; also spent in ${others.join(', ')}` : ''}.`,
    }),
  );
}

// ---------------------------------------------------------------- ask

function askView() {
  const question = h('textarea', {
    name: 'question',
    rows: 2,
    required: true,
    placeholder: 'How much did we spend on travel last month, by person?',
  });
  const result = h('section', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      onsubmit: async (event) => {
        event.preventDefault();
        result.replaceChildren(h('p', { class: 'muted', text: 'Thinking…' }));
        try {
          const answer = await api('/api/ask', { method: 'POST', body: JSON.stringify({ question: question.value }) });
          const [headline, ...rest] = answer.answer.split('\n');
          const counted = rest.filter((line) => line.startsWith('Counted:'));
          const table = rest.filter((line) => !line.startsWith('Counted:'));
          result.replaceChildren(
            h('h2', { text: headline }),
            counted.length ? h('p', { class: 'muted plan', text: counted.join(' ') }) : null,
            table.length ? h('pre', { class: 'answer', text: table.join('\n') }) : null,
            answer.chart ? h('img', { class: 'answer-chart', src: answer.chart.url, alt: answer.chart.title }) : null,
          );
        } catch (error) {
          result.replaceChildren(h('p', { class: 'error', text: error.message }));
        }
      },
    },
    field('Your question', question),
    h('div', { class: 'actions' }, h('button', { type: 'submit', text: 'Ask' })),
  );
  show(h('h1', { text: 'Ask' }), form, result);
  question.focus();
}

// ---------------------------------------------------------------- routing

async function route() {
  document.onkeydown = null;
  const hash = location.hash || '#/receipts';
  const path = hash.split('?')[0];
  for (const link of document.querySelectorAll('.top nav a')) {
    if (link.getAttribute('href') === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    if (!me) {
      me = await api('/api/me');
      document.getElementById('who').textContent = `${me.user.name}${me.user.role === 'admin' ? ' (admin)' : ''}`;
    }
    if (path.startsWith('#/receipt/')) await receiptView(path.slice('#/receipt/'.length));
    else if (path === '#/review') await reviewView();
    else if (path === '#/overview') await overviewView();
    else if (path === '#/ask') askView();
    else await receiptsView(queryOf(hash));
  } catch (error) {
    if (error.message !== 'signed out') show(h('p', { class: 'error', text: error.message }));
  }
}

document.getElementById('logout').addEventListener('click', async () => {
  await fetch('/logout', { method: 'POST', headers: { 'x-requested-with': 'ticket-tracker' } });
  me = null;
  location.hash = '';
  location.reload();
});
window.addEventListener('hashchange', route);
route();
