/**
 * An in-process stand-in for the Flowsta server's OPAQUE endpoints (DESIGN §4) and its sign-up
 * proof of work (`GET /auth/signup-challenge`, checked in register/finish with node:crypto's
 * SHA-256, independently of Public/js/signup-proof.js), exposed as a `fetch` function, for
 * round-trip tests of flowsta-auth.js. It records every request it receives.
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

/**
 * Creates the fake server: `{fetch, requests, challenges}`. New accounts need
 * a proof at `signupDifficulty` bits (0 turns it off); challenges live `challengeLifetimeMs` by
 * `now()` and are not single-use (the real server keeps no state either).
 */
export function createFakeFlowsta(lib, { signupDifficulty = 8, challengeLifetimeMs = 10 * 60 * 1000, now = Date.now } = {}) {
  const { bytes, group, primitives: P } = lib;
  const fakeRecord = bytes.concat(
    group.scalarMultBase(group.randomScalar()), bytes.randomBytes(P.NH), new Uint8Array(P.ENVELOPE_LENGTH),
  );
  const server = createTestServer(lib, { oprfSeed: bytes.randomBytes(P.NH), serverPrivateKey: group.randomScalar(), fakeRecord });
  const users = new Map();
  const logins = new Map();
  const requests = [];
  let nextId = 1;

  const reply = (status, body) => ({ ok: status >= 200 && status < 300, status, json: async () => body });
  const failure = (status, error, description) => reply(status, { error, error_description: description });
  // Credential identifier: the normalized (lowercased) username (DESIGN §4).
  const identifier = (username) => bytes.utf8(username.toLowerCase());

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

  const routes = {
    async 'GET /auth/signup-challenge'() {
      const challenge = randomBytes(50).toString('base64url');
      const expiresAt = now() + challengeLifetimeMs;
      challenges.set(challenge, { difficulty, expiresAt });
      return reply(200, { challenge, difficulty, expires_at: new Date(expiresAt).toISOString() });
    },
    async '/auth/opaque/register/start'({ username, registration_request: request }) {
      const response = await server.createRegistrationResponse(bytes.fromBase64Url(request), identifier(username));
      return reply(200, { registration_response: bytes.toBase64Url(response) });
    },
    async '/auth/opaque/register/finish'({ username, registration_record: record, display_name: displayName, email, signup_proof: proof }) {
      const key = username.toLowerCase();
      if (users.has(key)) return failure(409, 'username_taken', 'That username is taken.');
      const refused = proofError(proof, key);
      if (refused) return refused;
      const user = { id: `user-${nextId++}`, username: key, display_name: displayName ?? null, email: email ?? null };
      users.set(key, { record: bytes.fromBase64Url(record), user });
      return reply(201, { user });
    },
    async '/auth/opaque/login/start'({ username, ke1 }) {
      const account = users.get(username.toLowerCase());
      const { ke2, state } = await server.startLogin(bytes.fromBase64Url(ke1), account?.record ?? null, identifier(username));
      const loginId = `login-${nextId++}`;
      logins.set(loginId, { state, account });
      return reply(200, { login_id: loginId, ke2: bytes.toBase64Url(ke2) });
    },
    async '/auth/opaque/login/finish'({ login_id: loginId, ke3 }) {
      const login = logins.get(loginId);
      logins.delete(loginId);
      try {
        if (!login?.account) throw new Error('unknown login');
        server.finishLogin(login.state, bytes.fromBase64Url(ke3));
      } catch {
        return failure(401, 'invalid_credentials', 'Wrong username or password.');
      }
      return reply(200, { user: login.account.user });
    },
  };

  async function fetch(url, init = {}) {
    const path = new URL(url).pathname;
    const method = init.method ?? 'GET';
    const body = init.body === undefined ? null : JSON.parse(init.body);
    requests.push({ method, path, body, credentials: init.credentials });
    const route = method === 'GET' ? routes[`GET ${path}`] : method === 'POST' ? routes[path] : undefined;
    return route ? route(body) : failure(404, 'not_found', 'No such endpoint.');
  }

  return { fetch, requests, challenges };
}
