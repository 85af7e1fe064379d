// The review queue: receipts that need a look, one after another, with keys c (confirm), n (next), e (edit).
import { api } from '../lib/api.js';
import { h, href, sayError, show } from '../lib/render.js';
import { receiptView } from './receipt.js';

export async function reviewView({ me }) {
  const skipped = new Set();
  async function next() {
    const page = await api('/api/receipts?status=needs_review&limit=50');
    const receipt = page.receipts.find((r) => !skipped.has(r.id));
    if (!receipt) {
      show(
        h('h1', { text: 'Review' }),
        h('p', { text: 'Nothing left to review. ' }, h('a', { href: href.receipts(), text: 'All receipts' })),
      );
      document.onkeydown = null;
      return;
    }
    const skip = () => {
      skipped.add(receipt.id);
      next();
    };
    const view = await receiptView({ me, id: receipt.id, onDone: skip });
    document.onkeydown = (event) => {
      if (event.target.closest('input, select, textarea') || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'c') view.confirm().catch(sayError);
      else if (event.key === 'n') skip();
      else if (event.key === 'e') {
        event.preventDefault();
        view.first();
      }
    };
  }
  await next();
}
