// The verification link's page (/verify-email#token=…): the token is read from the fragment
// (which browsers never send), dropped from the address bar at once, and posted; the result
// is shown in #verify-status.
import { verifyEmail } from '../flowsta-auth.js';
import { describe, dropHash, tokenFromHash } from './form.js';

const MESSAGES = {
  verified: 'Your email address is verified.',
  missing: 'This verification link is incomplete. Open the link from the email again.',
  invalid_token: 'This verification link is expired or was used already. Ask for a new one from your account page.',
  email_in_use: 'Another account has verified this email address already, so it cannot be verified for yours.',
};

const status = document.getElementById('verify-status');
const token = tokenFromHash(window.location.hash);
dropHash();

/** Shows `message`; `ok` styles it as a success, otherwise as an error. */
function show(message, ok) {
  if (!status) return;
  status.textContent = message;
  status.classList?.toggle('ok', ok);
  status.classList?.toggle('error', !ok);
}

async function verify() {
  if (!token) return show(MESSAGES.missing, false);
  try {
    await verifyEmail({ token });
    show(MESSAGES.verified, true);
  } catch (error) {
    show(MESSAGES[error?.code] ?? describe(error)[0], false);
  }
}

verify();
