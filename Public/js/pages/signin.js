// The hosted sign-in page: OPAQUE login in the browser (the password never leaves the page),
// then back to where the user was going (usually /oauth/authorize). The export key only opens
// the user's root key (or, for an account older than the root key, seals a new one); the root
// key only becomes the vault key and the analytics root kept in this browser as non-extractable
// keys (vault.js `rememberRootKey`). None of them is ever sent or logged. The sign-in itself is
// recorded in the user's encrypted vault.
import { rememberAnalyticsRoot } from '../analytics.js';
import { putEntry, rememberRootKey, rewriteLegacyEntries } from '../vault.js';
import { login, openOrCreateRootKey } from '../flowsta-auth.js';
import { busy, continuation, describe, showError } from './form.js';
import { codePrompt } from './second-factor.js';

// How long a first sign-in with a Flowsta client may hold the user up to rewrite the account's
// old vault entries in format 2; whatever is left is rewritten by the next reader (account page).
const REWRITE_BUDGET_MS = 3000;

/** `rewriteLegacyEntries`, waited for at most `ms` (it goes on in the background until the page leaves). */
async function rewriteWithin(ms, keys) {
  let timer;
  const budget = new Promise((resolve) => { timer = setTimeout(resolve, ms); });
  try {
    await Promise.race([rewriteLegacyEntries(keys), budget]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The keys of this sign-in, softly: without them the sign-in still goes on, unrecorded, with
 * the export key's analytics root (analytics.js `rememberAnalyticsRoot`) for the authorization
 * pages.
 */
async function rememberKeys(signedIn) {
  try {
    const { rootKey, legacyVaultKey, created } = await openOrCreateRootKey(signedIn);
    const { vaultKey, legacyKey } = await rememberRootKey(rootKey, { legacyVaultKey });
    if (!vaultKey) return;
    // Both at once, each bounded: recording waits at most putEntry's timeout, rewriting the budget.
    await Promise.all([
      putEntry({ kind: 'signin', value: { type: 'signin', at: new Date().toISOString() }, key: vaultKey }),
      created && legacyKey ? rewriteWithin(REWRITE_BUDGET_MS, { key: vaultKey, legacyKey }) : null,
    ]);
  } catch {
    // Soft: the account is signed in; its keys wait for the next sign-in. Meanwhile the export
    // key's analytics root lets the authorization pages go on (nothing is recorded in the vault).
    await rememberAnalyticsRoot(signedIn.exportKey);
  }
}

const form = document.getElementById('signin-form');
const codeForm = document.getElementById('code-form');
const secondFactor = codeForm ? codePrompt(codeForm) : undefined;
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username) return showError(form, 'Enter your username.', 'username');
  if (!password) return showError(form, 'Enter your password.', 'password');
  showError(form, '');
  try {
    await busy(form, 'Signing in…', async () => {
      const signedIn = await login({ username, password, secondFactor });
      await rememberKeys(signedIn);
    });
    form.password.value = '';
    window.location.assign(continuation(form));
  } catch (error) {
    if (codeForm) codeForm.hidden = true;
    const [message, field] = describe(error);
    showError(form, message, field);
  }
});
