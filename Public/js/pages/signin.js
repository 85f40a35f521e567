// The hosted sign-in page: OPAQUE login in the browser (the password never leaves the page),
// then back to where the user was going (usually /oauth/authorize). The export key only
// becomes the analytics root and the vault key kept in this browser (analytics.js, vault.js);
// it is never sent or logged. The sign-in itself is recorded in the user's encrypted vault.
import { rememberAnalyticsRoot } from '../analytics.js';
import { putEntry, rememberVaultKey } from '../vault.js';
import { login } from '../flowsta-auth.js';
import { busy, continuation, describe, showError } from './form.js';

const form = document.getElementById('signin-form');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username) return showError(form, 'Enter your username.', 'username');
  if (!password) return showError(form, 'Enter your password.', 'password');
  showError(form, '');
  try {
    await busy(form, 'Signing in…', async () => {
      const { exportKey } = await login({ username, password });
      await rememberAnalyticsRoot(exportKey);
      // Soft: without a key or a vault the sign-in simply goes unrecorded.
      const vaultKey = await rememberVaultKey(exportKey);
      if (vaultKey) await putEntry({ kind: 'signin', value: { type: 'signin', at: new Date().toISOString() }, key: vaultKey });
    });
    form.password.value = '';
    window.location.assign(continuation(form));
  } catch (error) {
    const [message, field] = describe(error);
    showError(form, message, field);
  }
});
