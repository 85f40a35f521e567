// The account page's passkeys section: the list (name, synced or on one device, whether it opens
// the vault), renaming, removing, and adding one. Adding and removing start with a fresh sign-in
// (password, and a code once two-step sign-in is on); adding seals the root key under the
// passkey's PRF output where the browser has it, so the passkey opens the vault by itself.
import { addPasskey, listPasskeys, removePasskey, renamePasskey } from '../flowsta-auth.js';
import { passkeysSupported } from '../passkeys.js';
import { busy, day, describe, showError } from './form.js';
import { proofFrom } from './second-factor.js';

const form = document.getElementById('passkey-form');
const status = () => document.getElementById('passkeys-status');
/** The password (and code) of the form, or an error shown next to it: null. */
function credentialsOf(box) {
  const password = form.passkey_password.value;
  if (!password) {
    showError(form, 'Enter your password.', 'passkey_password', box);
    return null;
  }
  if (form.dataset.twoStep === 'yes' && !proofFrom(form.passkey_password_code?.value)) {
    showError(form, 'Enter a code from your authenticator app, or a backup code.', 'passkey_password_code', box);
    return null;
  }
  return { username: form.dataset.username, password, secondFactor: async () => proofFrom(form.passkey_password_code?.value) };
}

function clearCredentials() {
  form.passkey_password.value = '';
  if (form.passkey_password_code) form.passkey_password_code.value = '';
}

/** One passkey as a list item, with Rename and Remove. */
function passkeyItem(passkey) {
  const item = document.createElement('li');
  item.dataset.passkeyId = passkey.id;
  const text = document.createElement('span');
  const where = passkey.synced ? 'synced across your devices' : 'on one device or key';
  const vault = passkey.opens_root_key ? 'opens your vault' : 'asks for your password to open your vault';
  text.textContent = `${passkey.name} · added ${day(passkey.created_at)} · ${where} · ${vault}`;
  item.append(text);
  const rename = document.createElement('button');
  rename.type = 'button';
  rename.className = 'secondary';
  rename.textContent = 'Rename';
  rename.setAttribute('aria-label', `Rename the passkey ${passkey.name}`);
  rename.addEventListener('click', async () => {
    const name = window.prompt('A new name for this passkey', passkey.name);
    if (name === null || !name.trim()) return;
    try {
      await renamePasskey({ id: passkey.id, name });
      await showPasskeys('Renamed.');
    } catch (error) {
      const region = status();
      if (region) region.textContent = describe(error)[0];
    }
  });
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'secondary';
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove the passkey ${passkey.name}`);
  remove.addEventListener('click', async () => {
    const box = '#passkey-error';
    const credentials = credentialsOf(box);
    if (!credentials) return;
    showError(form, '', null, box);
    remove.disabled = true;
    try {
      await removePasskey({ ...credentials, id: passkey.id });
      clearCredentials();
      await showPasskeys(`Removed ${passkey.name}.`);
    } catch (error) {
      remove.disabled = false;
      const [message, field] = error?.code === 'invalid_credentials' ? ['Your password is not right.', 'passkey_password'] : describe(error);
      showError(form, message, field, box);
    }
  });
  item.append(rename, remove);
  return item;
}

/** Fills #passkeys-list; says `done` once it is there. */
async function showPasskeys(done = '') {
  const list = document.getElementById('passkeys-list');
  const region = status();
  if (!list || !region) return;
  let passkeys;
  try {
    ({ passkeys } = await listPasskeys());
  } catch (error) {
    region.textContent = `Your passkeys could not be loaded. ${describe(error)[0]}`;
    return;
  }
  const items = Array.isArray(passkeys) ? passkeys : [];
  list.replaceChildren(...items.map(passkeyItem));
  region.textContent = done || (items.length === 0 ? 'You have no passkey yet.' : '');
}

if (form) {
  if (!passkeysSupported()) {
    form.hidden = true;
    const region = status();
    if (region) region.textContent = 'This browser cannot make passkeys.';
  } else {
    showPasskeys();
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const box = '#passkey-error';
    const name = form.passkey_name.value.trim() || 'Passkey';
    const credentials = credentialsOf(box);
    if (!credentials) return;
    showError(form, '', null, box);
    let added;
    try {
      added = await busy(form, 'Follow your browser…', () => addPasskey({ ...credentials, name }));
    } catch (error) {
      const [message, field] = error?.code === 'invalid_credentials' ? ['Your password is not right.', 'passkey_password'] : describe(error);
      showError(form, message, field, box);
      return;
    }
    clearCredentials();
    form.passkey_name.value = '';
    await showPasskeys(added.opensRootKey
      ? `Added ${name}. It signs you in and opens your vault.`
      : `Added ${name}. It signs you in; your browser cannot let it open your vault, so after signing in with it you will be asked for your password once.`);
  });
}
