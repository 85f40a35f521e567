// Second factors on the hosted pages: the code step of a sign-in (an authenticator code, or a
// backup code instead), and reading a code typed into a field of a form that signs in again.

/** `{code}` for 6 digits (spaces ignored), else `{backup_code}`; null for an empty value. */
export function proofFrom(value) {
  const typed = String(value ?? '').trim();
  if (!typed) return null;
  const digits = typed.replace(/\s+/g, '');
  return /^[0-9]{6}$/.test(digits) ? { code: digits } : { backup_code: typed };
}

/**
 * The `secondFactor` callback of flowsta-auth.js `login` for a page with a code form
 * (`#code-form`: `#code`, `#code-error`, `#code-switch`, and `#code-passkey`, shown when the
 * account has a passkey): shows the form and resolves with what the user typed, or
 * `{passkey: true}` for the passkey button. After a wrong code it says how many attempts are left.
 */
export function codePrompt(codeForm) {
  const input = codeForm.querySelector('#code');
  const label = codeForm.querySelector('label[for="code"]');
  const error = codeForm.querySelector('#code-error');
  const switcher = codeForm.querySelector('#code-switch');
  const passkey = codeForm.querySelector('#code-passkey');
  let backup = false;
  let answer = null;
  switcher?.addEventListener('click', () => {
    backup = !backup;
    if (label) label.textContent = backup ? 'Backup code' : 'Authenticator code';
    switcher.textContent = backup ? 'Use the authenticator app instead' : 'Use a backup code instead';
    input.inputMode = backup ? 'text' : 'numeric';
    input.value = '';
    input.focus();
  });
  codeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = input.value.trim();
    if (!typed) {
      if (error) error.textContent = backup ? 'Enter one of your backup codes.' : 'Enter the 6-digit code from your authenticator app.';
      input.focus();
      return;
    }
    input.value = '';
    if (error) error.textContent = '';
    const resolve = answer;
    answer = null;
    resolve?.(backup ? { backup_code: typed } : { code: typed.replace(/\s+/g, '') });
  });
  passkey?.addEventListener('click', () => {
    if (error) error.textContent = '';
    const resolve = answer;
    answer = null;
    resolve?.({ passkey: true });
  });
  return ({ attemptsLeft, methods = [] }) => new Promise((resolve) => {
    answer = resolve;
    codeForm.hidden = false;
    if (passkey) passkey.hidden = !methods.includes('passkey');
    if (error) {
      error.textContent = attemptsLeft === null || attemptsLeft === undefined
        ? '' : `That code is not right or was used already. ${attemptsLeft} ${attemptsLeft === 1 ? 'attempt' : 'attempts'} left.`;
    }
    input.focus();
  });
}
