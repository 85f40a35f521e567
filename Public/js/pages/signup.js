// The hosted sign-up page: OPAQUE registration, then login, in the browser. The export key only
// becomes the analytics root and the vault key kept in this browser (analytics.js, vault.js);
// it is never sent or logged. The sign-in itself is recorded in the user's encrypted vault.
import { rememberAnalyticsRoot } from '../analytics.js';
import { putEntry, rememberVaultKey } from '../vault.js';
import { login, register } from '../flowsta-auth.js';
import { busy, continuation, describe, showError } from './form.js';

const form = document.getElementById('signup-form');
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
  try {
    await busy(form, 'Creating your account…', async () => {
      await register({ username, password, displayName, email });
      const { exportKey } = await login({ username, password });
      await rememberAnalyticsRoot(exportKey);
      // Soft: without a key or a vault the sign-in simply goes unrecorded.
      const vaultKey = await rememberVaultKey(exportKey);
      if (vaultKey) await putEntry({ kind: 'signin', value: { type: 'signin', at: new Date().toISOString() }, key: vaultKey });
    });
    form.password.value = '';
    form.password_confirm.value = '';
    window.location.assign(continuation(form));
  } catch (error) {
    const [message, field] = describe(error);
    showError(form, message, field);
  }
});
