// The authorization pages: the consent page (data-analytics="submit": Allow and Deny buttons)
// and the pass-through page of a remembered consent (data-analytics="auto": posts itself).
// Before "allow" is posted, this browser puts the user's analytics id for the app and month
// into the form's analytics_id field, from the root stored at sign-in (analytics.js). Without
// a stored root the user signs in again, which stores a fresh one.
// Each decision (and each app sign-in through the pass-through page) is also recorded in the
// user's encrypted vault (vault.js) before the form is posted: softly, and for at most
// RECORD_TIMEOUT_MS, so a slow or missing vault never holds the user up.
import { analyticsID, analyticsStorageAvailable, loadAnalyticsRoot } from '../analytics.js';
import { putEntry } from '../vault.js';
import { sameOriginPath } from './same-origin.js';

const RECORD_TIMEOUT_MS = 1500;

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

/** Only a path on this server, like the sign-in continuation (never an open redirect). */
function reauthTarget() {
  return sameOriginPath(form.dataset.reauth, '/signin');
}

function setBusy(value) {
  submitting = value;
  for (const button of form.querySelectorAll('button')) button.disabled = value;
}

/**
 * Sets the decision that form.submit() posts (it sends no submitter): one hidden field, added
 * once, whose value is overwritten on every call, so a deny always posts decision=deny.
 */
function setDecision(value) {
  if (!addedDecision) {
    addedDecision = document.createElement('input');
    addedDecision.type = 'hidden';
    addedDecision.name = 'decision';
    form.append(addedDecision);
  }
  addedDecision.value = value;
}

/**
 * Records this page's event in the vault: a consent decision ("allow"/"deny") on the consent
 * page, an app sign-in on the pass-through page. Never rejects; gives up after RECORD_TIMEOUT_MS.
 */
async function record(decision) {
  try {
    const at = new Date().toISOString();
    const app = form.dataset.appName || undefined;
    const client_id = form.dataset.clientId;
    const entry = auto
      ? { kind: 'signin', value: { type: 'signin', at, client_id, app } }
      : {
        kind: 'consent',
        value: {
          type: 'consent', at, client_id, app,
          scopes: (form.dataset.scopes ?? '').split(/\s+/).filter(Boolean),
          decision,
        },
      };
    await putEntry({ ...entry, timeoutMs: RECORD_TIMEOUT_MS });
  } catch {
    // History is best effort.
  }
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
  await record('allow');
  if (!auto) setDecision('allow');
  form.submit();
}

/** Posts decision=deny without an analytics id, after recording the refusal. */
async function deny() {
  setBusy(true);
  showError('');
  idField.value = '';
  setDecision('deny');
  await record('deny');
  // Again, right before posting: nothing in between may turn the refusal into consent.
  idField.value = '';
  setDecision('deny');
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
  if (!auto) {
    const decision = event.submitter?.value;
    if (decision === 'deny') {
      event.preventDefault();
      deny();
      return;
    }
    // Anything that is not clearly "allow" or "deny" (never turn a refusal into consent) goes
    // through as served, without an id and unrecorded.
    if (decision !== 'allow') {
      reset();
      return;
    }
  }
  // In auto mode the form only ever allows.
  event.preventDefault();
  allow();
});

// Back/forward cache: a restored page must not stay disabled or keep the previous post's fields.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) reset();
});

if (auto) allow();
