/**
 * Flowsta sign-up and sign-in for the browser: OPAQUE-3DH (RFC 9807) against the server's JSON
 * endpoints (DESIGN §4). The password never leaves the page; neither does the export key.
 * Byte fields travel as base64url without padding. Creating an account also solves the server's
 * sign-up proof of work (signup-proof.js).
 */

import { fromBase64Url, toBase64Url } from './bytes.js';
import { OpaqueClient } from './opaque.js';
import { MAX_DIFFICULTY, solveSignupProof } from './signup-proof.js';

/** A failed Flowsta call; `code` is the server's `error` or a client-side code, `description` is human-readable. */
export class FlowstaAuthError extends Error {
  /** `status` is the HTTP status, or 0 when the failure happened in the client. */
  constructor(code, description, status = 0) {
    super(description);
    this.name = 'FlowstaAuthError';
    this.code = code;
    this.description = description;
    this.status = status;
  }
}

/**
 * Sends a request to `path` (JSON `body` for a POST) and returns the parsed JSON body of a 2xx
 * answer; throws FlowstaAuthError otherwise.
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
    );
  }
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
 * Resolves to `{user, exportKey}`. A wrong password fails here with `invalid_credentials`
 * before KE3 is sent.
 */
export async function login({ username, password, baseURL = '', fetch = globalThis.fetch }) {
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
  const { user } = await post(baseURL, fetch, '/auth/opaque/login/finish', {
    login_id: start.login_id, ke3: toBase64Url(finished.ke3),
  });
  return { user, exportKey: finished.exportKey };
}
