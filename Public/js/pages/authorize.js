// The authorization pages: the consent page (data-analytics="submit": Allow and Deny buttons)
// and the pass-through page of a remembered consent (data-analytics="auto": posts itself).
// Before "allow" is posted, this browser puts the user's analytics id for the app and month
// into the form's analytics_id field, from the root stored at sign-in (analytics.js). Without
// a stored root the user signs in again, which stores a fresh one.
import { analyticsID, analyticsStorageAvailable, loadAnalyticsRoot } from '../analytics.js';

// The consent page's form is #consent-form, the pass-through page's #authorize-form.
const form = document.getElementById('authorize-form') ?? document.getElementById('consent-form');
const auto = form.dataset.analytics === 'auto';
const idField = form.elements.analytics_id;
let submitting = false;
let addedDecision = null;

/** Shows `message` in the page's alert region. */
function showError(message) {
  const box = document.getElementById('form-error');
  if (box) box.textContent = message;
}

/** Only a local path, like the sign-in continuation (never an open redirect). */
function reauthTarget() {
  const target = form.dataset.reauth || '/signin';
  return target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/signin';
}

function setBusy(value) {
  submitting = value;
  for (const button of form.querySelectorAll('button')) button.disabled = value;
}

/** Fills analytics_id, adds decision=allow in submit mode (form.submit() sends no submitter) and posts. */
async function allow() {
  setBusy(true);
  showError('');
  try {
    const root = await loadAnalyticsRoot();
    if (!root && await analyticsStorageAvailable()) {
      window.location.assign(reauthTarget());
      return;
    }
    // Without IndexedDB no root survives sign-in: post without an id (not counted) rather than
    // send the user round in circles.
    idField.value = root ? await analyticsID(root, form.dataset.clientId, form.dataset.month) : '';
  } catch {
    setBusy(false);
    showError('This browser could not prepare the sign-in. Try again.');
    return;
  }
  if (!auto && !addedDecision) {
    addedDecision = document.createElement('input');
    addedDecision.type = 'hidden';
    addedDecision.name = 'decision';
    addedDecision.value = 'allow';
    form.append(addedDecision);
  }
  form.submit();
}

/** Back to the page as served: no id, no added decision, buttons enabled. */
function reset() {
  idField.value = '';
  addedDecision?.remove();
  addedDecision = null;
  setBusy(false);
}

form.addEventListener('submit', (event) => {
  if (submitting) {
    event.preventDefault();
    return;
  }
  // Deny (or anything that is not clearly "allow": never turn a refusal into consent) goes
  // through as served, without an id; in auto mode the form only ever allows.
  if (!auto && event.submitter?.value !== 'allow') {
    reset();
    return;
  }
  event.preventDefault();
  allow();
});

// Back/forward cache: a restored page must not stay disabled or keep the previous post's fields.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) reset();
});

if (auto) allow();
