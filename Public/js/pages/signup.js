// The hosted sign-up page: OPAQUE registration, then login, in the browser; then the account's
// root key and recovery code are made here (flowsta-auth.js `setUpNewAccountKeys`). The export
// key only seals the root key; the root key only becomes the vault key and the analytics root
// kept in this browser (vault.js `rememberRootKey`); the recovery code is the "password" of a
// second OPAQUE record. None of them is ever sent or logged. The sign-in is recorded in the
// user's encrypted vault, and the recovery code is shown once before the user goes on.
import { rememberAnalyticsRoot } from '../analytics.js';
import { putEntry, rememberRootKey } from '../vault.js';
import { ensureSigningKey, login, openOrCreateRootKey, register, setUpNewAccountKeys } from '../flowsta-auth.js';
import { storeSigningKey } from '../signing-key.js';
import { busy, continuation, describe, showError } from './form.js';
import { showRecoveryStep } from './recovery-step.js';

const form = document.getElementById('signup-form');

/**
 * The new account's keys: resolves to the recovery code to show, or to null when the keys could
 * not be set up here (soft: the account exists and is signed in; the next sign-in makes its root
 * key, and the account page offers a recovery code).
 */
async function setUpKeys(signedIn) {
  let keys = null;
  try {
    keys = await setUpNewAccountKeys(signedIn);
  } catch {
    try {
      keys = await openOrCreateRootKey(signedIn);
    } catch {
      // As on the sign-in page: the authorization pages go on with the export key's analytics root.
      await rememberAnalyticsRoot(signedIn.exportKey);
      return null;
    }
  }
  // The account's signing key (its DID), softly: the next sign-in registers it otherwise.
  const signing = ensureSigningKey({ user: signedIn.user, rootKey: keys.rootKey }).then(({ key }) => storeSigningKey(key)).catch(() => {});
  const { vaultKey } = await rememberRootKey(keys.rootKey);
  // Soft: without a key or a vault the sign-in simply goes unrecorded.
  if (vaultKey) await putEntry({ kind: 'signin', value: { type: 'signin', at: new Date().toISOString() }, key: vaultKey });
  await signing;
  return keys.recoveryCode ?? null;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = form.username.value.trim();
  const displayName = form.display_name.value.trim() || undefined;
  const email = form.email.value.trim() || undefined;
  const password = form.password.value;
  if (!username) return showError(form, 'Choose a username.', 'username');
  if (password.length < 8) return showError(form, 'Use at least 8 characters for the password.', 'password');
  if (password !== form.password_confirm.value) return showError(form, 'The two passwords are not the same.', 'password_confirm');
  if (email && !form.email.checkValidity()) return showError(form, 'This email address does not look right.', 'email');
  showError(form, '');
  let code;
  try {
    code = await busy(form, 'Creating your account…', async () => {
      await register({ username, password, displayName, email });
      const signedIn = await login({ username, password });
      return setUpKeys(signedIn);
    });
  } catch (error) {
    const [message, field] = describe(error);
    showError(form, message, field);
    return;
  }
  form.password.value = '';
  form.password_confirm.value = '';
  const shown = code && showRecoveryStep(code, {
    hide: [form, document.getElementById('signin-alt')], next: () => continuation(form),
  });
  if (!shown) window.location.assign(continuation(form));
});
