// The "forgot your password" page. With the recovery code (#recovery-form): the code signs in
// to the account's recovery record in this page (it is never sent), opens the root key, and the
// new password is registered with the root key sealed under it: nothing is lost; the user is
// signed in and goes on. Without it (#reset-request-form): a reset link to the account's
// verified address; the answer never tells whether the address has an account.
import { putEntry, rememberRootKey } from '../vault.js';
import { recoverWithCode, requestPasswordReset } from '../flowsta-auth.js';
import { normalizeRecoveryCode } from '../root-key.js';
import { busy, continuation, describe, showError } from './form.js';
import { proofFrom } from './second-factor.js';

const SENT = 'If this address is verified for an account, a link is on its way (valid 30 minutes).';

const recoveryForm = document.getElementById('recovery-form');
recoveryForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = recoveryForm;
  const username = form.username.value.trim();
  const code = form.recovery_code.value;
  const password = form.password.value;
  if (!username) return showError(form, 'Enter your username.', 'username');
  if (normalizeRecoveryCode(code) === null) return showError(form, ...describe({ code: 'invalid_recovery_code' }));
  if (password.length < 8) return showError(form, 'Use at least 8 characters for the new password.', 'password');
  if (password !== form.password_confirm.value) return showError(form, 'The two passwords are not the same.', 'password_confirm');
  showError(form, '');
  try {
    await busy(form, 'Setting the new password…', async () => {
      const { rootKey, legacyVaultKey } = await recoverWithCode({
        username, code, newPassword: password, secondFactor: async () => proofFrom(form.second_factor_code?.value),
      });
      // Soft: the password is set and the user signed in, whatever happens to the vault.
      const { vaultKey } = await rememberRootKey(rootKey, { legacyVaultKey });
      if (vaultKey) await putEntry({ kind: 'signin', value: { type: 'signin', at: new Date().toISOString() }, key: vaultKey });
    });
  } catch (error) {
    const [message, field] = error?.code === 'invalid_credentials'
      ? ['The username or recovery code is not right.', 'recovery_code']
      : describe(error);
    showError(form, message, field);
    return;
  }
  for (const name of ['recovery_code', 'password', 'password_confirm', 'second_factor_code']) if (form[name]) form[name].value = '';
  window.location.assign(continuation(form));
});

const resetForm = document.getElementById('reset-request-form');
resetForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = resetForm;
  const status = document.getElementById('reset-request-status');
  const email = form.reset_email.value.trim();
  if (status) status.textContent = '';
  if (!email || !form.reset_email.checkValidity()) {
    return showError(form, 'Enter the email address of your account.', 'reset_email', '#reset-request-error');
  }
  showError(form, '', null, '#reset-request-error');
  try {
    await busy(form, 'Sending…', () => requestPasswordReset({ email }));
  } catch (error) {
    const [message] = describe(error);
    showError(form, message, error?.code === 'invalid_request' ? 'reset_email' : null, '#reset-request-error');
    return;
  }
  if (status) status.textContent = SENT;
});
