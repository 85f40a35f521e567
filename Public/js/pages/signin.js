// The hosted sign-in page: OPAQUE login in the browser (the password never leaves the page),
// then back to where the user was going (usually /oauth/authorize). The export key only opens
// the user's root key (or, for an account older than the root key, seals a new one); the root
// key only becomes the vault key and the analytics root kept in this browser as non-extractable
// keys (vault.js `rememberRootKey`). None of them is ever sent or logged. The sign-in itself is
// recorded in the user's encrypted vault.
import { rememberAnalyticsRoot } from '../analytics.js';
import { putEntry, rememberRootKey, rewriteLegacyEntries } from '../vault.js';
import { ensureSigningKey, givePasskeyEnvelope, login, openOrCreateRootKey, signInWithPasskey, unlockRootKey } from '../flowsta-auth.js';
import { storeSigningKey } from '../signing-key.js';
import { passkeysSupported } from '../passkeys.js';
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
    await keep({ user: signedIn.user, rootKey, legacyVaultKey, created, method: 'password' });
  } catch {
    // Soft: the account is signed in; its keys wait for the next sign-in. Meanwhile the export
    // key's analytics root lets the authorization pages go on (nothing is recorded in the vault).
    await rememberAnalyticsRoot(signedIn.exportKey);
  }
}

/**
 * The signing key of the root key, kept in this browser for the pages that sign, and registered
 * when the account has none yet. Soft: the sign-in goes on without it.
 */
async function keepSigningKey(user, rootKey) {
  try {
    const { key } = await ensureSigningKey({ user, rootKey });
    await storeSigningKey(key);
  } catch {
    // The next sign-in tries again.
  }
}

/** Keeps the root key's derived keys in this browser and records the sign-in in the vault. */
async function keep({ user, rootKey, legacyVaultKey, created = false, method }) {
  const signing = keepSigningKey(user, rootKey);
  const { vaultKey, legacyKey } = await rememberRootKey(rootKey, { legacyVaultKey });
  // All at once, each bounded: recording waits at most putEntry's timeout, rewriting the budget.
  await Promise.all([
    signing,
    vaultKey ? putEntry({ kind: 'signin', value: { type: 'signin', method, at: new Date().toISOString() }, key: vaultKey }) : null,
    vaultKey && created && legacyKey ? rewriteWithin(REWRITE_BUDGET_MS, { key: vaultKey, legacyKey }) : null,
  ]);
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

// Signing in with a passkey alone. Its envelope (when it has one and the authenticator gave the
// PRF output) opens the root key; otherwise the unlock form asks once for the password or the
// recovery code, and the passkey gets its envelope so that it opens the vault by itself next time.
const passkeyButton = document.getElementById('passkey-signin');
const unlockForm = document.getElementById('unlock-form');
if (passkeyButton && passkeysSupported()) {
  passkeyButton.hidden = false;
  passkeyButton.addEventListener('click', async () => {
    showError(form, '');
    let signedIn;
    try {
      passkeyButton.disabled = true;
      signedIn = await signInWithPasskey();
    } catch (error) {
      const [message] = error?.code === 'invalid_credentials'
        ? ['This passkey is not one of a Flowsta account here. Sign in with your password.'] : describe(error);
      showError(form, message);
      return;
    } finally {
      passkeyButton.disabled = false;
    }
    if (signedIn.rootKey) {
      try {
        await keep({ user: signedIn.user, rootKey: signedIn.rootKey, legacyVaultKey: signedIn.legacyVaultKey, method: 'passkey' });
      } catch {
        // Soft, as after a password: the account is signed in.
      }
      window.location.assign(continuation(form));
      return;
    }
    askToUnlock(signedIn);
  });
}

/** Shows the unlock form for a passkey sign-in that could not open the root key. */
function askToUnlock(signedIn) {
  if (!unlockForm) {
    window.location.assign(continuation(form));
    return;
  }
  form.hidden = true;
  unlockForm.hidden = false;
  let lock = 'password';
  const label = document.getElementById('unlock-label');
  const input = unlockForm.unlock_secret;
  input.focus();
  document.getElementById('unlock-switch')?.addEventListener('click', (event) => {
    lock = lock === 'password' ? 'recovery' : 'password';
    if (label) label.textContent = lock === 'password' ? 'Your password' : 'Your recovery code';
    event.target.textContent = lock === 'password' ? 'Use my recovery code instead' : 'Use my password instead';
    input.type = lock === 'password' ? 'password' : 'text';
    input.autocomplete = lock === 'password' ? 'current-password' : 'off';
    input.value = '';
    input.focus();
  });
  document.getElementById('unlock-skip')?.addEventListener('click', () => window.location.assign(continuation(form)));
  unlockForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const box = '#unlock-error';
    const secret = input.value;
    if (!secret) return showError(unlockForm, lock === 'password' ? 'Enter your password.' : 'Enter your recovery code.', 'unlock_secret', box);
    showError(unlockForm, '', null, box);
    try {
      await busy(unlockForm, 'Opening…', async () => {
        const { rootKey, legacyVaultKey } = await unlockRootKey({ user: signedIn.user, lock, secret, envelopes: signedIn.envelopes });
        if (signedIn.prf && signedIn.passkeyId) {
          await givePasskeyEnvelope({ user: signedIn.user, passkeyId: signedIn.passkeyId, prf: signedIn.prf, rootKey }).catch(() => {});
        }
        await keep({ user: signedIn.user, rootKey, legacyVaultKey, method: 'passkey' }).catch(() => {});
      });
    } catch (error) {
      const [message] = error?.code === 'invalid_credentials'
        ? [lock === 'password' ? 'Your password is not right.' : 'Your recovery code is not right.'] : describe(error);
      showError(unlockForm, message, 'unlock_secret', box);
      return;
    }
    input.value = '';
    window.location.assign(continuation(form));
  });
}
