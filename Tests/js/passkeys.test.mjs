// Node tests for passkeys in the browser client (issue #20): passkeys.js (the WebAuthn JSON
// options and credentials, the PRF output) and flowsta-auth.js's passkey flows against the fake
// server, wrapped here with the passkey routes, and a scripted `navigator.credentials`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { loadLibrary } from './vectors-suite.mjs';
import { createFakeFlowsta } from './fake-flowsta-server.mjs';

if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true });
}

const L = await loadLibrary();
const { auth: F, bytes: B, rootKey: R } = L;
const P = await import(new URL('../../Public/js/passkeys.js', import.meta.url).href);
const BASE = 'http://flowsta.test';
const b64 = (bytes) => B.toBase64Url(bytes);
const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const PRF_INPUT = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('flowsta passkey root key v1')));

/** A credential as the browser returns it, with `prf` (bytes) as its extension result. */
function fakeCredential({ rawId = crypto.getRandomValues(new Uint8Array(16)), attestation = false, prf = null, enabled = undefined } = {}) {
  const buffer = (n, v) => new Uint8Array(n).fill(v).buffer;
  const response = attestation
    ? { clientDataJSON: buffer(8, 1), attestationObject: buffer(12, 2) }
    : { clientDataJSON: buffer(8, 1), authenticatorData: buffer(37, 3), signature: buffer(70, 4), userHandle: buffer(32, 5) };
  return {
    id: b64(rawId), rawId: rawId.buffer, type: 'public-key', response,
    getClientExtensionResults: () => ({ prf: { ...(enabled === undefined ? {} : { enabled }), ...(prf ? { results: { first: prf.buffer } } : {}) } }),
    toJSON: () => { throw new Error('toJSON must not be used: it would carry the PRF output'); },
  };
}

test('creationOptions and requestOptions decode the byte fields and keep the rest', () => {
  const options = P.creationOptions({
    rp: { id: 'localhost', name: 'Flowsta' }, user: { id: b64(new Uint8Array([1, 2, 3])), name: 'zoe', displayName: 'Zoe' },
    challenge: b64(new Uint8Array([9, 9])), pubKeyCredParams: [{ type: 'public-key', alg: -7 }], timeout: 300000,
    excludeCredentials: [{ type: 'public-key', id: b64(new Uint8Array([7])) }], attestation: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    extensions: { prf: { eval: { first: b64(PRF_INPUT) } }, credProps: true },
  });
  assert.deepEqual(options.user.id, new Uint8Array([1, 2, 3]));
  assert.deepEqual(options.challenge, new Uint8Array([9, 9]));
  assert.deepEqual(options.excludeCredentials[0].id, new Uint8Array([7]));
  assert.deepEqual(options.extensions.prf.eval.first, PRF_INPUT);
  assert.equal(options.extensions.credProps, true);
  assert.equal(options.rp.id, 'localhost');
  assert.equal(options.timeout, 300000);
  const request = P.requestOptions({ challenge: b64(new Uint8Array([1])), rpId: 'localhost', allowCredentials: [], userVerification: 'required' });
  assert.deepEqual(request.allowCredentials, []);
  assert.deepEqual(request.extensions, {});
  assert.throws(() => P.creationOptions({ challenge: 'not base64url!', user: { id: 'AA' } }));
  assert.throws(() => P.creationOptions({ challenge: 'AA', user: {} }), TypeError);
  assert.throws(() => P.requestOptions(null), TypeError);
  assert.throws(() => P.requestOptions({ challenge: 'AA', allowCredentials: 'x' }), TypeError);
});

test('credentialJSON sends what the server checks and never the extension results', () => {
  const rawId = new Uint8Array([1, 2, 3, 4]);
  const made = P.credentialJSON(fakeCredential({ rawId, attestation: true, prf: new Uint8Array(32).fill(6) }));
  assert.deepEqual(Object.keys(made).sort(), ['id', 'rawId', 'response', 'type']);
  assert.equal(made.id, b64(rawId));
  assert.deepEqual(Object.keys(made.response).sort(), ['attestationObject', 'clientDataJSON']);
  const asserted = P.credentialJSON(fakeCredential({ rawId, prf: new Uint8Array(32).fill(6) }));
  assert.deepEqual(Object.keys(asserted.response).sort(), ['authenticatorData', 'clientDataJSON', 'signature', 'userHandle']);
  assert.ok(!JSON.stringify(asserted).includes(b64(new Uint8Array(32).fill(6))));
  assert.throws(() => P.credentialJSON({}), TypeError);
});

test('prfResult reads 32-byte outputs only, and whether PRF is enabled', () => {
  const output = new Uint8Array(32).fill(8);
  assert.deepEqual(P.prfResult(fakeCredential({ prf: output })).output, output);
  assert.equal(P.prfResult(fakeCredential({ prf: new Uint8Array(16) })).output, null);
  assert.deepEqual(P.prfResult(fakeCredential({ enabled: true })), { output: null, enabled: true });
  assert.deepEqual(P.prfResult({}), { output: null, enabled: false });
  assert.deepEqual(P.prfResult({ getClientExtensionResults: () => { throw new Error('no'); } }), { output: null, enabled: false });
});

/**
 * The fake server with the passkey routes: registration keeps the envelope with the credential
 * id; a sign-in answers the account and the passkey's envelope; the second step checks that a
 * passkey assertion came with the login token. `sent` records the bodies.
 */
async function withPasskeyRoutes({ secondFactor = false } = {}) {
  const server = createFakeFlowsta(L, { signupDifficulty: 0 });
  const sent = [];
  const passkeys = new Map();
  let user = null;
  let pending = null;
  const fetch = async (url, init) => {
    const path = new URL(url).pathname;
    const body = init?.body ? JSON.parse(init.body) : null;
    sent.push({ path, body });
    switch (path) {
      case '/auth/opaque/login/finish': {
        const answer = await server.fetch(url, init);
        if (!answer.ok || !secondFactor) return answer;
        pending = await answer.json();
        return json(200, { second_factor_required: true, login_token: 'tok', expires_at: '2026-12-03T00:00:00Z', methods: ['totp', 'backup_code', 'passkey'] });
      }
      case '/auth/login/second-factor/passkey':
        return json(200, { ceremony_id: 'c2', public_key: { challenge: 'AQ', rpId: 'localhost', allowCredentials: [...passkeys.keys()].map((id) => ({ type: 'public-key', id })), userVerification: 'required', extensions: { prf: { eval: { first: b64(PRF_INPUT) } } } } });
      case '/auth/login/second-factor':
        return body.passkey?.ceremony_id === 'c2' && passkeys.has(body.passkey.credential.id) ? json(200, pending) : json(400, { error: 'invalid_code', error_description: 'no', attempts_left: 4 });
      case '/auth/passkeys/register/start':
        return json(200, { ceremony_id: 'c1', public_key: { rp: { id: 'localhost', name: 'Flowsta' }, user: { id: 'AAAA', name: 'zoe', displayName: 'zoe' }, challenge: 'AQID', pubKeyCredParams: [{ type: 'public-key', alg: -7 }], excludeCredentials: [], extensions: { prf: { eval: { first: b64(PRF_INPUT) } } } } });
      case '/auth/passkeys/register/finish':
        passkeys.set(body.credential.id, body.root_key_envelope ?? null);
        return json(201, { id: `pk-${passkeys.size}`, name: body.name, created_at: '2026-12-03T00:00:00Z', synced: true, opens_root_key: Boolean(body.root_key_envelope) });
      case '/auth/passkeys/login/start':
        return json(200, { ceremony_id: 'c3', public_key: { challenge: 'AQ', rpId: 'localhost', allowCredentials: [], userVerification: 'required', extensions: { prf: { eval: { first: b64(PRF_INPUT) } } } } });
      case '/auth/passkeys/login/finish': {
        if (!passkeys.has(body.credential.id)) return json(401, { error: 'invalid_credentials', error_description: 'no' });
        const envelope = passkeys.get(body.credential.id);
        return json(200, { user, passkey_id: 'pk-1', envelopes: envelope ? [{ kind: 'passkey', envelope }] : [] });
      }
      default:
        return server.fetch(url, init);
    }
  };
  ({ user } = await F.register({ username: 'zoe', password: 'pw of zoe', baseURL: BASE, fetch }));
  return { fetch, sent, passkeys, user: () => user };
}

/** A scripted navigator.credentials: `create` and `get` answer with fake credentials. */
function authenticator({ prfAtCreate = true, prf = crypto.getRandomValues(new Uint8Array(32)) } = {}) {
  const rawId = crypto.getRandomValues(new Uint8Array(16));
  const calls = [];
  return {
    prf, rawId, calls,
    create: async ({ publicKey }) => {
      calls.push({ create: publicKey });
      return fakeCredential({ rawId, attestation: true, prf: prfAtCreate ? prf : null, enabled: true });
    },
    get: async ({ publicKey }) => {
      calls.push({ get: publicKey });
      return fakeCredential({ rawId, prf });
    },
  };
}

test('a passkey added with its PRF output signs in alone and opens the same root key', async () => {
  const server = await withPasskeyRoutes();
  const device = authenticator();
  const added = await F.addPasskey({ username: 'zoe', password: 'pw of zoe', name: 'Laptop', baseURL: BASE, fetch: server.fetch, credentials: device });
  assert.equal(added.opensRootKey, true);
  const finish = server.sent.find((s) => s.path === '/auth/passkeys/register/finish').body;
  assert.ok(!JSON.stringify(finish).includes(b64(device.prf)), 'the PRF output is not sent');
  const signedIn = await F.signInWithPasskey({ baseURL: BASE, fetch: server.fetch, credentials: device });
  const viaPassword = await F.openOrCreateRootKey({ ...(await F.login({ username: 'zoe', password: 'pw of zoe', baseURL: BASE, fetch: server.fetch })), baseURL: BASE, fetch: server.fetch });
  assert.deepEqual(signedIn.rootKey, viaPassword.rootKey);
  assert.equal(signedIn.passkeyId, 'pk-1');
  assert.deepEqual(device.calls.at(-1).get.allowCredentials, []);
  assert.ok(server.sent.every((s) => !JSON.stringify(s.body ?? {}).includes(b64(device.prf))));
});

test('without a PRF output at creation the key is asked once more locally; without PRF at all there is no envelope', async () => {
  const server = await withPasskeyRoutes();
  const later = authenticator({ prfAtCreate: false });
  const added = await F.addPasskey({ username: 'zoe', password: 'pw of zoe', name: 'Key', baseURL: BASE, fetch: server.fetch, credentials: later });
  assert.equal(added.opensRootKey, true);
  const local = later.calls.find((c) => c.get);
  assert.deepEqual(local.get.allowCredentials.map((d) => b64(d.id)), [b64(later.rawId)], 'the local get() names the new passkey');
  assert.equal(server.sent.filter((s) => s.path.startsWith('/auth/passkeys/login')).length, 0, 'no sign-in ceremony for it');

  const none = { ...authenticator(), create: async () => fakeCredential({ attestation: true }), get: async () => fakeCredential({}) };
  const plain = await F.addPasskey({ username: 'zoe', password: 'pw of zoe', name: 'Old', baseURL: BASE, fetch: server.fetch, credentials: none });
  assert.equal(plain.opensRootKey, false);
});

test('a passkey without an envelope signs in with no root key; the password opens it and the passkey gets its envelope', async () => {
  const server = await withPasskeyRoutes();
  const device = authenticator();
  const bare = { ...device, create: async (o) => { await device.create(o); return fakeCredential({ rawId: device.rawId, attestation: true }); } };
  await F.addPasskey({ username: 'zoe', password: 'pw of zoe', name: 'Key', baseURL: BASE, fetch: server.fetch, credentials: bare });
  const signedIn = await F.signInWithPasskey({ baseURL: BASE, fetch: server.fetch, credentials: device });
  assert.equal(signedIn.rootKey, null);
  assert.deepEqual(signedIn.prf, device.prf);
  // The unlock exchange over a fake /auth/keys/unlock: the real OPAQUE login against the fake server.
  const unlockFetch = async (url, init) => {
    const path = new URL(url).pathname;
    const body = init?.body ? JSON.parse(init.body) : null;
    if (path === '/auth/keys/unlock/start') {
      const answer = await (await server.fetch(`${BASE}/auth/opaque/login/start`, { ...init, body: JSON.stringify({ username: 'zoe', ke1: body.ke1 }) })).json();
      return json(200, { unlock_id: answer.login_id, ke2: answer.ke2 });
    }
    if (path === '/auth/keys/unlock/finish') {
      const answer = await server.fetch(`${BASE}/auth/opaque/login/finish`, { ...init, body: JSON.stringify({ login_id: body.unlock_id, ke3: body.ke3 }) });
      const { envelopes } = await answer.json();
      return json(200, { envelopes: envelopes.filter((e) => e.kind === body.lock) });
    }
    return server.fetch(url, init);
  };
  const { rootKey } = await F.unlockRootKey({ user: signedIn.user, lock: 'password', secret: 'pw of zoe', baseURL: BASE, fetch: unlockFetch });
  const viaPassword = await F.openOrCreateRootKey({ ...(await F.login({ username: 'zoe', password: 'pw of zoe', baseURL: BASE, fetch: server.fetch })), baseURL: BASE, fetch: server.fetch });
  assert.deepEqual(rootKey, viaPassword.rootKey);
  await assert.rejects(F.unlockRootKey({ user: signedIn.user, lock: 'password', secret: 'wrong', baseURL: BASE, fetch: unlockFetch }), { code: 'invalid_credentials' });
  await assert.rejects(F.unlockRootKey({ user: signedIn.user, lock: 'recovery', secret: 'not a code', baseURL: BASE, fetch: unlockFetch }), { code: 'invalid_recovery_code' });
  const puts = [];
  await F.givePasskeyEnvelope({
    user: signedIn.user, passkeyId: 'pk-1', prf: signedIn.prf, rootKey, baseURL: BASE,
    fetch: async (url, init) => { puts.push({ path: new URL(url).pathname, method: init.method, body: JSON.parse(init.body) }); return new Response(null, { status: 204 }); },
  });
  assert.equal(puts[0].path, '/auth/passkeys/pk-1/envelope');
  assert.equal(puts[0].method, 'PUT');
  const opened = await R.openEnvelope({ kind: 'passkey', lockSecret: device.prf, userId: signedIn.user.id, envelope: puts[0].body.envelope });
  assert.deepEqual(opened, rootKey);
});

test('a passkey as the second step of a sign-in, and a cancelled passkey asks again', async () => {
  const server = await withPasskeyRoutes({ secondFactor: true });
  const device = authenticator();
  server.passkeys.set(b64(device.rawId), null);
  const asked = [];
  let cancel = true;
  const credentials = {
    get: async (options) => {
      if (cancel) {
        cancel = false;
        throw Object.assign(new Error('cancelled'), { name: 'NotAllowedError' });
      }
      return device.get(options);
    },
  };
  const signedIn = await F.login({
    username: 'zoe', password: 'pw of zoe', baseURL: BASE, fetch: server.fetch, credentials,
    secondFactor: async ({ methods }) => { asked.push(methods); return { passkey: true }; },
  });
  assert.equal(signedIn.user.username, 'zoe');
  assert.deepEqual(asked, [['totp', 'backup_code', 'passkey'], ['totp', 'backup_code', 'passkey']]);
  const step = server.sent.filter((s) => s.path === '/auth/login/second-factor').map((s) => s.body);
  assert.equal(step.length, 1);
  assert.equal(step[0].login_token, 'tok');
  assert.equal(step[0].passkey.ceremony_id, 'c2');
  assert.deepEqual(Object.keys(step[0].passkey.credential.response).sort(), ['authenticatorData', 'clientDataJSON', 'signature', 'userHandle']);
  // `{passkey: true}` for an account whose methods do not list it is no proof.
  const other = await withPasskeyRoutes();
  await assert.rejects(F.login({
    username: 'zoe', password: 'pw of zoe', baseURL: BASE, credentials, secondFactor: async () => ({ passkey: true }),
    fetch: async (url, init) => {
      if (new URL(url).pathname !== '/auth/opaque/login/finish') return other.fetch(url, init);
      await other.fetch(url, init);
      return json(200, { second_factor_required: true, login_token: 'tok', methods: ['totp'] });
    },
  }), { code: 'second_factor_required' });
});

test('passkeysSupported needs PublicKeyCredential and navigator.credentials.create', () => {
  assert.equal(P.passkeysSupported({}), false);
  assert.equal(P.passkeysSupported({ PublicKeyCredential: function PublicKeyCredential() {}, navigator: { credentials: { create() {} } } }), true);
});
