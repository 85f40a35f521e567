// Shared behaviour of the hosted sign-in and sign-up forms: busy state, errors next to the
// form, and the safe continuation after success.
import { sameOriginPath } from './same-origin.js';

/** Where to go after signing in: only a path on this server (never an open redirect). */
export function continuation(form) {
  return sameOriginPath(form.dataset.continue, '/account');
}

/** Shows `message` in the form's alert region and marks `field` (if any) invalid. */
export function showError(form, message, field) {
  const box = form.querySelector('#form-error');
  box.textContent = message;
  for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  if (field) {
    const input = form.querySelector(`#${field}`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  }
}

/** Disables the submit button while `work` runs. */
export async function busy(form, label, work) {
  const button = form.querySelector('button[type="submit"]');
  const original = button.textContent;
  button.disabled = true;
  button.textContent = label;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = original;
  }
}

/** A message a person can act on, from a FlowstaAuthError. */
export function describe(error) {
  switch (error.code) {
    case 'invalid_credentials': return ['The username or password is not right.', 'password'];
    case 'rate_limited': return ['Too many attempts. Wait a minute and try again.', null];
    case 'username_taken': return ['This username is taken. Choose another one.', 'username'];
    case 'invalid_username': return [error.description || 'This username is not valid.', 'username'];
    case 'network_error': return ['Flowsta cannot be reached. Check your connection and try again.', null];
    case 'signup_proof_required':
    case 'invalid_signup_proof':
    case 'signup_proof_failed':
      return ['The anti-spam check of the sign-up failed or expired. Try again.', null];
    default: return [error.description || 'Something went wrong. Try again.', null];
  }
}
