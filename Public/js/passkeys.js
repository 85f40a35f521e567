/**
 * WebAuthn in the browser for Flowsta passkeys (docs/api/accounts.md#passkeys): the server's
 * JSON options (WebAuthn Level 3 `PublicKeyCredential*OptionsJSON`, bytes in base64url) turned
 * into what `navigator.credentials.create()` / `.get()` take, the credential turned back into
 * the JSON the server reads, and the PRF extension's output.
 *
 * The PRF output is the passkey's lock on the root key (docs/keys.md: envelope kind `passkey`).
 * It never leaves the page: the JSON sent to the server carries no extension results (a
 * browser's own `credential.toJSON()` would include them), only the fields the server checks.
 */

import { fromBase64Url, toBase64Url } from './bytes.js';

/** Bytes of a base64url field; TypeError naming `name` when it is not base64url. */
function bytesOf(value, name) {
  if (typeof value !== 'string') throw new TypeError(`${name}: expected base64url`);
  return fromBase64Url(value);
}

/** A descriptor list with its ids as bytes. */
function descriptors(list, name) {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new TypeError(`${name}: expected an array`);
  return list.map((item, i) => ({ type: 'public-key', id: bytesOf(item?.id, `${name}[${i}].id`) }));
}

/** The PRF input of the options' extensions as bytes, or undefined. */
function prfExtension(extensions) {
  const first = extensions?.prf?.eval?.first;
  return typeof first === 'string' ? { prf: { eval: { first: fromBase64Url(first) } } } : {};
}

/** `PublicKeyCredentialCreationOptions` from the server's `public_key` (register/start). */
export function creationOptions(json) {
  if (json === null || typeof json !== 'object') throw new TypeError('public_key: expected an object');
  return {
    ...json,
    challenge: bytesOf(json.challenge, 'challenge'),
    user: { ...json.user, id: bytesOf(json.user?.id, 'user.id') },
    excludeCredentials: descriptors(json.excludeCredentials, 'excludeCredentials'),
    extensions: { credProps: true, ...prfExtension(json.extensions) },
  };
}

/** `PublicKeyCredentialRequestOptions` from the server's `public_key` (login/start). */
export function requestOptions(json) {
  if (json === null || typeof json !== 'object') throw new TypeError('public_key: expected an object');
  return {
    ...json,
    challenge: bytesOf(json.challenge, 'challenge'),
    allowCredentials: descriptors(json.allowCredentials, 'allowCredentials'),
    extensions: prfExtension(json.extensions),
  };
}

const b64 = (buffer) => toBase64Url(new Uint8Array(buffer));

/**
 * The JSON of a credential for the server: `{id, rawId, type, response}` with the registration's
 * `clientDataJSON` and `attestationObject`, or the assertion's `clientDataJSON`,
 * `authenticatorData`, `signature` and `userHandle`. No extension results (the PRF output).
 */
export function credentialJSON(credential) {
  const response = credential?.response;
  if (!response || !credential.rawId) throw new TypeError('credential: not a PublicKeyCredential');
  const out = { clientDataJSON: b64(response.clientDataJSON) };
  if (response.attestationObject) {
    out.attestationObject = b64(response.attestationObject);
  } else {
    out.authenticatorData = b64(response.authenticatorData);
    out.signature = b64(response.signature);
    if (response.userHandle) out.userHandle = b64(response.userHandle);
  }
  const rawId = b64(credential.rawId);
  return { id: rawId, rawId, type: 'public-key', response: out };
}

/**
 * The PRF output (32 bytes) the authenticator computed for the options' input, or null when it
 * has none. `enabled` says whether a new credential supports PRF (a registration may report
 * `enabled: true` without results: the output then comes from a `get()`).
 */
export function prfResult(credential) {
  let results;
  try {
    results = credential?.getClientExtensionResults?.()?.prf;
  } catch {
    results = undefined;
  }
  const first = results?.results?.first;
  const output = first ? new Uint8Array(first instanceof ArrayBuffer ? first : first.buffer.slice(first.byteOffset, first.byteOffset + first.byteLength)) : null;
  return { output: output && output.length === 32 ? output : null, enabled: results?.enabled === true };
}

/** Whether this browser can make passkeys at all. */
export function passkeysSupported(win = globalThis) {
  return typeof win.PublicKeyCredential === 'function' && typeof win.navigator?.credentials?.create === 'function';
}
