// The account page: the user's activity, decrypted in this browser from the user's vault
// (vault.js: the server only holds ciphertext), the password change and a new recovery code
// (both keep the root key, so nothing is lost: flowsta-auth.js), the email address's
// verification link, and the user's sessions. Signing out deletes the analytics root and the
// vault keys this browser kept since sign-in, so nothing of the user's stays here.
import { forgetAnalyticsRoot } from '../analytics.js';
import { forgetVaultKey, listEntries, loadLegacyVaultKey, loadVaultKey, rememberRootKey } from '../vault.js';
import { forgetSigningKey } from '../signing-key.js';
import {
  changePassword, endOtherSessions, endSession, listSessions, makeNewRecoveryCode, resendVerification,
} from '../flowsta-auth.js';
import { busy, describe, showError } from './form.js';
import { showCode } from './recovery-step.js';
import { proofFrom } from './second-factor.js';
import './account-second-factor.js';
import './account-passkeys.js';
import './account-signatures.js';
import './account-devices.js';

const NO_KEY = 'Your activity is encrypted with a key from your password; sign in again on this device to read it.';
const EMPTY = 'No activity recorded yet.';
const FAILED = 'Your activity could not be loaded. Reload the page to try again.';
const UNREADABLE = 'An entry that cannot be read (sealed under a key this account no longer has)';
const DATE_FORMAT = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DAY_FORMAT = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };

const form = document.getElementById('signout-form');
let signingOut = false;
form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (signingOut) return;
  signingOut = true;
  await Promise.all([forgetAnalyticsRoot(), forgetVaultKey(), forgetSigningKey()]);
  form.submit();
});

// ------------------------------------------------------------------------------- activity

/** The entry's time in milliseconds, or NaN. */
const timeOf = (entry) => (typeof entry.value?.at === 'string' ? Date.parse(entry.value.at) : NaN);

/** "29 Nov 2026, 20:15" in the browser's time zone, or '' for a missing or invalid time. */
function formatTime(ms) {
  return Number.isNaN(ms) ? '' : new Intl.DateTimeFormat('en-GB', DATE_FORMAT).format(new Date(ms));
}

/** What an entry says, in words (plain text: it is only ever put into textContent). */
function describeEntry(entry) {
  if (entry.error) return UNREADABLE;
  const value = entry.value ?? {};
  const app = typeof value.app === 'string' && value.app ? value.app : (typeof value.client_id === 'string' ? value.client_id : '');
  switch (value.type) {
    case 'signin': {
      const how = value.method === 'passkey' ? ' with a passkey' : '';
      return app ? `Signed in to ${app}${how}` : `Signed in${how}`;
    }
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

/**
 * The history: opened with the format-2 key and, for an account older than the root key, the
 * format-1 key (both from IndexedDB); format-1 entries are rewritten in format 2 as they are read.
 */
async function showHistory() {
  const status = document.getElementById('history-status');
  const list = document.getElementById('history-list');
  if (!status || !list) return;
  const [key, legacyKey] = await Promise.all([loadVaultKey(), loadLegacyVaultKey()]);
  if (!key) {
    status.textContent = NO_KEY;
    return;
  }
  let entries;
  try {
    entries = await listEntries({ key, legacyKey });
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
    item.textContent = when ? `${describeEntry(entry)} — ${when}` : describeEntry(entry);
    return item;
  });
  list.replaceChildren(...items);
  status.textContent = '';
}

// ------------------------------------------------------------------------------- keys

/**
 * Keeps the keys of a fresh sign-in in this browser (softly: the change is done either way);
 * when the account only just got its root key, the history is read again with it.
 */
async function remember({ rootKey, legacyVaultKey, created }) {
  await rememberRootKey(rootKey, { legacyVaultKey });
  if (created) showHistory().catch(() => {});
}

const passwordForm = document.getElementById('password-form');
passwordForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = passwordForm;
  const box = '#password-error';
  const status = document.getElementById('password-status');
  if (status) status.textContent = '';
  const currentPassword = f.current_password.value;
  const newPassword = f.new_password.value;
  if (!currentPassword) return showError(f, 'Enter your current password.', 'current_password', box);
  if (newPassword.length < 8) return showError(f, 'Use at least 8 characters for the new password.', 'new_password', box);
  if (newPassword !== f.new_password_confirm.value) return showError(f, 'The two new passwords are not the same.', 'new_password_confirm', box);
  showError(f, '', null, box);
  try {
    const changed = await busy(f, 'Changing your password…', () =>
      changePassword({
        username: f.dataset.username, currentPassword, newPassword, secondFactor: async () => proofFrom(f.password_code?.value),
      }));
    await remember(changed);
  } catch (error) {
    const [message, field] = error?.code === 'invalid_credentials'
      ? ['Your current password is not right.', 'current_password']
      : describe(error);
    showError(f, message, field, box);
    return;
  }
  for (const name of ['current_password', 'password_code', 'new_password', 'new_password_confirm']) if (f[name]) f[name].value = '';
  if (status) status.textContent = 'Your password is changed. Your other devices are signed out.';
  showSessions();
});

const recoveryForm = document.getElementById('recovery-new-form');
recoveryForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = recoveryForm;
  const box = '#recovery-new-error';
  const password = f.recovery_password.value;
  if (!password) return showError(f, 'Enter your password.', 'recovery_password', box);
  showError(f, '', null, box);
  let made;
  try {
    made = await busy(f, 'Making a new recovery code…', () => makeNewRecoveryCode({
      username: f.dataset.username, password, secondFactor: async () => proofFrom(f.recovery_password_code?.value),
    }));
  } catch (error) {
    const [message, field] = error?.code === 'invalid_credentials'
      ? ['Your password is not right.', 'recovery_password']
      : describe(error);
    showError(f, message, field, box);
    return;
  }
  f.recovery_password.value = '';
  await remember(made);
  const code = document.getElementById('new-recovery-code');
  const result = document.getElementById('recovery-new-result');
  if (code) showCode(code, made.recoveryCode);
  if (result) result.hidden = false;
  const state = document.getElementById('recovery-state');
  if (state) state.textContent = 'You have a recovery code. If you lose it, make a new one: the old one stops working.';
  showSessions();
});

// ------------------------------------------------------------------------------- email

const resend = document.getElementById('resend-verification');
resend?.addEventListener('click', async () => {
  const message = document.getElementById('email-message');
  resend.disabled = true;
  try {
    await resendVerification();
    if (message) message.textContent = 'A new link is on its way to your address.';
  } catch (error) {
    if (message) {
      message.textContent = error?.code === 'nothing_to_verify'
        ? 'There is nothing to verify: your address is verified already, or you have none. Reload the page.'
        : describe(error)[0];
    }
  } finally {
    resend.disabled = false;
  }
});

// ------------------------------------------------------------------------------- sessions

/** "2 Dec 2026" for the UTC day "2026-12-02", or the text as it came. */
function formatDay(day) {
  const ms = typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  return Number.isNaN(ms) ? String(day ?? '') : new Intl.DateTimeFormat('en-GB', DAY_FORMAT).format(new Date(ms));
}

const sessionsStatus = () => document.getElementById('sessions-status');
const othersButton = document.getElementById('signout-others');

/** One session as a list item: when it began, "this browser" for this one, else a button. */
function sessionItem(session) {
  const item = document.createElement('li');
  const day = formatDay(session.created_on);
  const text = document.createElement('span');
  text.textContent = `Signed in on ${day}${session.current ? ' · this browser' : ''}`;
  item.append(text);
  if (!session.current) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = 'Sign out';
    button.setAttribute('aria-label', `Sign out the session that began on ${day}`);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await endSession(session.id);
        await showSessions('Signed out.');
      } catch (error) {
        button.disabled = false;
        const status = sessionsStatus();
        if (status) status.textContent = describe(error)[0];
      }
    });
    item.append(button);
  }
  return item;
}

/** Fills #sessions-list (and says `done` in #sessions-status once it is there). */
async function showSessions(done = '') {
  const list = document.getElementById('sessions-list');
  const status = sessionsStatus();
  if (!list || !status) return;
  let sessions;
  try {
    sessions = await listSessions();
  } catch (error) {
    status.textContent = `Your sessions could not be loaded. ${describe(error)[0]}`;
    return;
  }
  list.replaceChildren(...sessions.map(sessionItem));
  const others = sessions.filter((s) => !s.current).length;
  if (othersButton) othersButton.hidden = others === 0;
  status.textContent = done || (others === 0 ? 'You are signed in on this browser only.' : '');
}

othersButton?.addEventListener('click', async () => {
  othersButton.disabled = true;
  try {
    await endOtherSessions();
    await showSessions('Signed out everywhere else.');
  } catch (error) {
    const status = sessionsStatus();
    if (status) status.textContent = describe(error)[0];
  } finally {
    othersButton.disabled = false;
  }
});

showHistory().catch(() => {
  const status = document.getElementById('history-status');
  if (status) status.textContent = FAILED;
});
showSessions();
