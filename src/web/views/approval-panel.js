// The approval part of a receipt's page: its state, policy findings, every move (who, when, why),
// and for admins Approve / Reject.
import { api } from '../lib/api.js';
import { h, say, sayError, table } from '../lib/render.js';

export const approvalWords = {
  submitted: 'waiting for approval',
  approved: 'approved',
  rejected: 'rejected',
  reimbursed: 'paid back',
};

export function approvalPanel({ me, receipt, onChange }) {
  const node = h('section', { class: 'approval', 'aria-label': 'Approval' });
  api(`/api/receipts/${receipt.id}/approvals`)
    .then((approval) => node.append(...panel(me, receipt, approval, onChange)))
    .catch(sayError);
  return node;
}

function panel(me, receipt, approval, onChange) {
  const state = approval.approvalState;
  const nodes = [h('h2', { text: `Approval: ${state ? approvalWords[state] : 'not submitted yet'}` })];
  if (approval.rejectionReason) nodes.push(h('p', { class: 'error', text: `Rejected: ${approval.rejectionReason}` }));
  for (const violation of approval.policyViolations) {
    nodes.push(h('p', { class: `violation ${violation.severity}`, text: `⚠ ${violation.message}` }));
  }
  if (me.user.role === 'admin' && (state === 'submitted' || state === 'approved')) {
    const decide = async (action) => {
      const body = {};
      if (action === 'reject') {
        const reason = window.prompt('Why is it rejected? Its sender will read this.');
        if (!reason) return;
        body.reason = reason;
      }
      await api(`/api/receipts/${receipt.id}/${action}`, { method: 'POST', body: JSON.stringify(body) });
      say(action === 'approve' ? 'Approved.' : 'Rejected.');
      onChange();
    };
    nodes.push(
      h(
        'div',
        { class: 'actions' },
        state === 'submitted'
          ? h('button', { type: 'button', onclick: () => decide('approve').catch(sayError), text: 'Approve' })
          : null,
        h('button', {
          type: 'button',
          class: 'danger',
          onclick: () => decide('reject').catch(sayError),
          text: 'Reject',
        }),
      ),
    );
  }
  if (approval.events.length) {
    nodes.push(
      table({
        caption: 'History',
        columns: ['When', 'What', 'Who', 'Why'],
        body: h(
          'tbody',
          {},
          ...approval.events.map((event) =>
            h(
              'tr',
              {},
              h('td', { text: new Date(event.at).toLocaleString() }),
              h('td', { text: approvalWords[event.to] ?? event.to }),
              h('td', { text: event.by?.name ?? 'the service' }),
              h('td', { text: event.reason ?? '' }),
            ),
          ),
        ),
      }),
    );
  }
  return nodes;
}
