/**
 * An in-process stand-in for the Flowsta server's account API, exposed as `fetch` functions, for
 * end-to-end tests of flowsta-auth.js and the hosted pages: OPAQUE registration and login
 * (DESIGN §4) with the sign-up proof of work (`GET /auth/signup-challenge`, checked in
 * register/finish with node:crypto's SHA-256, independently of Public/js/signup-proof.js), and
 * the root key's API (docs/keys.md; Sources/FlowstaAPI/AccountController+Keys.swift): key
 * envelopes (`/auth/keys`), the recovery record and its OPAQUE sign-in (`/auth/recovery…`),
 * password change (`/auth/password`), reset links (`/auth/password-reset…`), email verification
 * (`/auth/email/…`) and sessions (`/auth/sessions`).
 *
 * Every OPAQUE step is checked for real, with the server side of opaque-server-for-tests.mjs: a
 * KE3 that does not verify is `invalid_credentials`, and a record only signs in with the secret
 * it was registered with (the password, or the recovery code under `recovery:<user id>`). The
 * server cannot open envelopes (it has no lock secret); it checks what the real one checks:
 * 61 bytes of base64url starting with 0x01. Like the real server, it wants a sign-in within the
 * last 5 minutes (`freshSignInMs`, by `now()`) for key changes, and `Content-Type:
 * application/json` on every request that is not a GET (else 403 cross_site_request).
 *
 * Cookies: each "browser" (`newBrowser()`; `fetch` is the first one's) has its own session
 * cookie, set by a sign-in, a recovery or a reset. Mail goes to `outbox` (`{to, kind, token}`).
 * With `vault` (a fake-vault.mjs state), a reset deletes its entries, as the real one deletes
 * the user's vault. It records every request it receives in `requests`.
 */

import { createHash, randomBytes } from 'node:crypto';
import { createTestServer } from './opaque-server-for-tests.mjs';

/** Leading zero bits of SHA-256("flowsta-signup-v1:" challenge ":" username ":" nonce). */
export function signupProofBits(challenge, usernameNormalized, nonce) {
  const digest = createHash('sha256').update(`flowsta-signup-v1:${challenge}:${usernameNormalized}:${nonce}`, 'utf8').digest();
  let bits = 0;
  for (const byte of digest) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

const ENVELOPE_BYTES = 61;
const KINDS = ['password', 'recovery', 'legacy-vault'];

/**
 * Creates the fake server: `{fetch, newBrowser, requests, challenges, accounts, outbox, sessions}`.
 * New accounts need a proof at `signupDifficulty` bits (0 turns it off); challenges live
 * `challengeLifetimeMs` by `now()` and are not single-use (the real server keeps no state
 * either). `accounts` maps the normalized username to `{user, record, keys, email, emailVerified}`
 * (`keys`: null, or `{envelopes: {password, legacy-vault?}, recovery: {record, envelope} | null}`).
 */
export function createFakeFlowsta(lib, {
  signupDifficulty = 8, challengeLifetimeMs = 10 * 60 * 1000, now = Date.now, freshSignInMs = 5 * 60 * 1000, vault = null,
} = {}) {
  const { bytes, group, primitives: P } = lib;
  const fakeRecord = bytes.concat(
    group.scalarMultBase(group.randomScalar()), bytes.randomBytes(P.NH), new Uint8Array(P.ENVELOPE_LENGTH),
  );
  const server = createTestServer(lib, { oprfSeed: bytes.randomBytes(P.NH), serverPrivateKey: group.randomScalar(), fakeRecord });
  const accounts = new Map(); // normalized username -> account
  const logins = new Map(); // login_id -> {state, account, purpose}
  const sessions = new Map(); // cookie -> {id, account, createdAt, signedInAt}
  const tokens = new Map(); // `${purpose}:${token}` -> {account, purpose, expiresAt}
  const outbox = [];
  const requests = [];
  let nextId = 1;

  const reply = (status, body) => ({
    ok: status >= 200 && status < 300,
    status,
    json: async () => {
      if (body === undefined) throw new SyntaxError('Unexpected end of JSON input');
      return body;
    },
  });
  const failure = (status, error, description) => reply(status, { error, error_description: description });
  const invalid = (description) => failure(400, 'invalid_request', description);
  // Credential identifiers: the normalized (lowercased) username (DESIGN §4), and the recovery record's.
  const identifier = (username) => bytes.utf8(username.toLowerCase());
  const recoveryIdentifier = (account) => bytes.utf8(`recovery:${account.user.id}`);
  const newToken = () => randomBytes(32).toString('base64url');

  /** Strict base64url of `length` bytes (any length when null), or null. */
  function decode(value, length = null) {
    try {
      const decoded = bytes.fromBase64Url(value);
      return length === null || decoded.length === length ? decoded : null;
    } catch {
      return null;
    }
  }
  const validEnvelope = (value) => decode(value, ENVELOPE_BYTES)?.[0] === 1;
  const validRecord = (value) => decode(value, P.RECORD_LENGTH) !== null;

  // challenge -> {difficulty, expiresAt}
  const challenges = new Map();
  const difficulty = signupDifficulty;

  /** The error of a register/finish that creates an account, or null when its proof holds. */
  function proofError(proof, key) {
    if (difficulty === 0) return null;
    if (proof === undefined || proof === null) return failure(400, 'signup_proof_required', 'A new account needs signup_proof.');
    const issued = typeof proof.challenge === 'string' ? challenges.get(proof.challenge) : undefined;
    const valid = issued !== undefined && now() <= issued.expiresAt && issued.difficulty >= difficulty
      && typeof proof.nonce === 'string' && /^[0-9]{1,20}$/.test(proof.nonce)
      && signupProofBits(proof.challenge, key, proof.nonce) >= issued.difficulty;
    return valid ? null : failure(400, 'invalid_signup_proof', 'signup_proof does not solve a current challenge for this username.');
  }

  /** The `user` object of every account response. */
  const userDTO = (account) => ({ ...account.user, email: account.email, email_verified: account.emailVerified });

  /** The envelopes a password sign-in can open, as the server lists them (sorted by kind). */
  function signInEnvelopes(account) {
    const envelopes = account.keys?.envelopes ?? {};
    return Object.keys(envelopes).sort().map((kind) => ({ kind, envelope: envelopes[kind] }));
  }

  /** Opens a session for `account` in `jar` (the browser's cookie). */
  function signIn(jar, account) {
    const cookie = newToken();
    const at = now();
    sessions.set(cookie, { id: `s-${nextId++}-${randomBytes(8).toString('hex')}`, account, createdAt: at, signedInAt: at });
    jar.cookie = cookie;
  }

  /** Ends every session of `account` but `keep` (a cookie). */
  function endSessions(account, keep = null) {
    for (const [cookie, session] of sessions) if (session.account === account && cookie !== keep) sessions.delete(cookie);
  }

  /** A mail with a single-use token of `purpose` for `account`. */
  function mail(account, purpose, lifetimeMs) {
    const token = newToken();
    tokens.set(`${purpose}:${token}`, { account, purpose, expiresAt: now() + lifetimeMs });
    outbox.push({ to: account.email, kind: purpose, token });
    return token;
  }

  /** The token's record (used up when `use`), or null when unknown, used or expired. */
  function token(purpose, value, { use = false } = {}) {
    const key = `${purpose}:${value}`;
    const found = typeof value === 'string' ? tokens.get(key) : undefined;
    if (!found || found.expiresAt < now()) return null;
    if (use) tokens.delete(key);
    return found;
  }

  const invalidToken = () => failure(400, 'invalid_token', 'The token or link is unknown, used or expired: start again.');
  const rootKeyExists = () => failure(409, 'root_key_exists', 'This account has a root key already.');

  /** 401 without a session, 403 without a sign-in within `freshSignInMs`; null when signed in (and fresh). */
  function refused(session, { fresh = false } = {}) {
    if (!session) return failure(401, 'unauthorized', 'Sign in first: no valid session.');
    if (fresh && now() - session.signedInAt > freshSignInMs) {
      return failure(403, 'reauthentication_required', 'This needs a fresh sign-in.');
    }
    return null;
  }

  /** KE2 for `record` (or the fake record) and a login id of `purpose` ('password' or 'recovery'). */
  async function startLogin(ke1, record, credentialIdentifier, account, purpose) {
    const { ke2, state } = await server.startLogin(ke1, record, credentialIdentifier);
    const loginId = `${purpose}-login-${nextId++}`;
    logins.set(loginId, { state, account, purpose });
    return reply(200, { login_id: loginId, ke2: bytes.toBase64Url(ke2) });
  }

  /** The login of `loginId` (used up) if its KE3 verifies, else null. */
  function finishLogin(loginId, ke3, purpose) {
    const login = logins.get(loginId);
    logins.delete(loginId);
    const mac = decode(ke3);
    if (!login?.account || login.purpose !== purpose || !mac) return null;
    try {
      server.finishLogin(login.state, mac);
      return login;
    } catch {
      return null;
    }
  }

  const routes = {
    async 'GET /auth/signup-challenge'() {
      const challenge = randomBytes(50).toString('base64url');
      const expiresAt = now() + challengeLifetimeMs;
      challenges.set(challenge, { difficulty, expiresAt });
      return reply(200, { challenge, difficulty, expires_at: new Date(expiresAt).toISOString() });
    },
    async 'POST /auth/opaque/register/start'({ body: { username, registration_request: request }, session }) {
      const existing = accounts.get(username.toLowerCase());
      if (existing && session?.account !== existing) return failure(409, 'username_taken', 'That username is taken.');
      if (existing && now() - session.signedInAt > freshSignInMs) return failure(403, 'reauthentication_required', 'This needs a fresh sign-in.');
      const response = await server.createRegistrationResponse(bytes.fromBase64Url(request), identifier(username));
      return reply(200, { registration_response: bytes.toBase64Url(response) });
    },
    async 'POST /auth/opaque/register/finish'({ body, session }) {
      const { username, registration_record: record, display_name: displayName, email, signup_proof: proof } = body;
      const key = username.toLowerCase();
      const existing = accounts.get(key);
      if (existing && session?.account === existing) {
        // A password change without the root key: only for accounts that have none.
        if (existing.keys) return failure(409, 'envelope_required', 'This account has a root key: use POST /auth/password.');
        existing.record = bytes.fromBase64Url(record);
        return reply(200, { user: userDTO(existing) });
      }
      if (existing) return failure(409, 'username_taken', 'That username is taken.');
      const refusedProof = proofError(proof, key);
      if (refusedProof) return refusedProof;
      const account = {
        user: { id: globalThis.crypto.randomUUID(), username: key, display_name: displayName ?? null, did: null, created_at: new Date(now()).toISOString() },
        record: bytes.fromBase64Url(record), keys: null, email: email ?? null, emailVerified: false,
      };
      accounts.set(key, account);
      if (account.email) mail(account, 'email_verification', 24 * 3600 * 1000);
      return reply(201, { user: userDTO(account) });
    },
    async 'POST /auth/opaque/login/start'({ body: { username, ke1 } }) {
      const account = accounts.get(username.toLowerCase());
      return startLogin(bytes.fromBase64Url(ke1), account?.record ?? null, identifier(username), account, 'password');
    },
    async 'POST /auth/opaque/login/finish'({ body: { login_id: loginId, ke3 }, jar }) {
      const login = finishLogin(loginId, ke3, 'password');
      if (!login) return failure(401, 'invalid_credentials', 'Wrong username or password.');
      signIn(jar, login.account);
      return reply(200, { user: userDTO(login.account), envelopes: signInEnvelopes(login.account) });
    },

    // The root key's envelopes.
    async 'GET /auth/keys'({ session }) {
      const no = refused(session);
      if (no) return no;
      const keys = session.account.keys;
      const kinds = keys ? [...Object.keys(keys.envelopes), ...(keys.recovery ? ['recovery'] : [])] : [];
      return reply(200, { kinds: KINDS.filter((kind) => kinds.includes(kind)) });
    },
    async 'POST /auth/keys'({ body, session }) {
      const no = refused(session, { fresh: true });
      if (no) return no;
      const list = Array.isArray(body?.envelopes) ? body.envelopes : null;
      if (!list || list.length > KINDS.length) return invalid('envelopes must be a list of at most 3 items');
      const envelopes = {};
      for (const item of list) {
        if (!KINDS.includes(item?.kind)) return invalid('envelopes[].kind must be one of: password, recovery, legacy-vault');
        if (item.kind in envelopes) return invalid(`envelopes has ${item.kind} twice`);
        if (item.kind === 'recovery') return invalid('the recovery envelope goes in recovery, with its registration_record');
        if (!validEnvelope(item.envelope)) return invalid(`${item.kind} envelope must be a sealed key envelope of format 1`);
        envelopes[item.kind] = item.envelope;
      }
      if (!envelopes.password) return invalid('envelopes must contain the password envelope');
      let recovery = null;
      if (body.recovery !== undefined && body.recovery !== null) {
        if (!validRecord(body.recovery.registration_record)) return invalid('recovery registration_record is not a registration record');
        if (!validEnvelope(body.recovery.envelope)) return invalid('recovery envelope must be a sealed key envelope of format 1');
        recovery = { record: bytes.fromBase64Url(body.recovery.registration_record), envelope: body.recovery.envelope };
      }
      if (session.account.keys) return rootKeyExists();
      session.account.keys = { envelopes, recovery };
      return routes['GET /auth/keys']({ session }).then((r) => ({ ...r, status: 201 }));
    },
    async 'POST /auth/recovery/register/start'({ body, session }) {
      const no = refused(session, { fresh: true });
      if (no) return no;
      const request = decode(body?.registration_request, P.NOE);
      if (!request) return invalid('registration_request is not a registration request');
      const response = await server.createRegistrationResponse(request, recoveryIdentifier(session.account));
      return reply(200, { registration_response: bytes.toBase64Url(response) });
    },
    async 'PUT /auth/recovery'({ body, session }) {
      const no = refused(session, { fresh: true });
      if (no) return no;
      if (!validRecord(body?.registration_record)) return invalid('registration_record is not a registration record');
      if (!validEnvelope(body?.envelope)) return invalid('recovery envelope must be a sealed key envelope of format 1');
      if (!session.account.keys) return failure(409, 'root_key_required', 'This account has no root key yet.');
      session.account.keys.recovery = { record: bytes.fromBase64Url(body.registration_record), envelope: body.envelope };
      return reply(204);
    },
    async 'POST /auth/password'({ body, session, jar }) {
      const no = refused(session, { fresh: true });
      if (no) return no;
      if (!validRecord(body?.registration_record)) return invalid('registration_record is not a registration record');
      const { account } = session;
      if (body.envelope !== undefined && body.envelope !== null && !validEnvelope(body.envelope)) return invalid('envelope must be a sealed key envelope');
      if (account.keys && !body.envelope) return failure(409, 'envelope_required', 'This account has a root key.');
      account.record = bytes.fromBase64Url(body.registration_record);
      if (body.envelope) account.keys.envelopes.password = body.envelope;
      endSessions(account, jar.cookie);
      return reply(200, { user: userDTO(account) });
    },

    // Forgotten password, with the recovery code.
    async 'POST /auth/recovery/start'({ body: { username, ke1 } }) {
      const account = accounts.get(String(username).toLowerCase());
      const lock = account?.keys?.recovery ?? null;
      const id = lock ? recoveryIdentifier(account) : bytes.utf8(`recovery:${String(username).toLowerCase()}`);
      return startLogin(bytes.fromBase64Url(ke1), lock?.record ?? null, id, lock ? account : null, 'recovery');
    },
    async 'POST /auth/recovery/finish'({ body }) {
      const request = decode(body?.registration_request, P.NOE);
      if (!request) return invalid('registration_request is not a registration request');
      const login = finishLogin(body.login_id, body.ke3, 'recovery');
      if (!login) return failure(401, 'invalid_credentials', 'The username or recovery code is incorrect.');
      const { account } = login;
      const recoveryToken = newToken();
      tokens.set(`recovery:${recoveryToken}`, { account, purpose: 'recovery', expiresAt: now() + 10 * 60 * 1000 });
      const response = await server.createRegistrationResponse(request, identifier(account.user.username));
      const envelopes = [{ kind: 'recovery', envelope: account.keys.recovery.envelope }];
      if (account.keys.envelopes['legacy-vault']) envelopes.unshift({ kind: 'legacy-vault', envelope: account.keys.envelopes['legacy-vault'] });
      return reply(200, {
        recovery_token: recoveryToken, registration_response: bytes.toBase64Url(response), user_id: account.user.id, envelopes,
      });
    },
    async 'POST /auth/recovery/complete'({ body, jar }) {
      if (!validRecord(body?.registration_record)) return invalid('registration_record is not a registration record');
      if (!validEnvelope(body?.envelope)) return invalid('envelope must be a sealed key envelope of format 1');
      const found = token('recovery', body.recovery_token, { use: true });
      if (!found) return invalidToken();
      const { account } = found;
      account.record = bytes.fromBase64Url(body.registration_record);
      account.keys.envelopes.password = body.envelope;
      endSessions(account);
      signIn(jar, account);
      return reply(200, { user: userDTO(account) });
    },

    // Forgotten password, without the code: a reset link to the verified address.
    async 'POST /auth/password-reset'({ body }) {
      if (typeof body?.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(body.email)) return invalid('email is not a valid email address');
      const account = [...accounts.values()].find((a) => a.emailVerified && a.email?.toLowerCase() === body.email.toLowerCase());
      if (account) mail(account, 'reset', 30 * 60 * 1000);
      return reply(202, {});
    },
    async 'POST /auth/password-reset/start'({ body }) {
      const found = token('reset', body?.token);
      if (!found) return invalidToken();
      const request = decode(body.registration_request, P.NOE);
      const recoveryRequest = body.recovery_registration_request == null ? null : decode(body.recovery_registration_request, P.NOE);
      if (!request || (body.recovery_registration_request != null && !recoveryRequest)) {
        return invalid('registration_request is not a registration request');
      }
      const { account } = found;
      return reply(200, {
        registration_response: bytes.toBase64Url(await server.createRegistrationResponse(request, identifier(account.user.username))),
        recovery_registration_response: recoveryRequest
          ? bytes.toBase64Url(await server.createRegistrationResponse(recoveryRequest, recoveryIdentifier(account))) : null,
        user_id: account.user.id, username: account.user.username,
      });
    },
    async 'POST /auth/password-reset/complete'({ body, jar }) {
      if (!validRecord(body?.registration_record)) return invalid('registration_record is not a registration record');
      if (!validEnvelope(body?.envelope)) return invalid('envelope must be a sealed key envelope of format 1');
      const lock = body.recovery ?? null;
      if (lock && (!validRecord(lock.registration_record) || !validEnvelope(lock.envelope))) return invalid('recovery is not a recovery lock');
      const found = token('reset', body.token, { use: true });
      if (!found) return invalidToken();
      const { account } = found;
      account.record = bytes.fromBase64Url(body.registration_record);
      account.keys = {
        envelopes: { password: body.envelope },
        recovery: lock ? { record: bytes.fromBase64Url(lock.registration_record), envelope: lock.envelope } : null,
      };
      vault?.entries.clear();
      for (const [key, t] of tokens) if (t.account === account && t.purpose === 'reset') tokens.delete(key);
      endSessions(account);
      signIn(jar, account);
      return reply(200, { user: userDTO(account) });
    },

    // Email verification.
    async 'POST /auth/email/verify'({ body }) {
      const found = token('email_verification', body?.token, { use: true });
      if (!found) return invalidToken();
      const { account } = found;
      const holder = [...accounts.values()].find((a) => a !== account && a.emailVerified && a.email?.toLowerCase() === account.email?.toLowerCase());
      if (holder) return failure(409, 'email_in_use', 'Another account has verified this address.');
      account.emailVerified = true;
      return reply(200, { user: userDTO(account) });
    },
    async 'POST /auth/email/verification'({ session }) {
      const no = refused(session);
      if (no) return no;
      const { account } = session;
      if (!account.email || account.emailVerified) return failure(409, 'nothing_to_verify', 'There is no unverified address on this account.');
      mail(account, 'email_verification', 24 * 3600 * 1000);
      return reply(202, {});
    },

    // Sessions.
    async 'GET /auth/sessions'({ session, jar }) {
      const no = refused(session);
      if (no) return no;
      const items = [...sessions].filter(([, s]) => s.account === session.account).reverse().map(([cookie, s]) => ({
        id: s.id, created_on: new Date(s.createdAt).toISOString().slice(0, 10),
        expires_at: new Date(s.createdAt + 30 * 86400 * 1000).toISOString(), current: cookie === jar.cookie,
      }));
      return reply(200, { items });
    },
    async 'DELETE /auth/sessions'({ session, jar }) {
      const no = refused(session);
      if (no) return no;
      endSessions(session.account, jar.cookie);
      return reply(204);
    },
  };

  /** `DELETE /auth/sessions/{id}`. */
  function endSession({ session, jar }, id) {
    const no = refused(session);
    if (no) return no;
    const found = [...sessions].find(([, s]) => s.account === session.account && s.id === id);
    if (!found) return failure(404, 'not_found', 'No such session.');
    sessions.delete(found[0]);
    if (found[0] === jar.cookie) jar.cookie = null;
    return reply(204);
  }

  /** A browser: a `fetch` with its own session cookie. */
  function newBrowser() {
    const jar = { cookie: null };
    const browserFetch = async (url, init = {}) => {
      const path = new URL(url).pathname;
      const method = init.method ?? 'GET';
      const body = init.body === undefined ? null : JSON.parse(init.body);
      const headers = init.headers ?? {};
      requests.push({ method, path, body, credentials: init.credentials, headers });
      if (method !== 'GET' && headers['Content-Type'] !== 'application/json') {
        return failure(403, 'cross_site_request', 'A signed-in change must be sent as application/json.');
      }
      const session = jar.cookie ? sessions.get(jar.cookie) ?? null : null;
      const context = { body, session, jar };
      const sessionMatch = path.match(/^\/auth\/sessions\/([^/]+)$/);
      if (method === 'DELETE' && sessionMatch) return endSession(context, decodeURIComponent(sessionMatch[1]));
      const route = routes[`${method} ${path}`];
      return route ? route(context) : failure(404, 'not_found', 'No such endpoint.');
    };
    return { fetch: browserFetch, jar };
  }

  const first = newBrowser();
  return { fetch: first.fetch, jar: first.jar, newBrowser, requests, challenges, accounts, outbox, sessions, tokens };
}
