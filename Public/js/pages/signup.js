// The hosted sign-up page: OPAQUE registration, then login, in the browser. The export key only
// becomes the analytics root kept in this browser (analytics.js); it is never sent or logged.
import { rememberAnalyticsRoot } from '../analytics.js';
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
    });
    form.password.value = '';
    form.password_confirm.value = '';
    window.location.assign(continuation(form));
  } catch (error) {
    const [message, field] = describe(error);
    showError(form, message, field);
  }
});
