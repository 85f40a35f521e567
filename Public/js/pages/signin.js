// The hosted sign-in page: OPAQUE login in the browser (the password never leaves the page),
// then back to where the user was going (usually /oauth/authorize). The export key only
// becomes the analytics root kept in this browser (analytics.js); it is never sent or logged.
import { rememberAnalyticsRoot } from '../analytics.js';
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
    });
    form.password.value = '';
    window.location.assign(continuation(form));
  } catch (error) {
    const [message, field] = describe(error);
    showError(form, message, field);
  }
});
