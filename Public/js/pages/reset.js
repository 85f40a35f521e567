// The reset link's page (/reset#token=…): the token is read from the fragment (which browsers
// never send) and dropped from the address bar at once. The new password comes with a new root
// key and a new recovery code, made in this page (flowsta-auth.js `resetPassword`): the activity
// sealed under the old key is deleted by the server; the user is signed in, keeps the new keys
// in this browser, and sees the new recovery code once.
import { putEntry, rememberRootKey } from '../vault.js';
import { resetPassword } from '../flowsta-auth.js';
import { busy, describe, dropHash, showError, tokenFromHash } from './form.js';
import { showRecoveryStep } from './recovery-step.js';
import { proofFrom } from './second-factor.js';

const form = document.getElementById('reset-form');
const token = tokenFromHash(window.location.hash);
dropHash();

if (!token) {
  showError(form, 'This reset link is incomplete. Open the link from the email again, or ask for a new one on the sign-in page.');
  for (const control of form.querySelectorAll('input, button')) control.disabled = true;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!token) return;
  const password = form.password.value;
  if (password.length < 8) return showError(form, 'Use at least 8 characters for the new password.', 'password');
  if (password !== form.password_confirm.value) return showError(form, 'The two passwords are not the same.', 'password_confirm');
  const understood = document.getElementById('reset-understood');
  if (!understood?.checked) return showError(form, 'Tick the box to confirm that your activity history will be deleted.', 'reset-understood');
  showError(form, '');
  let recoveryCode;
  try {
    recoveryCode = await busy(form, 'Resetting…', async () => {
      const keys = await resetPassword({
        token, newPassword: password, secondFactor: async () => proofFrom(form.second_factor_code?.value),
      });
      // Soft: the password is set and the user signed in, whatever happens to the vault.
      const { vaultKey } = await rememberRootKey(keys.rootKey);
      if (vaultKey) await putEntry({ kind: 'signin', value: { type: 'signin', at: new Date().toISOString() }, key: vaultKey });
      return keys.recoveryCode;
    });
  } catch (error) {
    const [message, field] = describe(error);
    showError(form, message, field);
    return;
  }
  form.password.value = '';
  form.password_confirm.value = '';
  const shown = showRecoveryStep(recoveryCode, { hide: [form, document.getElementById('reset-warning')], next: () => '/account' });
  if (!shown) window.location.assign('/account');
});
