// Calls to the service's /api with the session cookie and the header that proves the page sent them.
import { h, show } from './render.js';

// The API refuses cookie-signed changes without this header, so another site cannot make them.
const pageHeader = { 'x-requested-with': 'ticket-tracker' };

/** Thrown after a 401, once the page has said how to sign in. */
export class SignedOut extends Error {
  constructor() {
    super('signed out');
  }
}

/** JSON in, JSON out (null for 204); a JSON body is sent as such, FormData as multipart. */
export async function api(path, options = {}) {
  const headers = {
    ...pageHeader,
    ...(options.body && !(options.body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
  };
  const response = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (response.status === 401) {
    for (const id of ['sections', 'logout']) document.getElementById(id).hidden = true;
    document.getElementById('who').textContent = '';
    show(
      h(
        'section',
        { class: 'sign-in' },
        h('h1', { text: 'Please sign in' }),
        h('p', { text: 'Send /web to the ticket-tracker bot in Telegram or Slack and open the link it answers with.' }),
        h(
          'p',
          {},
          'No bot? Whoever runs the server can print a sign-in link for you: ',
          h('code', { text: 'npx ticket-tracker login-link --user "Your Name"' }),
        ),
        h(
          'p',
          {},
          'First run, with no admin yet: open the admin sign-in link the server printed in its log when it started, or run ',
          h('code', { text: 'npx ticket-tracker login-link --admin' }),
          ' on the server.',
        ),
      ),
    );
    throw new SignedOut();
  }
  if (response.status === 204) return null;
  const body = await response.json();
  if (!response.ok) throw new Error(body.error?.message ?? `request failed (${response.status})`);
  return body;
}

export async function signOut() {
  await fetch('/logout', { method: 'POST', headers: pageHeader });
}
