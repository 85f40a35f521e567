// Node tests for the second-factor step of flowsta-auth.js `login` (issue #20) against the fake
// server, whose login/finish is wrapped here to answer as the server does for an account with an
// authenticator: a login token instead of the session, then POST /auth/login/second-factor with
// `code` or `backup_code` (400 invalid_code with attempts_left while the sign-in has tries).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { loadLibrary } from './vectors-suite.mjs';
import { createFakeFlowsta } from './fake-flowsta-server.mjs';

if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true });
}

const { auth: F } = await loadLibrary();
const BASE = 'http://flowsta.test';
const RIGHT = '123456';

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The fake server behind a second-factor step; `sent` records the second-factor bodies. */
async function withSecondFactor() {
  const server = createFakeFlowsta(await loadLibrary(), { signupDifficulty: 0 });
  const sent = [];
  let pending = null;
  let tries = 5;
  const fetch = async (url, init) => {
    const path = new URL(url).pathname;
    if (path === '/auth/opaque/login/finish') {
      const answer = await server.fetch(url, init);
      if (!answer.ok) return answer;
      pending = await answer.json();
      tries = 5;
      return json(200, { second_factor_required: true, login_token: 'tok', expires_at: '2026-12-03T00:00:00Z', methods: ['totp', 'backup_code'] });
    }
    if (path === '/auth/login/second-factor') {
      const body = JSON.parse(init.body);
      sent.push(body);
      if (body.login_token !== 'tok' || pending === null) return json(400, { error: 'invalid_login', error_description: 'start again' });
      if (body.code === RIGHT || body.backup_code === 'abcde-fghjk') return json(200, pending);
      tries -= 1;
      if (tries <= 0) pending = null;
      return json(400, { error: 'invalid_code', error_description: 'wrong', attempts_left: tries });
    }
    return server.fetch(url, init);
  };
  await F.register({ username: 'zoe', password: 'pw of zoe', baseURL: BASE, fetch });
  return { fetch, sent };
}

test('a sign-in asks for the code and retries after a wrong one while attempts are left', async () => {
  const { fetch, sent } = await withSecondFactor();
  const asked = [];
  const answers = ['000 000', ` ${RIGHT} `];
  const signedIn = await F.login({
    username: 'zoe', password: 'pw of zoe', baseURL: BASE, fetch,
    secondFactor: async ({ attemptsLeft }) => { asked.push(attemptsLeft); return { code: answers.shift() }; },
  });
  assert.equal(signedIn.user.username, 'zoe');
  assert.ok(signedIn.exportKey instanceof Uint8Array && signedIn.exportKey.length === 64);
  assert.deepEqual(asked, [null, 4]);
  // Spaces are taken out of a typed code.
  assert.deepEqual(sent.map((body) => body.code), ['000000', RIGHT]);
});

test('a backup code is sent as backup_code', async () => {
  const { fetch, sent } = await withSecondFactor();
  const signedIn = await F.login({
    username: 'zoe', password: 'pw of zoe', baseURL: BASE, fetch, secondFactor: async () => ({ backup_code: 'abcde-fghjk' }),
  });
  assert.equal(signedIn.user.username, 'zoe');
  assert.deepEqual(sent, [{ login_token: 'tok', backup_code: 'abcde-fghjk' }]);
});

test('without a code the sign-in fails with second_factor_required; after the last try with invalid_code', async () => {
  const { fetch } = await withSecondFactor();
  await assert.rejects(F.login({ username: 'zoe', password: 'pw of zoe', baseURL: BASE, fetch }), { code: 'second_factor_required' });
  await assert.rejects(
    F.login({ username: 'zoe', password: 'pw of zoe', baseURL: BASE, fetch, secondFactor: async () => null }),
    { code: 'second_factor_required' },
  );
  let calls = 0;
  await assert.rejects(
    F.login({ username: 'zoe', password: 'pw of zoe', baseURL: BASE, fetch, secondFactor: async () => { calls += 1; return { code: '999999' }; } }),
    (error) => error.code === 'invalid_code' && error.attemptsLeft === 0,
  );
  assert.equal(calls, 5);
});
