// The admin web page: plain DOM code in ES modules, no framework, talking to /api with the session cookie.
// This module finds who is signed in, routes the address's #/… part to a view, and signs out.
import { api, SignedOut, signOut } from './lib/api.js';
import { h, show } from './lib/render.js';
import { approvalsView } from './views/approvals.js';
import { askView } from './views/ask.js';
import { overviewView } from './views/overview.js';
import { receiptView } from './views/receipt.js';
import { receiptsView } from './views/receipts.js';
import { reviewView } from './views/review.js';

let me = null;

async function route() {
  document.onkeydown = null;
  const hash = location.hash || '#/receipts';
  const [path, query = ''] = hash.split('?');
  for (const link of document.querySelectorAll('.top nav a')) {
    if (link.getAttribute('href') === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    if (!me) {
      me = await api('/api/me');
      document.getElementById('who').textContent = `${me.user.name}${me.user.role === 'admin' ? ' (admin)' : ''}`;
      // Navigation and Sign out only once someone is signed in: a signed-out visitor sees how to sign in.
      document.getElementById('sections').hidden = false;
      document.getElementById('logout').hidden = false;
    }
    if (path.startsWith('#/receipt/')) await receiptView({ me, id: path.slice('#/receipt/'.length) });
    else if (path === '#/review') await reviewView({ me });
    else if (path === '#/overview') await overviewView({ me });
    else if (path === '#/approvals') await approvalsView({ me });
    else if (path === '#/ask') askView();
    else await receiptsView({ me, params: new URLSearchParams(query) });
  } catch (error) {
    if (!(error instanceof SignedOut)) show(h('p', { class: 'error', text: error.message }));
  }
}

document.getElementById('logout').addEventListener('click', async () => {
  await signOut();
  me = null;
  location.hash = '';
  location.reload();
});
window.addEventListener('hashchange', route);
route();
