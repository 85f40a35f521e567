// The account page: shows the user's activity, decrypted in this browser from the user's vault
// (vault.js: the server only holds ciphertext), and signing out deletes the analytics root and
// the vault key this browser kept since sign-in, so nothing of the user's stays here.
import { forgetAnalyticsRoot } from '../analytics.js';
import { forgetVaultKey, listEntries, loadVaultKey } from '../vault.js';

const NO_KEY = 'Your activity is encrypted with a key from your password; sign in again on this device to read it.';
const EMPTY = 'No activity recorded yet.';
const FAILED = 'Your activity could not be loaded. Reload the page to try again.';
const DATE_FORMAT = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

const form = document.getElementById('signout-form');
let signingOut = false;
form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (signingOut) return;
  signingOut = true;
  await Promise.all([forgetAnalyticsRoot(), forgetVaultKey()]);
  form.submit();
});

/** The entry's time in milliseconds, or NaN. */
const timeOf = (entry) => (typeof entry.value?.at === 'string' ? Date.parse(entry.value.at) : NaN);

/** "29 Nov 2026, 20:15" in the browser's time zone, or '' for a missing or invalid time. */
function formatTime(ms) {
  return Number.isNaN(ms) ? '' : new Intl.DateTimeFormat('en-GB', DATE_FORMAT).format(new Date(ms));
}

/** What an entry says, in words (plain text: it is only ever put into textContent). */
function describe(entry) {
  if (entry.error) return 'An entry that cannot be read with your current password';
  const value = entry.value ?? {};
  const app = typeof value.app === 'string' && value.app ? value.app : (typeof value.client_id === 'string' ? value.client_id : '');
  switch (value.type) {
    case 'signin':
      return app ? `Signed in to ${app}` : 'Signed in';
    case 'consent': {
      const name = app || 'an app';
      if (value.decision === 'allow') {
        const scopes = Array.isArray(value.scopes) ? value.scopes.filter((s) => typeof s === 'string') : [];
        return scopes.length ? `Allowed ${name}: ${scopes.join(', ')}` : `Allowed ${name}`;
      }
      return value.decision === 'deny' ? `Denied ${name}` : `Answered ${name}`;
    }
    default:
      return 'Other activity';
  }
}

/** Newest first; entries without a readable time (or unreadable entries) last. */
function newestFirst(a, b) {
  const [ta, tb] = [timeOf(a), timeOf(b)];
  if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) - Number.isNaN(tb);
  return tb - ta;
}

async function showHistory() {
  const status = document.getElementById('history-status');
  const list = document.getElementById('history-list');
  if (!status || !list) return;
  const key = await loadVaultKey();
  if (!key) {
    status.textContent = NO_KEY;
    return;
  }
  let entries;
  try {
    entries = await listEntries({ key });
  } catch {
    status.textContent = FAILED;
    return;
  }
  if (entries.length === 0) {
    status.textContent = EMPTY;
    return;
  }
  const items = [...entries].sort(newestFirst).map((entry) => {
    const item = document.createElement('li');
    const when = formatTime(timeOf(entry));
    item.textContent = when ? `${describe(entry)} — ${when}` : describe(entry);
    return item;
  });
  list.replaceChildren(...items);
  status.textContent = '';
}

showHistory().catch(() => {
  const status = document.getElementById('history-status');
  if (status) status.textContent = FAILED;
});
