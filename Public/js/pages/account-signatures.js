// The account page's Sign It section: the signing key's DID, the user's signatures (newest
// first) with Revoke, and the apps whose requests are signed without asking, with Forget.
import { forgetSignApp, listRememberedSignApps, listSignatures, listSigningKeys, revokeSignature } from '../flowsta-auth.js';
import { day, describe } from './form.js';

const status = () => document.getElementById('signatures-status');
function button(label, aria, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'secondary';
  element.textContent = label;
  element.setAttribute('aria-label', aria);
  element.addEventListener('click', onClick);
  return element;
}

function signatureItem(signature) {
  const item = document.createElement('li');
  item.dataset.signatureId = signature.id;
  const text = document.createElement('span');
  const hash = document.createElement('code');
  hash.className = 'hash';
  hash.textContent = signature.file_hash;
  const revoked = signature.revoked ? ` · revoked ${day(signature.revoked_at)}${signature.revocation_reason ? `: ${signature.revocation_reason}` : ''}` : '';
  text.append(hash, document.createTextNode(` · ${signature.intent} · signed ${day(signature.signed_at)}${revoked}`));
  item.append(text);
  if (!signature.revoked) {
    item.append(button('Revoke', `Revoke the signature of ${signature.file_hash}`, async () => {
      const reason = window.prompt('Why do you revoke this signature? (shown to everyone who checks the file; optional)', '');
      if (reason === null) return;
      try {
        await revokeSignature({ id: signature.id, reason: reason.trim() || undefined });
        await showSignatures('Revoked.');
      } catch (error) {
        status().textContent = describe(error)[0];
      }
    }));
  }
  return item;
}

function appItem(app) {
  const item = document.createElement('li');
  const text = document.createElement('span');
  text.textContent = `${app.name} · since ${day(app.since)}`;
  item.append(text, button('Ask me again', `Ask again before signing for ${app.name}`, async () => {
    try {
      await forgetSignApp(app.app_id);
      await showSignatures('This app asks again next time.');
    } catch (error) {
      status().textContent = describe(error)[0];
    }
  }));
  return item;
}

async function showSignatures(done = '') {
  try {
    const [{ signatures }, { apps }, { signing_keys: keys }] = await Promise.all([listSignatures(), listRememberedSignApps(), listSigningKeys()]);
    const current = keys.find((key) => key.revoked_at === null);
    const line = document.getElementById('signing-key');
    if (current) {
      const did = document.createElement('code');
      did.className = 'hash';
      did.textContent = current.did;
      line.replaceChildren(document.createTextNode('Your signing key: '), did);
    } else {
      line.textContent = 'You have no signing key yet: it is made at your next sign-in.';
    }
    document.getElementById('signatures-list').replaceChildren(...signatures.map(signatureItem));
    document.getElementById('sign-apps-list').replaceChildren(...apps.map(appItem));
    status().textContent = done || (signatures.length ? '' : 'You have not signed anything yet.');
  } catch (error) {
    status().textContent = describe(error)[0];
  }
}

if (document.getElementById('signatures-section')) showSignatures();
