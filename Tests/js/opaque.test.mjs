// Node tests for the browser OPAQUE client in Public/js: `node --test Tests/js/` (Node 18+).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { loadLibrary, runSuite } from './vectors-suite.mjs';
import { createFakeFlowsta } from './fake-flowsta-server.mjs';

// Node 18 has no global WebCrypto by default; the modules look it up on globalThis when called.
if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true });
}

const vectorsDir = new URL('../FlowstaCryptoTests/Vectors/', import.meta.url);
const load = (name) => JSON.parse(readFileSync(new URL(name, vectorsDir), 'utf8'));
const lib = await loadLibrary();
const results = await runSuite(load, lib);

test('the vector suite ran checks', () => assert.ok(results.length > 50));
for (const result of results) {
  test(`vector: ${result.name}`, () => assert.ok(result.ok, result.detail));
}

const BASE = 'http://flowsta.test';
const { register, login, FlowstaAuthError } = lib.auth;

test('register then login: same export key, never sent to the server', async () => {
  const server = createFakeFlowsta(lib);
  const registered = await register({
    username: 'Alice', password: 'correct horse battery staple', displayName: 'Alice', email: 'alice@example.com',
    baseURL: BASE, fetch: server.fetch,
  });
  assert.equal(registered.user.username, 'alice');
  assert.ok(registered.exportKey instanceof Uint8Array && registered.exportKey.length === 64);

  const signedIn = await login({ username: 'alice', password: 'correct horse battery staple', baseURL: `${BASE}/`, fetch: server.fetch });
  assert.deepEqual(signedIn.user, registered.user);
  assert.deepEqual(signedIn.exportKey, registered.exportKey);

  assert.deepEqual(server.requests.map((r) => r.path), [
    '/auth/opaque/register/start', '/auth/signup-challenge', '/auth/opaque/register/finish', '/auth/opaque/login/start',
    '/auth/opaque/login/finish',
  ]);
  assert.ok(server.requests.every((r) => r.credentials === 'same-origin'));
  const wire = JSON.stringify(server.requests);
  for (const secret of [lib.bytes.toBase64Url(registered.exportKey), lib.bytes.toHex(registered.exportKey), 'correct horse']) {
    assert.ok(!wire.includes(secret), 'a secret reached the server');
  }
  assert.equal(server.requests[2].body.display_name, 'Alice');
  assert.equal(server.requests[2].body.email, 'alice@example.com');
});

test('wrong password: invalid_credentials in the client, KE3 never sent', async () => {
  const server = createFakeFlowsta(lib);
  await register({ username: 'bob', password: 'right password', baseURL: BASE, fetch: server.fetch });
  await assert.rejects(
    login({ username: 'bob', password: 'wrong password', baseURL: BASE, fetch: server.fetch }),
    (error) => error instanceof FlowstaAuthError && error.code === 'invalid_credentials' && error.status === 0,
  );
  assert.ok(!server.requests.some((r) => r.path === '/auth/opaque/login/finish'));
});

test('unknown user: the fake KE2 fails like a wrong password', async () => {
  const server = createFakeFlowsta(lib);
  await assert.rejects(
    login({ username: 'nobody', password: 'whatever', baseURL: BASE, fetch: server.fetch }),
    (error) => error.code === 'invalid_credentials',
  );
  assert.ok(!server.requests.some((r) => r.path === '/auth/opaque/login/finish'));
});

test('tampered server MAC: server_authentication_failed, KE3 never sent', async () => {
  const server = createFakeFlowsta(lib);
  await register({ username: 'carol', password: 'pw', baseURL: BASE, fetch: server.fetch });
  const tampering = async (url, init) => {
    const response = await server.fetch(url, init);
    if (!url.endsWith('/login/start')) return response;
    const body = await response.json();
    const ke2 = lib.bytes.fromBase64Url(body.ke2);
    ke2[ke2.length - 1] ^= 1;
    return { ...response, json: async () => ({ ...body, ke2: lib.bytes.toBase64Url(ke2) }) };
  };
  await assert.rejects(
    login({ username: 'carol', password: 'pw', baseURL: BASE, fetch: tampering }),
    (error) => error.code === 'server_authentication_failed',
  );
  assert.ok(!server.requests.some((r) => r.path === '/auth/opaque/login/finish'));
});

test('server errors surface as FlowstaAuthError with code, description and status', async () => {
  const server = createFakeFlowsta(lib);
  await register({ username: 'dave', password: 'pw1', baseURL: BASE, fetch: server.fetch });
  await assert.rejects(
    register({ username: 'Dave', password: 'pw2', baseURL: BASE, fetch: server.fetch }),
    (error) => error.code === 'username_taken' && error.description === 'That username is taken.' && error.status === 409,
  );
  const unreachable = async () => { throw new TypeError('connection refused'); };
  await assert.rejects(login({ username: 'dave', password: 'pw1', baseURL: BASE, fetch: unreachable }), (e) => e.code === 'network_error');
  const garbage = async () => ({ ok: true, status: 200, json: async () => ({ login_id: 'x', ke2: 'not base64url!' }) });
  await assert.rejects(login({ username: 'dave', password: 'pw1', baseURL: BASE, fetch: garbage }), (e) => e.code === 'invalid_response');
});

test('base64url is strict: no padding, no foreign characters, no stray bits', () => {
  const { toBase64Url, fromBase64Url } = lib.bytes;
  for (let n = 0; n < 8; n++) {
    const data = Uint8Array.from({ length: n }, (_, i) => 250 - i);
    assert.deepEqual(fromBase64Url(toBase64Url(data)), data);
  }
  assert.equal(toBase64Url(Uint8Array.of(0xfb, 0xff)), '-_8');
  for (const bad of ['AA==', 'A', 'AB', 'A+8', 'a/8']) assert.throws(() => fromBase64Url(bad), TypeError);
});
