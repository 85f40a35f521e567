/**
 * Flowsta sign-up and sign-in for the browser: OPAQUE-3DH (RFC 9807) against the server's JSON
 * endpoints (DESIGN §4). The password never leaves the page; neither does the export key.
 * Byte fields travel as base64url without padding. Creating an account also solves the server's
 * sign-up proof of work (signup-proof.js).
 *
 * The user's root key (docs/keys.md, root-key.js) is made and opened here too: the export key
 * of the password (or of the recovery code) only ever opens or seals the root key's envelopes,
 * and the root key is handed back to the page, which keeps only keys derived from it
 * (vault.js `rememberRootKey`). Neither the root key, the export keys nor the recovery code is
 * ever sent: the recovery code is the "password" of a second OPAQUE record.
 */

import { fromBase64Url, toBase64Url } from './bytes.js';
import { OpaqueClient } from './opaque.js';
import {
  RootKeyError, generateRecoveryCode, generateRootKey, legacyVaultKeyBytes, normalizeRecoveryCode, openEnvelope, sealEnvelope,
} from './root-key.js';
import { credentialJSON, creationOptions, prfResult, requestOptions } from './passkeys.js';
import { MAX_DIFFICULTY, solveSignupProof } from './signup-proof.js';
import { proofMessage, sign, signingKeyOf } from './signing-key.js';
import { signFiles } from './sign-it.js';

/** A failed Flowsta call; `code` is the server's `error` or a client-side code, `description` is human-readable. */
export class FlowstaAuthError extends Error {
  /** `status` is the HTTP status, or 0 when the failure happened in the client. */
  constructor(code, description, status = 0, attemptsLeft = null) {
    super(description);
    this.name = 'FlowstaAuthError';
    this.code = code;
    this.description = description;
    this.status = status;
    /** For `invalid_code` during a sign-in: the wrong codes it may still send. */
    this.attemptsLeft = attemptsLeft;
  }
}

/**
 * Sends a request to `path` (JSON `body` for a POST or PUT; every request that is not a GET is
 * sent as application/json, even without a body: the server's CSRF rule) and returns the parsed
 * JSON body of a 2xx answer (`{}` for 204 No Content); throws FlowstaAuthError otherwise.
 */
async function send(baseURL, fetchImpl, method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (method === 'GET') {
    init.cache = 'no-store';
  } else {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetchImpl(`${baseURL.replace(/\/+$/, '')}${path}`, init);
  } catch {
    throw new FlowstaAuthError('network_error', 'The Flowsta server could not be reached.');
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new FlowstaAuthError(
      typeof json?.error === 'string' ? json.error : 'server_error',
      typeof json?.error_description === 'string' ? json.error_description : `The server answered HTTP ${response.status}.`,
      response.status,
      Number.isInteger(json?.attempts_left) ? json.attempts_left : null,
    );
  }
  if (response.status === 204) return {};
  if (json === null || typeof json !== 'object') {
    throw new FlowstaAuthError('invalid_response', 'The server sent a response that is not JSON.', response.status);
  }
  return json;
}

/** POSTs JSON to `path`; see `send`. */
function post(baseURL, fetchImpl, path, body) {
  return send(baseURL, fetchImpl, 'POST', path, body);
}

/**
 * Fetches a sign-up challenge and solves it for `username` (signup-proof.js): resolves to
 * the `signup_proof` field of register/finish, or to null when the server asks for no work
 * (difficulty 0).
 */
async function signupProof(baseURL, fetchImpl, username) {
  const { challenge, difficulty } = await send(baseURL, fetchImpl, 'GET', '/auth/signup-challenge');
  if (typeof challenge !== 'string' || !/^[A-Za-z0-9_-]{1,512}$/.test(challenge)) {
    throw new FlowstaAuthError('invalid_response', 'The server sent an invalid sign-up challenge.');
  }
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > MAX_DIFFICULTY) {
    throw new FlowstaAuthError('invalid_response', 'The server sent an invalid sign-up difficulty.');
  }
  if (difficulty === 0) return null;
  let nonce;
  try {
    nonce = await solveSignupProof({ challenge, difficulty, username });
  } catch {
    throw new FlowstaAuthError('signup_proof_failed', 'The sign-up check could not be completed.');
  }
  return { challenge, nonce };
}

/** Decodes a base64url field of a server response. */
function field(json, name) {
  try {
    return fromBase64Url(json[name]);
  } catch {
    throw new FlowstaAuthError('invalid_response', `The server sent an invalid ${name}.`);
  }
}

/** Maps an OPAQUE failure to a FlowstaAuthError. */
function protocolError(error) {
  switch (error?.code) {
    case 'envelope_recovery_failed':
      return new FlowstaAuthError('invalid_credentials', 'Wrong username or password.');
    case 'server_authentication_failed':
      return new FlowstaAuthError('server_authentication_failed', 'The server could not prove its identity.');
    case 'ksf_failed':
      return new FlowstaAuthError('ksf_failed', 'The password could not be hardened (out of memory?).');
    default:
      return new FlowstaAuthError('invalid_response', 'The server sent an invalid OPAQUE message.');
  }
}

function requireStrings(values) {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string' || value.length === 0) {
      throw new FlowstaAuthError('invalid_request', `${name} must be a non-empty string.`);
    }
  }
}

/**
 * Creates an account: OPAQUE registration (RFC 9807 §5) with the sign-up proof of work
 * (`GET /auth/signup-challenge`, solved here: about 2^difficulty SHA-256 hashes). Resolves to
 * `{user, exportKey}`. `baseURL` defaults to the page's origin; `fetch` may be replaced (tests,
 * custom transports).
 */
export async function register({ username, password, displayName, email, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ username, password });
  const client = new OpaqueClient();
  const { request, state } = await client.startRegistration(password);
  // register/start refuses taken and invalid usernames before any proof-of-work is done.
  const start = await post(baseURL, fetch, '/auth/opaque/register/start', {
    username, registration_request: toBase64Url(request),
  });
  const response = field(start, 'registration_response');
  const proof = await signupProof(baseURL, fetch, username);
  let finished;
  try {
    finished = await client.finishRegistration(state, response);
  } catch (error) {
    throw protocolError(error);
  }
  const body = { username, registration_record: toBase64Url(finished.record) };
  if (displayName !== undefined && displayName !== null) body.display_name = displayName;
  if (email !== undefined && email !== null) body.email = email;
  if (proof !== null) body.signup_proof = proof;
  const { user } = await post(baseURL, fetch, '/auth/opaque/register/finish', body);
  return { user, exportKey: finished.exportKey };
}

/**
 * Signs in: OPAQUE login (RFC 9807 §6); on success the server sets the session cookie.
 * Resolves to `{user, exportKey, envelopes}`: `envelopes` are the key envelopes this sign-in can
 * open, by kind (`password`, and `legacy-vault` where the account has one), as the base64url the
 * server sent; `{}` for an account without a root key (see `openOrCreateRootKey`). A wrong
 * password fails here with `invalid_credentials` before KE3 is sent.
 *
 * An account with a second factor answers the password with a login token instead of a session:
 * then `secondFactor({attemptsLeft, methods})` is awaited for `{code}` (an authenticator code),
 * `{backup_code}` or — when `methods` holds `passkey` — `{passkey: true}` (a WebAuthn assertion
 * of one of the account's passkeys, made with `credentials`), and sent
 * (`POST /auth/login/second-factor`); after a wrong code it is asked again while the sign-in has
 * attempts left. Without `secondFactor`, or when it resolves to null, the sign-in fails with
 * `second_factor_required`.
 */
export async function login({
  username, password, secondFactor, baseURL = '', fetch = globalThis.fetch, credentials = globalThis.navigator?.credentials,
}) {
  requireStrings({ username, password });
  const client = new OpaqueClient();
  const { ke1, state } = await client.startLogin(password);
  const start = await post(baseURL, fetch, '/auth/opaque/login/start', { username, ke1: toBase64Url(ke1) });
  if (typeof start.login_id !== 'string') throw new FlowstaAuthError('invalid_response', 'The server sent no login_id.');
  const ke2 = field(start, 'ke2');
  let finished;
  try {
    finished = await client.finishLogin(state, ke2);
  } catch (error) {
    throw protocolError(error);
  }
  let body = await post(baseURL, fetch, '/auth/opaque/login/finish', {
    login_id: start.login_id, ke3: toBase64Url(finished.ke3),
  });
  if (body.second_factor_required === true) {
    const methods = Array.isArray(body.methods) ? body.methods.filter((m) => typeof m === 'string') : [];
    body = await sendSecondFactor(baseURL, fetch, body.login_token, secondFactor, { methods, credentials });
  }
  return { user: body.user, exportKey: finished.exportKey, envelopes: envelopeMap(body.envelopes) };
}

/** A second factor from the caller: `{code}`, `{backup_code}` (strings) or `{passkey: true}`, or null. */
async function askSecondFactor(secondFactor, attemptsLeft, methods = []) {
  const proof = typeof secondFactor === 'function' ? await secondFactor({ attemptsLeft, methods }) : null;
  if (proof && typeof proof.code === 'string' && proof.code !== '') return { code: proof.code.replace(/\s+/g, '') };
  if (proof && typeof proof.backup_code === 'string' && proof.backup_code !== '') return { backup_code: proof.backup_code };
  if (proof?.passkey === true && methods.includes('passkey')) return { passkey: true };
  throw new FlowstaAuthError('second_factor_required', 'This account asks for a code from its authenticator app or a backup code.');
}

/** An assertion of one of the account's passkeys for the second step: `{passkey: {ceremony_id, credential}}`. */
async function passkeyProof(baseURL, fetchImpl, loginToken, credentials) {
  const options = await post(baseURL, fetchImpl, '/auth/login/second-factor/passkey', { login_token: loginToken });
  const credential = await getCredential(credentials, options);
  return { passkey: { ceremony_id: options.ceremony_id, credential: credentialJSON(credential) } };
}

/** The sign-in's second step; asks again after a wrong code while attempts are left. */
async function sendSecondFactor(baseURL, fetchImpl, loginToken, secondFactor, { methods = [], credentials } = {}) {
  if (typeof loginToken !== 'string') throw new FlowstaAuthError('invalid_response', 'The server sent no login_token.');
  let attemptsLeft = null;
  for (;;) {
    const asked = await askSecondFactor(secondFactor, attemptsLeft, methods);
    try {
      const proof = asked.passkey ? await passkeyProof(baseURL, fetchImpl, loginToken, credentials) : asked;
      return await post(baseURL, fetchImpl, '/auth/login/second-factor', { login_token: loginToken, ...proof });
    } catch (error) {
      if (error?.code === 'passkey_cancelled') {
        attemptsLeft = null;
        continue;
      }
      if (error?.code !== 'invalid_code' || !(error.attemptsLeft > 0)) throw error;
      attemptsLeft = error.attemptsLeft;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The root key (docs/keys.md)

/** `[{kind, envelope}]` from the server as `{kind: envelope}` (base64url); anything malformed is left out. */
function envelopeMap(list) {
  const map = {};
  if (!Array.isArray(list)) return map;
  for (const item of list) {
    if (typeof item?.kind === 'string' && typeof item.envelope === 'string' && !(item.kind in map)) map[item.kind] = item.envelope;
  }
  return map;
}

/** The envelope of `kind` in `envelopes` (an object by kind, or the server's list) as base64url, or null. */
function envelopeOf(envelopes, kind) {
  const map = Array.isArray(envelopes) ? envelopeMap(envelopes) : (envelopes ?? {});
  const value = Object.prototype.hasOwnProperty.call(map, kind) ? map[kind] : null;
  if (value instanceof Uint8Array) return toBase64Url(value);
  return typeof value === 'string' ? value : null;
}

/** The lowercase user id of a `user` object (or an id string); `invalid_response` unless it is a UUID. */
function userIdOf(user) {
  const id = typeof user === 'string' ? user : user?.id;
  if (typeof id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw new FlowstaAuthError('invalid_response', 'The server sent no valid user id.');
  }
  return id.toLowerCase();
}

/** Maps a RootKeyError (an envelope that does not open) to a FlowstaAuthError; other errors pass. */
function keyError(error) {
  if (error instanceof RootKeyError) {
    return new FlowstaAuthError(
      error.code === 'invalid_recovery_code' ? 'invalid_recovery_code' : 'invalid_envelope',
      error.code === 'invalid_recovery_code'
        ? 'This is not a recovery code: it has 24 letters and digits, like XXXX-XXXX-XXXX-XXXX-XXXX-XXXX.'
        : 'Your account\'s key could not be opened.',
    );
  }
  if (error instanceof TypeError) return new FlowstaAuthError('invalid_response', 'The server sent an invalid key envelope.');
  return error;
}

/** Opens the envelope of `kind` (a FlowstaAuthError `invalid_envelope` if it does not open). */
async function open(kind, lockSecret, userId, envelope) {
  try {
    return await openEnvelope({ kind, lockSecret, userId, envelope });
  } catch (error) {
    throw keyError(error);
  }
}

/**
 * Registers `secret` (a password, or a recovery code's 24 normalized characters) as an OPAQUE
 * record: `start(request)` sends the registration request and resolves to the server's
 * registration response (base64url). Resolves to `{record, exportKey}` (the record base64url).
 */
async function registerSecret(secret, start) {
  const client = new OpaqueClient();
  const { request, state } = await client.startRegistration(secret);
  const response = await start(toBase64Url(request));
  return finishRegistration(client, state, response);
}

/** Finishes an OPAQUE registration with the server's response (base64url): `{record, exportKey}`. */
async function finishRegistration(client, state, response) {
  let bytes;
  try {
    bytes = fromBase64Url(response);
  } catch {
    throw new FlowstaAuthError('invalid_response', 'The server sent an invalid registration_response.');
  }
  try {
    const { record, exportKey } = await client.finishRegistration(state, bytes);
    return { record: toBase64Url(record), exportKey };
  } catch (error) {
    throw protocolError(error);
  }
}

/**
 * A fresh recovery code registered for the signed-in user (`POST /auth/recovery/register/start`,
 * credential identifier `recovery:<user id>`), with the root key sealed under its export key:
 * `{recoveryCode, recovery: {registration_record, envelope}}`, ready for `POST /auth/keys` or
 * `PUT /auth/recovery`. The code is never sent.
 */
async function newRecoveryLock(baseURL, fetchImpl, userId, rootKey) {
  const { code, normalized } = generateRecoveryCode();
  const { record, exportKey } = await registerSecret(normalized, async (request) =>
    (await post(baseURL, fetchImpl, '/auth/recovery/register/start', { registration_request: request })).registration_response);
  const envelope = await sealEnvelope({ kind: 'recovery', lockSecret: exportKey, userId, key: rootKey });
  return { recoveryCode: code, recovery: { registration_record: record, envelope } };
}

/**
 * After a sign-in (`login`): the account's root key. `envelopes` are login's (by kind, or the
 * server's list). With a `password` envelope, opens it with the export key (and the
 * `legacy-vault` envelope, if any, with the root key). Without one (an account older than the
 * root key, or made by another RFC 9807 client), makes a root key and stores it
 * (`POST /auth/keys`: the `password` envelope, and a `legacy-vault` envelope holding the vault
 * key of format 1 of this export key, so the account's old vault entries stay readable).
 * Resolves to `{rootKey, legacyVaultKey, created}` (`legacyVaultKey` 32 bytes or null; pass both
 * to vault.js `rememberRootKey`, and after `created` rewrite the old entries with
 * `rewriteLegacyEntries`). Throws FlowstaAuthError: `invalid_envelope` (an envelope that does
 * not open with this export key), `reauthentication_required` (more than 5 minutes after the
 * sign-in), `root_key_exists` (another client stored one meanwhile: sign in again), and the
 * usual network and server errors.
 */
export async function openOrCreateRootKey({ user, exportKey, envelopes, baseURL = '', fetch = globalThis.fetch }) {
  const userId = userIdOf(user);
  const sealed = envelopeOf(envelopes, 'password');
  if (sealed !== null) {
    const rootKey = await open('password', exportKey, userId, sealed);
    const legacy = envelopeOf(envelopes, 'legacy-vault');
    const legacyVaultKey = legacy === null ? null : await open('legacy-vault', rootKey, userId, legacy);
    return { rootKey, legacyVaultKey, created: false };
  }
  const rootKey = generateRootKey();
  let legacyVaultKey;
  let list;
  try {
    legacyVaultKey = await legacyVaultKeyBytes(exportKey);
    list = [
      { kind: 'password', envelope: await sealEnvelope({ kind: 'password', lockSecret: exportKey, userId, key: rootKey }) },
      { kind: 'legacy-vault', envelope: await sealEnvelope({ kind: 'legacy-vault', lockSecret: rootKey, userId, key: legacyVaultKey }) },
    ];
  } catch (error) {
    throw keyError(error);
  }
  await post(baseURL, fetch, '/auth/keys', { envelopes: list });
  return { rootKey, legacyVaultKey, created: true };
}

/**
 * Right after sign-up (`register`, then `login`): makes the account's root key and its recovery
 * code, registers the code as the account's recovery record (`POST /auth/recovery/register/start`)
 * and stores the `password` and `recovery` envelopes (`POST /auth/keys`). Resolves to
 * `{rootKey, recoveryCode}`: `recoveryCode` as shown to the user (six groups of four), once.
 */
export async function setUpNewAccountKeys({ user, exportKey, baseURL = '', fetch = globalThis.fetch }) {
  const userId = userIdOf(user);
  const rootKey = generateRootKey();
  let password;
  try {
    password = await sealEnvelope({ kind: 'password', lockSecret: exportKey, userId, key: rootKey });
  } catch (error) {
    throw keyError(error);
  }
  const { recoveryCode, recovery } = await newRecoveryLock(baseURL, fetch, userId, rootKey);
  await post(baseURL, fetch, '/auth/keys', { envelopes: [{ kind: 'password', envelope: password }], recovery });
  return { rootKey, recoveryCode };
}

/**
 * A fresh sign-in for a change that needs one (the server asks for a sign-in within 5 minutes),
 * with the root key opened (or made, for an account without one). The fresh sign-in's session
 * replaces this browser's previous one, which is ended (best effort) so it does not linger in
 * the account's session list. Resolves to login's result with `rootKey`, `legacyVaultKey` and
 * `created` (see `openOrCreateRootKey`).
 */
async function freshSignIn({ username, password, secondFactor, baseURL, fetch: fetchImpl }) {
  let previous = null;
  try {
    const { items } = await send(baseURL, fetchImpl, 'GET', '/auth/sessions');
    previous = Array.isArray(items) ? items.find((item) => item?.current === true)?.id ?? null : null;
  } catch {
    // Not signed in, or the list is unavailable: nothing to end.
  }
  const signedIn = await login({ username, password, secondFactor, baseURL, fetch: fetchImpl });
  const keys = await openOrCreateRootKey({ ...signedIn, baseURL, fetch: fetchImpl });
  if (typeof previous === 'string' && previous !== '') {
    await send(baseURL, fetchImpl, 'DELETE', `/auth/sessions/${encodeURIComponent(previous)}`).catch(() => {});
  }
  return { ...signedIn, ...keys };
}

/**
 * Changes the signed-in user's password and keeps everything: signs in again with
 * `currentPassword` (a wrong one fails with `invalid_credentials`), opens the root key,
 * registers `newPassword` (`POST /auth/opaque/register/start` with the session) and stores the
 * new record with the root key re-sealed under the new export key in one request
 * (`POST /auth/password`; the server ends the user's other sessions). Resolves to
 * `{user, rootKey, legacyVaultKey, created}`; the vault and analytics ids stay the same.
 */
export async function changePassword({ username, currentPassword, newPassword, secondFactor, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ username, currentPassword, newPassword });
  const signedIn = await freshSignIn({ username, password: currentPassword, secondFactor, baseURL, fetch });
  const userId = userIdOf(signedIn.user);
  const { record, exportKey } = await registerSecret(newPassword, async (request) =>
    (await post(baseURL, fetch, '/auth/opaque/register/start', { username, registration_request: request })).registration_response);
  const envelope = await sealEnvelope({ kind: 'password', lockSecret: exportKey, userId, key: signedIn.rootKey });
  const { user } = await post(baseURL, fetch, '/auth/password', { registration_record: record, envelope });
  return { user, rootKey: signedIn.rootKey, legacyVaultKey: signedIn.legacyVaultKey, created: signedIn.created };
}

/**
 * Makes a new recovery code for the signed-in user (the old one stops working): signs in again
 * with `password`, opens the root key, registers the new code and stores its envelope
 * (`PUT /auth/recovery`). Resolves to `{recoveryCode, rootKey, legacyVaultKey, created}`;
 * `recoveryCode` is shown to the user once.
 */
export async function makeNewRecoveryCode({ username, password, secondFactor, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ username, password });
  const signedIn = await freshSignIn({ username, password, secondFactor, baseURL, fetch });
  const { recoveryCode, recovery } = await newRecoveryLock(baseURL, fetch, userIdOf(signedIn.user), signedIn.rootKey);
  await send(baseURL, fetch, 'PUT', '/auth/recovery', recovery);
  return { recoveryCode, rootKey: signedIn.rootKey, legacyVaultKey: signedIn.legacyVaultKey, created: signedIn.created };
}

/**
 * "Forgot password" with the recovery code: signs in to the account's recovery record with
 * `code` (typed as the user likes: spaces, hyphens and case do not matter; the code itself is
 * never sent), opens the root key from the recovery envelope, registers `newPassword` and
 * stores the root key sealed under it (`/auth/recovery/start`, `/finish`, `/complete`). The
 * server signs the user in (every other session ends). Resolves to
 * `{user, rootKey, legacyVaultKey}`: nothing is lost. Throws FlowstaAuthError
 * `invalid_recovery_code` before any request when `code` is not a recovery code, and
 * `invalid_credentials` for a wrong code or username.
 */
export async function recoverWithCode({ username, code, newPassword, secondFactor, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ username, newPassword });
  const normalized = normalizeRecoveryCode(code);
  if (normalized === null) throw keyError(new RootKeyError('invalid_recovery_code'));
  const client = new OpaqueClient();
  const { ke1, state } = await client.startLogin(normalized);
  const start = await post(baseURL, fetch, '/auth/recovery/start', { username, ke1: toBase64Url(ke1) });
  if (typeof start.login_id !== 'string') throw new FlowstaAuthError('invalid_response', 'The server sent no login_id.');
  const ke2 = field(start, 'ke2');
  let finished;
  try {
    finished = await client.finishLogin(state, ke2);
  } catch (error) {
    const mapped = protocolError(error);
    throw mapped.code === 'invalid_credentials'
      ? new FlowstaAuthError('invalid_credentials', 'Wrong username or recovery code.') : mapped;
  }
  const registration = new OpaqueClient();
  const { request, state: registrationState } = await registration.startRegistration(newPassword);
  const proof = await post(baseURL, fetch, '/auth/recovery/finish', {
    login_id: start.login_id, ke3: toBase64Url(finished.ke3), registration_request: toBase64Url(request),
  });
  if (typeof proof.recovery_token !== 'string') throw new FlowstaAuthError('invalid_response', 'The server sent no recovery_token.');
  const userId = userIdOf(proof.user_id);
  const sealed = envelopeOf(proof.envelopes, 'recovery');
  if (sealed === null) throw new FlowstaAuthError('invalid_response', 'The server sent no recovery envelope.');
  const rootKey = await open('recovery', finished.exportKey, userId, sealed);
  const legacy = envelopeOf(proof.envelopes, 'legacy-vault');
  const legacyVaultKey = legacy === null ? null : await open('legacy-vault', rootKey, userId, legacy);
  const { record, exportKey } = await finishRegistration(registration, registrationState, proof.registration_response);
  const envelope = await sealEnvelope({ kind: 'password', lockSecret: exportKey, userId, key: rootKey });
  const complete = { recovery_token: proof.recovery_token, registration_record: record, envelope };
  if (proof.second_factor_required === true) complete.second_factor = await askSecondFactor(secondFactor, null);
  const { user } = await post(baseURL, fetch, '/auth/recovery/complete', complete);
  return { user, rootKey, legacyVaultKey };
}

/**
 * "Forgot password" without the recovery code: asks for a reset link to `email`
 * (`POST /auth/password-reset`). The server answers the same whether or not the address is an
 * account's verified one; resolves to `{}`.
 */
export async function requestPasswordReset({ email, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ email });
  return post(baseURL, fetch, '/auth/password-reset', { email });
}

/**
 * Follows a reset link (`token`, from the link's fragment): sets `newPassword` with a **new**
 * root key and a new recovery code (`/auth/password-reset/start`, `/complete`). The vault
 * history under the old root key is deleted by the server (nobody can read it any more); the
 * user is signed in. Resolves to `{user, rootKey, recoveryCode}`; show `recoveryCode` once.
 * Throws FlowstaAuthError `invalid_token` for an unknown, used or expired link.
 */
export async function resetPassword({ token, newPassword, secondFactor, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ token, newPassword });
  const rootKey = generateRootKey();
  const { code, normalized } = generateRecoveryCode();
  const passwordClient = new OpaqueClient();
  const recoveryClient = new OpaqueClient();
  const passwordStart = await passwordClient.startRegistration(newPassword);
  const recoveryStart = await recoveryClient.startRegistration(normalized);
  const start = await post(baseURL, fetch, '/auth/password-reset/start', {
    token, registration_request: toBase64Url(passwordStart.request), recovery_registration_request: toBase64Url(recoveryStart.request),
  });
  const userId = userIdOf(start.user_id);
  const password = await finishRegistration(passwordClient, passwordStart.state, start.registration_response);
  const recovery = await finishRegistration(recoveryClient, recoveryStart.state, start.recovery_registration_response);
  const complete = {
    token,
    registration_record: password.record,
    envelope: await sealEnvelope({ kind: 'password', lockSecret: password.exportKey, userId, key: rootKey }),
    recovery: {
      registration_record: recovery.record,
      envelope: await sealEnvelope({ kind: 'recovery', lockSecret: recovery.exportKey, userId, key: rootKey }),
    },
  };
  if (start.second_factor_required === true) complete.second_factor = await askSecondFactor(secondFactor, null);
  const { user } = await post(baseURL, fetch, '/auth/password-reset/complete', complete);
  return { user, rootKey, recoveryCode: code };
}

// ---------------------------------------------------------------------------------------------
// Email and sessions

/**
 * Follows a verification link (`token`, from the link's fragment): `POST /auth/email/verify`.
 * Resolves to `{user}` (`user.email_verified` true). Throws FlowstaAuthError `invalid_token`
 * (unknown, used or expired, or the address changed since) or `email_in_use`.
 */
export async function verifyEmail({ token, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ token });
  return post(baseURL, fetch, '/auth/email/verify', { token });
}

/**
 * Sends the signed-in user's address a new verification link (`POST /auth/email/verification`).
 * Resolves to `{}`; throws FlowstaAuthError `nothing_to_verify` (no address, or verified
 * already), `email_in_use`, `rate_limited`.
 */
export async function resendVerification({ baseURL = '', fetch = globalThis.fetch } = {}) {
  return post(baseURL, fetch, '/auth/email/verification');
}

/**
 * The signed-in user's sessions, newest first: `[{id, created_on, expires_at, current}]`
 * (`created_on` the UTC day "YYYY-MM-DD" the session began; `current` this browser's).
 */
export async function listSessions({ baseURL = '', fetch = globalThis.fetch } = {}) {
  const { items } = await send(baseURL, fetch, 'GET', '/auth/sessions');
  if (!Array.isArray(items)) throw new FlowstaAuthError('invalid_response', 'The server sent no list of sessions.');
  return items;
}

/** Signs one of the user's sessions out (`DELETE /auth/sessions/{id}`); resolves to `{}`. */
export async function endSession(id, { baseURL = '', fetch = globalThis.fetch } = {}) {
  requireStrings({ id });
  return send(baseURL, fetch, 'DELETE', `/auth/sessions/${encodeURIComponent(id)}`);
}

/** Signs every session of the user but this one out (`DELETE /auth/sessions`); resolves to `{}`. */
export async function endOtherSessions({ baseURL = '', fetch = globalThis.fetch } = {}) {
  return send(baseURL, fetch, 'DELETE', '/auth/sessions');
}

// ---------------------------------------------------------------------------------------------
// Second factors

/** The account's second factors: `{totp: {enabled, pending, confirmed_at}, backup_codes_left}`. */
export async function secondFactorStatus({ baseURL = '', fetch = globalThis.fetch } = {}) {
  return send(baseURL, fetch, 'GET', '/auth/second-factors');
}

/**
 * Starts setting up an authenticator app after a fresh sign-in with `password` (and, for an
 * account that has one already being replaced, never: remove it first). Resolves to
 * `{secret, otpauth_uri, qr_svg}`: show the QR code (an SVG document the server drew) and the
 * secret; nothing changes until `confirmTOTP` with a first code.
 */
export async function startTOTP({ username, password, secondFactor, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ username, password });
  await freshSignIn({ username, password, secondFactor, baseURL, fetch });
  return post(baseURL, fetch, '/auth/totp', {});
}

/** Confirms the authenticator with its first `code`; resolves to `{backup_codes}` (show them once). */
export async function confirmTOTP({ code, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ code });
  return post(baseURL, fetch, '/auth/totp/confirm', { code: code.replace(/\s+/g, '') });
}

/** Removes the authenticator and the backup codes, after a fresh sign-in (password and a code). */
export async function removeTOTP({ username, password, secondFactor, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ username, password });
  await freshSignIn({ username, password, secondFactor, baseURL, fetch });
  return send(baseURL, fetch, 'DELETE', '/auth/totp');
}

/** New backup codes (the old ones stop working), after a fresh sign-in; resolves to `{backup_codes}`. */
export async function newBackupCodes({ username, password, secondFactor, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ username, password });
  await freshSignIn({ username, password, secondFactor, baseURL, fetch });
  return post(baseURL, fetch, '/auth/backup-codes', {});
}

// ---------------------------------------------------------------------------------------------
// Passkeys (docs/api/accounts.md#passkeys)

/** WebAuthn errors as FlowstaAuthErrors: `passkey_cancelled` (the user said no, or it timed out), else `passkey_failed`. */
function webAuthnError(error) {
  if (error instanceof FlowstaAuthError) return error;
  if (error?.name === 'NotAllowedError' || error?.name === 'AbortError') {
    return new FlowstaAuthError('passkey_cancelled', 'The passkey was not used: it was cancelled or timed out.');
  }
  if (error?.name === 'InvalidStateError') {
    return new FlowstaAuthError('passkey_exists', 'This device already holds a passkey for your account.');
  }
  return new FlowstaAuthError('passkey_failed', 'The passkey could not be used in this browser.');
}

/** `navigator.credentials.get()` for the server's options (`{ceremony_id, public_key}`). */
async function getCredential(credentials, options) {
  if (!credentials?.get) throw new FlowstaAuthError('passkey_failed', 'This browser has no passkeys.');
  try {
    return await credentials.get({ publicKey: requestOptions(options?.public_key) });
  } catch (error) {
    throw webAuthnError(error);
  }
}

/** The PRF output of the passkey `credentialId` (bytes) for Flowsta's input, from a local `get()` (no server round trip), or null. */
async function localPRF(credentials, credentialId, prfInput, rpId) {
  try {
    const credential = await credentials.get({
      publicKey: {
        challenge: crypto.getRandomValues(new Uint8Array(32)), rpId, userVerification: 'required',
        allowCredentials: [{ type: 'public-key', id: credentialId }], extensions: { prf: { eval: { first: prfInput } } },
      },
    });
    return prfResult(credential).output;
  } catch {
    return null;
  }
}

/**
 * Adds a passkey to the signed-in user's account: a fresh sign-in with `password` (and the second
 * factor, if the account has one) opens the root key; the browser makes a discoverable passkey;
 * when its authenticator has the PRF extension, the root key is sealed under the PRF output
 * (asked for once more with a local `get()` when the registration gave none) and sent with it,
 * so this passkey alone opens the vault. Resolves to `{passkey, opensRootKey}` (`passkey` as
 * `GET /auth/passkeys` lists it).
 */
export async function addPasskey({
  username, password, secondFactor, name, baseURL = '', fetch = globalThis.fetch, credentials = globalThis.navigator?.credentials,
}) {
  requireStrings({ username, password, name });
  if (!credentials?.create) throw new FlowstaAuthError('passkey_failed', 'This browser has no passkeys.');
  const signedIn = await freshSignIn({ username, password, secondFactor, baseURL, fetch });
  const options = await post(baseURL, fetch, '/auth/passkeys/register/start', {});
  const publicKey = creationOptions(options.public_key);
  let credential;
  try {
    credential = await credentials.create({ publicKey });
  } catch (error) {
    throw webAuthnError(error);
  }
  const prf = prfResult(credential);
  let output = prf.output;
  if (!output && prf.enabled && publicKey.extensions.prf) {
    output = await localPRF(credentials, new Uint8Array(credential.rawId), publicKey.extensions.prf.eval.first, publicKey.rp?.id);
  }
  const body = { ceremony_id: options.ceremony_id, name, credential: credentialJSON(credential) };
  if (output && signedIn.rootKey) {
    body.root_key_envelope = await sealEnvelope({ kind: 'passkey', lockSecret: output, userId: userIdOf(signedIn.user), key: signedIn.rootKey });
  }
  const passkey = await post(baseURL, fetch, '/auth/passkeys/register/finish', body);
  return { passkey, opensRootKey: passkey?.opens_root_key === true };
}

/**
 * Signs in with a passkey alone (no username: the authenticator offers the user's passkeys).
 * Resolves to `{user, passkeyId, rootKey, legacyVaultKey, prf}`: `rootKey` when the passkey has
 * an envelope and the authenticator gave its PRF output, else null — then open it with
 * `unlockRootKey` and give the passkey its envelope with `givePasskeyEnvelope({prf, …})`. `prf`
 * (or null) stays in the page, for that. Throws FlowstaAuthError `passkey_cancelled`,
 * `invalid_credentials` (a passkey this server does not know), `invalid_envelope`.
 */
export async function signInWithPasskey({ baseURL = '', fetch = globalThis.fetch, credentials = globalThis.navigator?.credentials } = {}) {
  const options = await post(baseURL, fetch, '/auth/passkeys/login/start', {});
  const credential = await getCredential(credentials, options);
  const body = await post(baseURL, fetch, '/auth/passkeys/login/finish', {
    ceremony_id: options.ceremony_id, credential: credentialJSON(credential),
  });
  const userId = userIdOf(body.user);
  const prf = prfResult(credential).output;
  const sealed = envelopeOf(body.envelopes, 'passkey');
  const rootKey = sealed !== null && prf ? await open('passkey', prf, userId, sealed) : null;
  const legacy = envelopeOf(body.envelopes, 'legacy-vault');
  const legacyVaultKey = rootKey && legacy !== null ? await open('legacy-vault', rootKey, userId, legacy) : null;
  return { user: body.user, passkeyId: body.passkey_id ?? null, rootKey, legacyVaultKey, prf, envelopes: envelopeMap(body.envelopes) };
}

/**
 * Opens the root key within the current session with the password (`lock: 'password'`) or the
 * recovery code (`lock: 'recovery'`, typed as the user likes): an OPAQUE exchange with the
 * user's own record that opens no new session (`POST /auth/keys/unlock/start`, `/finish`).
 * Resolves to `{rootKey, legacyVaultKey}`. Throws `invalid_credentials` for a wrong secret.
 */
export async function unlockRootKey({ user, lock, secret, envelopes = {}, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ secret });
  if (lock !== 'password' && lock !== 'recovery') throw new TypeError('lock: expected password or recovery');
  const userId = userIdOf(user);
  const typed = lock === 'recovery' ? normalizeRecoveryCode(secret) : secret;
  if (typed === null) throw keyError(new RootKeyError('invalid_recovery_code'));
  const client = new OpaqueClient();
  const { ke1, state } = await client.startLogin(typed);
  const start = await post(baseURL, fetch, '/auth/keys/unlock/start', { lock, ke1: toBase64Url(ke1) });
  if (typeof start.unlock_id !== 'string') throw new FlowstaAuthError('invalid_response', 'The server sent no unlock_id.');
  let finished;
  try {
    finished = await client.finishLogin(state, field(start, 'ke2'));
  } catch (error) {
    throw protocolError(error);
  }
  const answer = await post(baseURL, fetch, '/auth/keys/unlock/finish', { lock, unlock_id: start.unlock_id, ke3: toBase64Url(finished.ke3) });
  const sealed = envelopeOf(answer.envelopes, lock);
  if (sealed === null) throw new FlowstaAuthError('invalid_response', 'The server sent no envelope.');
  const rootKey = await open(lock, finished.exportKey, userId, sealed);
  const legacy = envelopeOf(envelopes, 'legacy-vault');
  const legacyVaultKey = legacy === null ? null : await open('legacy-vault', rootKey, userId, legacy);
  return { rootKey, legacyVaultKey };
}

/** Gives the passkey `passkeyId` its envelope: `rootKey` sealed under `prf` (`PUT /auth/passkeys/{id}/envelope`). */
export async function givePasskeyEnvelope({ user, passkeyId, prf, rootKey, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ passkeyId });
  const envelope = await sealEnvelope({ kind: 'passkey', lockSecret: prf, userId: userIdOf(user), key: rootKey });
  return send(baseURL, fetch, 'PUT', `/auth/passkeys/${encodeURIComponent(passkeyId)}/envelope`, { envelope });
}

/** The user's passkeys: `{passkeys: [{id, name, created_at, synced, opens_root_key}]}`. */
export async function listPasskeys({ baseURL = '', fetch = globalThis.fetch } = {}) {
  return send(baseURL, fetch, 'GET', '/auth/passkeys');
}

/** Renames a passkey; resolves to it. */
export async function renamePasskey({ id, name, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ id, name });
  return send(baseURL, fetch, 'PATCH', `/auth/passkeys/${encodeURIComponent(id)}`, { name });
}

/** Removes a passkey after a fresh sign-in (password, and the second factor if on). */
export async function removePasskey({ username, password, secondFactor, id, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ username, password, id });
  await freshSignIn({ username, password, secondFactor, baseURL, fetch });
  return send(baseURL, fetch, 'DELETE', `/auth/passkeys/${encodeURIComponent(id)}`);
}

// ---------------------------------------------------------------------------------------------
// The signing key

/**
 * Makes sure the account has a signing key (signing-key.js): derives the root key's and, when
 * the account has no DID yet (`user.did` null), registers it with its proof of possession
 * (`POST /auth/signing-keys/challenge`, `POST /auth/signing-keys`). An account whose DID is
 * another key's (registered by another client) keeps it. Resolves to `{key, registered}`:
 * `key` is `{privateKey, publicKey, did}`; `registered` whether this call registered it.
 */
export async function ensureSigningKey({ user, rootKey, baseURL = '', fetch = globalThis.fetch }) {
  const key = await signingKeyOf(rootKey);
  if (user?.did) return { key, registered: false };
  const issued = await post(baseURL, fetch, '/auth/signing-keys/challenge', {});
  requireStrings({ challenge_id: issued.challenge_id });
  const signature = await sign(key.privateKey, proofMessage(key.did, field(issued, 'challenge')));
  await post(baseURL, fetch, '/auth/signing-keys', {
    challenge_id: issued.challenge_id, public_key: toBase64Url(key.publicKey), signature: toBase64Url(signature),
  });
  return { key, registered: true };
}

/** The account's signing keys: `{signing_keys: [{did, public_key, created_at, revoked_at}]}`, newest first. */
export async function listSigningKeys({ baseURL = '', fetch = globalThis.fetch } = {}) {
  return send(baseURL, fetch, 'GET', '/auth/signing-keys');
}

// ---------------------------------------------------------------------------------------------
// Sign It

/** A signing request as the approval page shows it (`GET /auth/sign-it/requests/{id}`). */
export async function signRequest(id, { baseURL = '', fetch = globalThis.fetch } = {}) {
  requireStrings({ id });
  return send(baseURL, fetch, 'GET', `/auth/sign-it/requests/${encodeURIComponent(id)}`);
}

/**
 * Approves a request: each file's statement at the request's `signed_at` is signed with `key`
 * (signing-key.js `signingKeyOf`, held in this browser) and the signatures are sent. Resolves
 * to `{status, results, redirect_to}`.
 */
export async function approveSignRequest({ request, key, remember = false, baseURL = '', fetch = globalThis.fetch }) {
  const signatures = await signFiles(key, request.files, request.signed_at);
  return post(baseURL, fetch, `/auth/sign-it/requests/${encodeURIComponent(request.request_id)}/approve`, {
    signed_at: request.signed_at, signatures: signatures.map(toBase64Url), remember,
  });
}

/** Denies a request; resolves to `{status, results, redirect_to}`. */
export async function denySignRequest(id, { baseURL = '', fetch = globalThis.fetch } = {}) {
  requireStrings({ id });
  return post(baseURL, fetch, `/auth/sign-it/requests/${encodeURIComponent(id)}/deny`, {});
}

/** The user's signatures, newest first (`before`: a `created_at` to page back from). */
export async function listSignatures({ before, baseURL = '', fetch = globalThis.fetch } = {}) {
  return send(baseURL, fetch, 'GET', `/auth/sign-it/signatures${before ? `?before=${encodeURIComponent(before)}` : ''}`);
}

/** Revokes one of the user's signatures, with an optional reason shown to everyone who verifies it. */
export async function revokeSignature({ id, reason, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ id });
  return post(baseURL, fetch, `/auth/sign-it/signatures/${encodeURIComponent(id)}/revoke`, reason ? { reason } : {});
}

/** The apps whose requests are signed without asking: `{apps: [{app_id, name, since}]}`. */
export async function listRememberedSignApps({ baseURL = '', fetch = globalThis.fetch } = {}) {
  return send(baseURL, fetch, 'GET', '/auth/sign-it/remembered');
}

/** Asks again for every request of the app. */
export async function forgetSignApp(appId, { baseURL = '', fetch = globalThis.fetch } = {}) {
  requireStrings({ appId });
  return send(baseURL, fetch, 'DELETE', `/auth/sign-it/remembered/${encodeURIComponent(appId)}`);
}

// ---------------------------------------------------------------------------------------------
// Device keys

/**
 * Approves a desktop agent's key with the code it shows, after a fresh sign-in (password, and
 * the second factor if on): the agent may then sign in without a password. Resolves to the
 * device `{id, name, did, created_at, last_used_at}`.
 */
export async function approveDevice({ username, password, secondFactor, userCode, baseURL = '', fetch = globalThis.fetch }) {
  requireStrings({ username, password, userCode });
  await freshSignIn({ username, password, secondFactor, baseURL, fetch });
  return post(baseURL, fetch, '/auth/device-keys/approve', { user_code: userCode });
}

/** The account's devices: `{device_keys: [{id, name, did, created_at, last_used_at}]}`. */
export async function listDevices({ baseURL = '', fetch = globalThis.fetch } = {}) {
  return send(baseURL, fetch, 'GET', '/auth/device-keys');
}

/** Removes a device: its key no longer signs in. */
export async function removeDevice(id, { baseURL = '', fetch = globalThis.fetch } = {}) {
  requireStrings({ id });
  return send(baseURL, fetch, 'DELETE', `/auth/device-keys/${encodeURIComponent(id)}`);
}
