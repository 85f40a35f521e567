// Shared behaviour of the hosted pages' forms: busy state, errors next to the form, the safe
// continuation after success, and messages a person can act on for the server's error codes.
import { sameOriginPath } from './same-origin.js';

/** Where to go after signing in: only a path on this server (never an open redirect). */
export function continuation(form) {
  return sameOriginPath(form.dataset.continue, '/account');
}

/**
 * Shows `message` in the form's alert region (`#form-error`, or the element `box` selects) and
 * marks `field` (an input's id, if any) invalid.
 */
export function showError(form, message, field, box = '#form-error') {
  const region = form.querySelector(box);
  if (region) region.textContent = message;
  for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  if (field) {
    const input = form.querySelector(`#${field}`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  }
}

/** Disables the submit button while `work` runs. */
export async function busy(form, label, work) {
  const button = form.querySelector('button[type="submit"]');
  const original = button.textContent;
  button.disabled = true;
  button.textContent = label;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = original;
  }
}

/** The reading of a link's fragment (`#token=…`): the token, or null. */
export function tokenFromHash(hash) {
  const token = new URLSearchParams(String(hash ?? '').replace(/^#/, '')).get('token');
  return token ? token : null;
}

/**
 * Takes the token out of the page's URL (`history.replaceState`), so it stays out of the
 * history, bookmarks and what is shared; browsers never send the fragment anyway.
 */
export function dropHash() {
  try {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  } catch {
    // Nothing to do: the fragment stays in the address bar.
  }
}

/** A message a person can act on, from a FlowstaAuthError: `[message, field id or null]`. */
export function describe(error) {
  switch (error?.code) {
    case 'invalid_credentials': return ['The username or password is not right.', 'password'];
    case 'rate_limited': return ['Too many attempts. Wait a minute and try again.', null];
    case 'username_taken': return ['This username is taken. Choose another one.', 'username'];
    case 'invalid_username': return [error.description || 'This username is not valid.', 'username'];
    case 'network_error': return ['Flowsta cannot be reached. Check your connection and try again.', null];
    case 'signup_proof_required':
    case 'invalid_signup_proof':
    case 'signup_proof_failed':
      return ['The anti-spam check of the sign-up failed or expired. Try again.', null];
    case 'invalid_token': return ['This link is expired or was used already. Ask for a new one.', null];
    case 'invalid_recovery_code':
      return ['This is not a recovery code: it has 24 letters and digits, like XXXX-XXXX-XXXX-XXXX-XXXX-XXXX.', 'recovery_code'];
    case 'email_in_use': return ['Another account has verified this email address already.', null];
    case 'reauthentication_required': return ['For your safety, sign in again first, then retry.', null];
    case 'invalid_code': return ['That code is not right or was used already. Sign in again.', null];
    case 'second_factor_required': return ['Your account has two-step sign-in: enter a code from your authenticator app or a backup code.', null];
    case 'passkey_cancelled': return ['The passkey was not used. Try again, or sign in with your password.', null];
    case 'passkey_failed': return ['Passkeys do not work in this browser. Sign in with your password.', null];
    case 'passkey_exists': return ['This device already holds a passkey for your account.', null];
    case 'envelope_required':
    case 'root_key_exists':
    case 'invalid_envelope':
      return ['Your account\'s keys changed meanwhile. Reload the page, sign in again and retry.', null];
    default: return [error?.description || 'Something went wrong. Try again.', null];
  }
}

const DAY = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };

/** "4 Dec 2026" (UTC) for an ISO time, or '' for a missing or invalid one. */
export function day(iso) {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? '' : new Intl.DateTimeFormat('en-GB', DAY).format(new Date(ms));
}
