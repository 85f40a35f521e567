// The account page's two-step sign-in section: setting up an authenticator app (the server
// draws the QR code as SVG, so the key reaches no other service), confirming it with a first
// code, showing the backup codes once, making new ones and turning two-step sign-in off. Each
// change starts with a fresh sign-in (password, and a code once two-step sign-in is on).
import { confirmTOTP, newBackupCodes, removeTOTP, startTOTP } from '../flowsta-auth.js';
import { busy, describe, showError } from './form.js';
import { proofFrom } from './second-factor.js';

const form = document.getElementById('totp-form');
const setup = document.getElementById('totp-setup');
const confirmForm = document.getElementById('totp-confirm-form');

/** Shows backup codes once, as plain text. */
function showBackupCodes(codes) {
  const list = document.getElementById('backup-codes-list');
  const box = document.getElementById('backup-codes');
  if (!list || !box || !Array.isArray(codes)) return;
  list.replaceChildren(...codes.filter((code) => typeof code === 'string').map((code) => {
    const item = document.createElement('li');
    item.className = 'code';
    item.textContent = code;
    return item;
  }));
  box.hidden = false;
}

function setState(text) {
  const state = document.getElementById('second-factor-state');
  if (state) state.textContent = text;
}

/** The SVG document as an image (data: URL; the page's CSP allows `img-src data:`). */
function svgURL(svg) {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const box = '#totp-error';
  const action = event.submitter?.value ?? 'start';
  const password = form.totp_password.value;
  if (!password) return showError(form, 'Enter your password.', 'totp_password', box);
  const secondFactor = async () => proofFrom(form.totp_password_code?.value);
  if (form.dataset.enabled === 'yes' && !proofFrom(form.totp_password_code?.value)) {
    return showError(form, 'Enter a code from your authenticator app, or a backup code.', 'totp_password_code', box);
  }
  showError(form, '', null, box);
  const username = form.dataset.username;
  try {
    if (action === 'start') {
      const started = await busy(form, 'Preparing…', () => startTOTP({ username, password }));
      const qr = document.getElementById('totp-qr');
      const secret = document.getElementById('totp-secret');
      if (qr && typeof started.qr_svg === 'string') qr.src = svgURL(started.qr_svg);
      if (secret && typeof started.secret === 'string') secret.textContent = started.secret.replace(/(.{4})(?=.)/g, '$1 ');
      if (setup) setup.hidden = false;
      confirmForm?.totp_code.focus();
    } else if (action === 'backup-codes') {
      const made = await busy(form, 'Making new backup codes…', () => newBackupCodes({ username, password, secondFactor }));
      showBackupCodes(made.backup_codes);
      const left = document.getElementById('backup-codes-left');
      if (left && Array.isArray(made.backup_codes)) left.textContent = String(made.backup_codes.length);
    } else if (action === 'remove') {
      await busy(form, 'Turning off…', () => removeTOTP({ username, password, secondFactor }));
      setState('Off. Reload the page to set up an authenticator app again.');
      form.hidden = true;
    }
  } catch (error) {
    const [message, field] = error?.code === 'invalid_credentials'
      ? ['Your password is not right.', 'totp_password'] : describe(error);
    showError(form, message, field, box);
    return;
  }
  form.totp_password.value = '';
  if (form.totp_password_code) form.totp_password_code.value = '';
});

confirmForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const box = '#totp-confirm-error';
  const code = confirmForm.totp_code.value.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(code)) return showError(confirmForm, 'Enter the 6-digit code your authenticator app shows.', 'totp_code', box);
  showError(confirmForm, '', null, box);
  let confirmed;
  try {
    confirmed = await busy(confirmForm, 'Checking…', () => confirmTOTP({ code }));
  } catch (error) {
    const [message] = error?.code === 'invalid_code'
      ? ['That code is not right. Check the time on your device and type the code the app shows now.'] : describe(error);
    showError(confirmForm, message, 'totp_code', box);
    return;
  }
  if (setup) setup.hidden = true;
  if (form) form.hidden = true;
  setState('On: signing in takes your password and a code from your authenticator app.');
  showBackupCodes(confirmed.backup_codes);
});
