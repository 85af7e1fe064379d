// Approvals (admins): the receipts waiting for approval with bulk approve, and what is owed to each
// person with a payout per person or for everyone.
import { api } from '../lib/api.js';
import { h, href, money, say, sayError, show, table } from '../lib/render.js';

export async function approvalsView({ me }) {
  if (me.user.role !== 'admin') {
    show(h('h1', { text: 'Approvals' }), h('p', { class: 'muted', text: 'Only admins approve receipts.' }));
    return;
  }
  const [{ receipts }, owed] = await Promise.all([api('/api/approvals'), api('/api/payouts/owed').catch(() => null)]);
  const boxes = new Map();
  const rows = receipts.map((receipt) => {
    const box = h('input', { type: 'checkbox', 'aria-label': `Select ${receipt.merchant ?? 'receipt'}` });
    box.checked = receipt.policyViolations.length === 0;
    boxes.set(receipt.id, box);
    return h(
      'tr',
      {},
      h('td', {}, box),
      h('td', { text: receipt.person }),
      h('td', {}, h('a', { href: href.receipt(receipt.id), text: receipt.merchant ?? 'Receipt' })),
      h('td', { text: receipt.date ?? '' }),
      h('td', { class: 'num', text: money(receipt.total, receipt.currency) }),
      h('td', { text: receipt.policyViolations.map((violation) => `⚠ ${violation.message}`).join('; ') }),
    );
  });
  async function approveSelected() {
    const ids = [...boxes].filter(([, box]) => box.checked).map(([id]) => id);
    if (!ids.length) return say('Select receipts first.');
    const outcome = await api('/api/approvals/bulk', {
      method: 'POST',
      body: JSON.stringify({ ids, includeViolations: true }),
    });
    say(`Approved ${outcome.approved.length}${outcome.skipped.length ? `, ${outcome.skipped.length} skipped` : ''}.`);
    approvalsView({ me });
  }
  show(
    h('h1', { text: 'Approvals' }),
    receipts.length
      ? h(
          'section',
          {},
          h('p', {
            class: 'muted',
            text: `${receipts.length} waiting. Receipts that break a policy rule start unticked.`,
          }),
          table({
            columns: ['', 'Person', 'Merchant', 'Date', 'Total', 'Policy'],
            numeric: ['Total'],
            body: h('tbody', {}, ...rows),
          }),
          h(
            'div',
            { class: 'actions' },
            h('button', { type: 'button', onclick: () => approveSelected().catch(sayError), text: 'Approve selected' }),
          ),
        )
      : h('p', { class: 'muted', text: 'Nothing is waiting for approval.' }),
    owed ? owedSection(me, owed) : null,
  );
}

function owedSection(me, owed) {
  async function pay(userId) {
    const reference = window.prompt('Payout reference (bank transfer, batch number…)');
    if (!reference) return;
    const payout = await api('/api/payouts', {
      method: 'POST',
      body: JSON.stringify({ reference, ...(userId ? { userId } : {}) }),
    });
    say(`Payout ${payout.payout.reference}: ${payout.payout.receipts} receipts paid back.`);
    approvalsView({ me });
  }
  if (!owed.people.length)
    return h('section', {}, h('h2', { text: 'Owed' }), h('p', { class: 'muted', text: 'Nothing is owed.' }));
  return h(
    'section',
    {},
    h('h2', { text: 'Owed (approved, not yet paid back)' }),
    table({
      columns: ['Person', 'Receipts', 'Amount', ''],
      numeric: ['Receipts', 'Amount'],
      body: h(
        'tbody',
        {},
        ...owed.people.map((person) =>
          h(
            'tr',
            {},
            h('td', { text: person.name }),
            h('td', { class: 'num', text: person.receipts }),
            h('td', { class: 'num', text: person.amounts.map((a) => money(a.amount, a.currency)).join(' + ') }),
            h(
              'td',
              {},
              h('button', { type: 'button', onclick: () => pay(person.userId).catch(sayError), text: 'Pay' }),
            ),
          ),
        ),
      ),
    }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => pay(null).catch(sayError), text: 'Pay everyone' }),
    ),
  );
}
