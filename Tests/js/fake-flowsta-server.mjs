/**
 * An in-process stand-in for the Flowsta server's OPAQUE endpoints (DESIGN §4), exposed as a
 * `fetch` function, for round-trip tests of flowsta-auth.js. It records every request it receives.
 */

import { createTestServer } from './opaque-server-for-tests.mjs';

/** Creates the fake server: `{fetch, requests}`. */
export function createFakeFlowsta(lib) {
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

  const routes = {
    async '/auth/opaque/register/start'({ username, registration_request: request }) {
      const response = await server.createRegistrationResponse(bytes.fromBase64Url(request), identifier(username));
      return reply(200, { registration_response: bytes.toBase64Url(response) });
    },
    async '/auth/opaque/register/finish'({ username, registration_record: record, display_name: displayName, email }) {
      const key = username.toLowerCase();
      if (users.has(key)) return failure(409, 'username_taken', 'That username is taken.');
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

  async function fetch(url, init) {
    const path = new URL(url).pathname;
    const body = JSON.parse(init.body);
    requests.push({ path, body, credentials: init.credentials });
    const route = routes[path];
    return route ? route(body) : failure(404, 'not_found', 'No such endpoint.');
  }

  return { fetch, requests };
}
