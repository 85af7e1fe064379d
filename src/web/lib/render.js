// Rendering helpers every view shares: DOM nodes, labelled fields, drop-downs, tables, amounts,
// status badges, links to receipts, and the two places views write to (the main area and the toast).

const main = document.getElementById('main');

/** An HTML element: `on…` attributes become listeners, `text` the text content; null children are skipped. */
export function h(tag, attrs = {}, ...children) {
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

/** A control with its visible label, tied together by a fresh id. */
export function field(text, control) {
  const id = `f-${Math.random().toString(36).slice(2, 8)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id, text }), control);
}

/** A drop-down: first an empty choice reading `empty`, then `values` (shown through `label`). */
export function choice(name, values, { selected, empty, label = (value) => value }) {
  return h(
    'select',
    { name },
    h('option', { value: '', text: empty }),
    ...values.map((value) => h('option', { value, text: label(value), selected: value === selected })),
  );
}

/** A table that scrolls sideways on a narrow screen; `numeric` names the right-aligned columns. */
export function table({ caption, columns, numeric = [], body }) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      caption ? h('caption', { class: 'muted', text: caption }) : null,
      columns
        ? h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...columns.map((title) =>
                h('th', { scope: 'col', class: numeric.includes(title) ? 'num' : null, text: title }),
              ),
            ),
          )
        : null,
      body,
    ),
  );
}

export const href = {
  receipt: (id) => `#/receipt/${id}`,
  /** The receipts list with these filters (an object or URLSearchParams). */
  receipts: (filters = {}) => `#/receipts?${new URLSearchParams(filters)}`,
};

export function money(amount, currency) {
  if (amount === null || amount === undefined) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'XXX' }).format(Number(amount));
  } catch {
    return `${amount} ${currency ?? ''}`;
  }
}

export const statusWords = {
  confirmed: 'confirmed',
  needs_review: 'to review',
  failed: 'failed',
  queued: 'waiting',
  processing: 'reading',
  deleted: 'deleted',
};

export const badge = (status) => h('span', { class: `badge ${status}`, text: statusWords[status] ?? status });

/** Replaces the main area with these nodes and moves focus there, as a page change would. */
export function show(...nodes) {
  main.replaceChildren(...nodes.filter(Boolean));
  main.focus();
}

/** A short message in the toast, read out by screen readers, gone after a few seconds. */
export function say(text) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.hidden = false;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => {
    status.hidden = true;
  }, 3500);
}

/** For promise chains started from a click or a key: a failure is said, not lost. */
export const sayError = (error) => say(error.message);
