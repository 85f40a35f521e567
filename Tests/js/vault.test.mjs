// Node tests for the user vault (vault.js, privacy invariant P4) and the pages that use it:
// sealing and opening, the HTTP helpers against an in-memory vault, signin.js/signup.js
// recording the sign-in under the root key's vault key, authorize.js recording consent
// decisions (deny still posts deny, without an analytics id), account.js rendering the
// decrypted history and forgetting the keys at sign-out. Keys come from a root key
// (rememberRootKey). Format dispatch and the rewriting of format-1 entries are in
// root-key.test.mjs, the pages' root-key flows in pages-keys.test.mjs; the known answers
// themselves are in vectors-suite.mjs (vault-v1.json, root-key-v1.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { loadLibrary } from './vectors-suite.mjs';
import { createFakeFlowsta } from './fake-flowsta-server.mjs';
import { fakeVault } from './fake-vault.mjs';
import { fakeElement, fakeField, fakeForm, fakeIndexedDB, installPage, until } from './page-fakes.mjs';

// The account page formats times in the browser's zone: fix it for exact strings.
process.env.TZ = 'UTC';

if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true });
}

const lib = await loadLibrary();
const { vault: V, analytics: A, rootKey: R, bytes } = lib;
const vectorFile = (name) => JSON.parse(readFileSync(new URL(`../FlowstaCryptoTests/Vectors/${name}`, import.meta.url), 'utf8'));
const vectors = vectorFile('vault-v1.json');
const rootVectors = vectorFile('root-key-v1.json');
const EXPORT_KEY = bytes.fromHex(vectors.vectors[0].export_key);
const DERIVATION = rootVectors.derivations[0];
const ROOT_KEY = bytes.fromHex(DERIVATION.root_key);
const OTHER_ROOT_KEY = bytes.fromHex(rootVectors.derivations[1].root_key);
const { client_id: CLIENT_ID, month: MONTH, id: ANALYTICS_ID } = DERIVATION.analytics_ids[0];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGES = new URL('../../Public/js/pages/', import.meta.url);
let fresh = 0;

/** Imports a page script as a new module instance (pages run once, on import). */
const loadPage = (name) => import(new URL(`${name}?${++fresh}`, PAGES).href);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A fresh IndexedDB holding the format-2 vault key and the analytics root of `rootKey` (as a
 * sign-in that opened the root key would); returns the vault key.
 */
async function signedIn(rootKey = ROOT_KEY) {
  globalThis.indexedDB = fakeIndexedDB();
  const { vaultKey } = await V.rememberRootKey(rootKey);
  assert.ok(vaultKey);
  return vaultKey;
}

/** The format-2 vault key of `rootKey`, non-extractable. */
const vaultKeyOf = async (rootKey) => (await R.deriveRootKeys(rootKey)).vaultKey;

/** Seals `value` as a new entry straight into `vault` (as another device would). */
async function addEntry(vault, key, kind, value, id = crypto.randomUUID()) {
  vault.entries.set(id, { kind, ciphertext: await V.sealEntry(key, { id, kind, plaintext: JSON.stringify(value) }) });
  return id;
}

/** The vault's entries, opened with `key`. */
async function opened(vault, key) {
  return Promise.all([...vault.entries].map(async ([id, e]) => ({
    id, kind: e.kind, value: JSON.parse(await V.openEntry(key, { id, kind: e.kind, sealed: e.ciphertext })),
  })));
}

test('sealing round-trips in format 2; the AAD binds the id, the kind and the format; a bad version or tag fails', async () => {
  const key = await vaultKeyOf(ROOT_KEY);
  const id = crypto.randomUUID();
  const plaintext = JSON.stringify({ type: 'signin', at: '2026-11-29T20:15:00.000Z', app: 'Café ✓' });
  const sealed = await V.sealEntry(key, { id, kind: 'signin', plaintext });
  assert.match(sealed, /^[A-Za-z0-9_-]+$/);
  assert.equal(bytes.fromBase64Url(sealed)[0], 2);
  assert.equal(await V.openEntry(key, { id, kind: 'signin', sealed }), plaintext);
  const code = (c) => (error) => error instanceof V.VaultError && error.code === c;
  await assert.rejects(V.openEntry(key, { id: crypto.randomUUID(), kind: 'signin', sealed }), code('decryption_failed'));
  await assert.rejects(V.openEntry(key, { id, kind: 'consent', sealed }), code('decryption_failed'));
  await assert.rejects(V.openEntry(await vaultKeyOf(OTHER_ROOT_KEY), { id, kind: 'signin', sealed }), code('decryption_failed'));
  const raw = bytes.fromBase64Url(sealed);
  const withVersion = (version) => bytes.toBase64Url(Uint8Array.of(version, ...raw.subarray(1)));
  for (const version of [0, 3, 255]) {
    await assert.rejects(V.openEntry(key, { id, kind: 'signin', sealed: withVersion(version) }), code('unsupported_version'));
  }
  await assert.rejects(V.openEntry(key, { id, kind: 'signin', sealed: withVersion(1) }), code('decryption_failed'), 'read as format 1');
  const tampered = raw.slice();
  tampered[tampered.length - 1] ^= 0x80;
  await assert.rejects(V.openEntry(key, { id, kind: 'signin', sealed: bytes.toBase64Url(tampered) }), code('decryption_failed'));
  await assert.rejects(V.openEntry(key, { id, kind: 'signin', sealed: 'not base64url!' }), code('invalid_entry'));
  await assert.rejects(V.openEntry(key, { id, kind: 'signin', sealed: bytes.toBase64Url(raw.subarray(0, 20)) }), code('invalid_entry'));
});

test('the vault key: non-extractable AES-GCM in IndexedDB next to the analytics root; forgetting; no IndexedDB fails soft', async () => {
  const key = await signedIn();
  assert.equal(key.extractable, false);
  const loaded = await V.loadVaultKey();
  assert.equal(loaded.extractable, false);
  assert.equal(loaded.algorithm.name, 'AES-GCM');
  assert.deepEqual([...loaded.usages].sort(), ['decrypt', 'encrypt']);
  const v = rootVectors.vault_entries.find((e) => e.root_key === DERIVATION.root_key);
  assert.equal(await V.openEntry(loaded, { id: v.id, kind: v.kind, sealed: v.sealed }), v.plaintext);
  assert.equal(await A.analyticsID(await A.loadAnalyticsRoot(), CLIENT_ID, MONTH), ANALYTICS_ID, 'the root key\'s analytics root');
  assert.equal(await V.forgetVaultKey(), true);
  assert.equal(await V.loadVaultKey(), null);
  assert.ok(await A.loadAnalyticsRoot(), 'forgetting the vault key leaves the analytics root');

  delete globalThis.indexedDB;
  assert.equal(await V.storeVaultKey(key), false);
  assert.equal(await V.storeLegacyVaultKey(key), false);
  assert.equal(await V.loadVaultKey(), null);
  assert.equal(await V.loadLegacyVaultKey(), null);
  assert.equal(await V.forgetVaultKey(), false);
  const remembered = await V.rememberRootKey(ROOT_KEY, { legacyVaultKey: bytes.fromHex(vectors.vectors[0].vault_key) });
  assert.ok(remembered.vaultKey && remembered.legacyKey, 'the keys are still returned for recording at once');
  assert.equal(await V.openEntry(remembered.vaultKey, { id: v.id, kind: v.kind, sealed: v.sealed }), v.plaintext);
  assert.deepEqual(await V.rememberRootKey(new Uint8Array(3)), { vaultKey: null, legacyKey: null }, 'a bad root key fails soft');
});

test('a browser signed in before the root key: its format-1 "vault_key" is never written with, and goes at the next sign-in', async () => {
  globalThis.indexedDB = fakeIndexedDB();
  const old = await V.deriveVaultKey(EXPORT_KEY);
  await A.withKeyStore('readwrite', (store) => store.put(old, 'vault_key'));
  const vault = fakeVault();
  assert.equal(await V.loadVaultKey(), null);
  assert.equal(await V.putEntry({ kind: 'signin', value: { n: 1 }, fetch: vault.fetch }), null, 'not recorded rather than sealed for nobody');
  await assert.rejects(V.listEntries({ fetch: vault.fetch }), (e) => e.code === 'no_key');
  assert.equal(vault.requests.length, 0);
  const { vaultKey } = await V.rememberRootKey(ROOT_KEY);
  assert.equal(await A.withKeyStore('readonly', (store) => store.get('vault_key')), undefined, 'deleted');
  const id = await V.putEntry({ kind: 'signin', value: { n: 2 }, fetch: vault.fetch });
  assert.equal(bytes.fromBase64Url(vault.entries.get(id).ciphertext)[0], 2);
  assert.equal(await V.openEntry(vaultKey, { id, kind: 'signin', sealed: vault.entries.get(id).ciphertext }), '{"n":2}');
  // Signing out deletes it too.
  await A.withKeyStore('readwrite', (store) => store.put(old, 'vault_key'));
  assert.equal(await V.forgetVaultKey(), true);
  assert.equal(await A.withKeyStore('readonly', (store) => store.get('vault_key')), undefined);
});

test('putEntry: PUT /vault/entries/{uuid} with {kind, ciphertext}, JSON, same-origin; resolves to the id', async () => {
  const key = await signedIn();
  const vault = fakeVault();
  const value = { type: 'signin', at: '2026-11-29T20:15:00.000Z' };
  const id = await V.putEntry({ kind: 'signin', value, fetch: vault.fetch });
  assert.match(id, UUID);
  assert.equal(vault.requests.length, 1);
  const [r] = vault.requests;
  assert.equal(r.method, 'PUT');
  assert.equal(r.url, `/vault/entries/${id}`);
  assert.equal(r.headers['Content-Type'], 'application/json');
  assert.equal(r.credentials, 'same-origin');
  const body = JSON.parse(r.body);
  assert.deepEqual(Object.keys(body).sort(), ['ciphertext', 'kind']);
  assert.equal(body.kind, 'signin');
  assert.ok(!r.body.includes('2026-11-29'), 'the server never sees the plaintext');
  assert.deepEqual(JSON.parse(await V.openEntry(key, { id, kind: 'signin', sealed: body.ciphertext })), value);
  // The global fetch is the default.
  globalThis.fetch = vault.fetch;
  try {
    assert.match(await V.putEntry({ kind: 'consent', value: { type: 'consent' } }), UUID);
  } finally {
    delete globalThis.fetch;
  }
  assert.equal(vault.entries.size, 2);
});

test('putEntry fails soft: no key, vault down, HTTP errors, no answer, no fetch', async () => {
  const vault = fakeVault();
  globalThis.indexedDB = fakeIndexedDB();
  assert.equal(await V.putEntry({ kind: 'signin', value: {}, fetch: vault.fetch }), null);
  assert.equal(vault.requests.length, 0, 'nothing is sent without a key');
  delete globalThis.indexedDB;
  assert.equal(await V.putEntry({ kind: 'signin', value: {}, fetch: vault.fetch }), null);

  await signedIn();
  for (const mode of ['down', 'error']) {
    vault.mode = mode;
    assert.equal(await V.putEntry({ kind: 'signin', value: {}, fetch: vault.fetch }), null, mode);
  }
  vault.mode = 'hang';
  const started = Date.now();
  assert.equal(await V.putEntry({ kind: 'signin', value: {}, fetch: vault.fetch, timeoutMs: 50 }), null);
  assert.ok(Date.now() - started < 1000, 'gave up after the timeout');
  assert.equal(await V.putEntry({ kind: 'signin', value: {}, fetch: undefined }), null);
  assert.equal(await V.putEntry({ kind: '', value: {}, fetch: vault.fetch }), null, 'a bad kind');
});

test('listEntries: follows next_cursor, filters by kind, decrypts; unreadable entries come with error: true', async () => {
  const key = await signedIn();
  const vault = fakeVault({ pageSize: 2 });
  const values = [];
  for (let i = 0; i < 5; i++) {
    const value = { type: i % 2 ? 'consent' : 'signin', at: `2026-11-0${i + 1}T10:00:00.000Z`, n: i };
    values.push({ id: await addEntry(vault, key, i % 2 ? 'consent' : 'signin', value), kind: i % 2 ? 'consent' : 'signin', value });
  }
  // The server moves a ciphertext to another id, relabels a kind, and keeps an entry of another key.
  const [first, second] = [...vault.entries];
  const movedID = crypto.randomUUID();
  vault.entries.set(movedID, { ...first[1] });
  const relabeledID = crypto.randomUUID();
  vault.entries.set(relabeledID, { kind: 'consent', ciphertext: (await V.sealEntry(key, { id: relabeledID, kind: 'signin', plaintext: '{}' })) });
  const foreignID = await addEntry(vault, await vaultKeyOf(OTHER_ROOT_KEY), 'signin', { type: 'signin' });
  const notJSON = crypto.randomUUID();
  vault.entries.set(notJSON, { kind: 'signin', ciphertext: await V.sealEntry(key, { id: notJSON, kind: 'signin', plaintext: 'not json' }) });

  const all = await V.listEntries({ fetch: vault.fetch });
  assert.deepEqual(all, [
    ...values,
    { id: movedID, kind: first[1].kind, error: true },
    { id: relabeledID, kind: 'consent', error: true },
    { id: foreignID, kind: 'signin', error: true },
    { id: notJSON, kind: 'signin', error: true },
  ]);
  assert.deepEqual(vault.requests.map((r) => r.url), [
    '/vault/entries?limit=100', '/vault/entries?limit=100&cursor=2', '/vault/entries?limit=100&cursor=4',
    '/vault/entries?limit=100&cursor=6', '/vault/entries?limit=100&cursor=8',
  ]);
  assert.ok(vault.requests.every((r) => r.method === 'GET' && r.credentials === 'same-origin'));

  vault.requests.length = 0;
  const consents = await V.listEntries({ kind: 'consent', fetch: vault.fetch });
  assert.deepEqual(consents.filter((e) => !e.error).map((e) => e.id), [second[0], values[3].id]);
  assert.equal(vault.requests[0].url, '/vault/entries?limit=100&kind=consent');
  assert.equal(vault.requests[1].url, '/vault/entries?limit=100&kind=consent&cursor=2');

  // A server that repeats its cursor does not loop forever.
  const looping = async () => ({ status: 200, json: async () => ({ items: [], next_cursor: 'again' }) });
  assert.deepEqual(await V.listEntries({ key, fetch: looping }), []);
});

test('listEntries and deleteEntry: errors are VaultErrors; delete sends DELETE /vault/entries/{id}', async () => {
  const vault = fakeVault();
  globalThis.indexedDB = fakeIndexedDB();
  await assert.rejects(V.listEntries({ fetch: vault.fetch }), (e) => e.code === 'no_key');
  assert.equal(vault.requests.length, 0);
  const key = await signedIn();
  vault.mode = 'error';
  await assert.rejects(V.listEntries({ fetch: vault.fetch }), (e) => e.code === 'http_error' && e.status === 500);
  vault.mode = 'down';
  await assert.rejects(V.listEntries({ fetch: vault.fetch }), (e) => e.code === 'network_error');
  vault.mode = 'up';
  const id = await addEntry(vault, key, 'signin', { type: 'signin' });
  vault.requests.length = 0;
  assert.equal(await V.deleteEntry(id, { fetch: vault.fetch }), true);
  assert.deepEqual(vault.requests.map((r) => [r.method, r.url, r.credentials]), [['DELETE', `/vault/entries/${id}`, 'same-origin']]);
  assert.equal(vault.entries.size, 0);
  await assert.rejects(V.deleteEntry(id, { fetch: vault.fetch }), (e) => e.code === 'http_error' && e.status === 404);
  assert.throws(() => V.entryAAD('../../etc', 'signin'));
  await assert.rejects(V.deleteEntry('../account', { fetch: vault.fetch }), TypeError);
});

/**
 * The sign-in (or sign-up) page with OPAQUE on the fake Flowsta server and /vault on `vault`;
 * `register` makes the account first (as a client older than the root key would: no keys). The
 * sign-up page's recovery step is confirmed once it shows.
 */
async function signInPage(page, vault, { register = true } = {}) {
  globalThis.indexedDB = fakeIndexedDB();
  const server = createFakeFlowsta(lib);
  let exportKey = null;
  let user = null;
  if (register) ({ user, exportKey } = await lib.auth.register({ username: 'erin', password: 'pw-pw-pw-pw', baseURL: 'http://flowsta.test', fetch: server.fetch }));
  globalThis.fetch = (url, init) => (String(url).startsWith('/vault/')
    ? vault.fetch(url, init) : server.fetch(new URL(url, 'http://flowsta.test').href, init));
  const button = { textContent: 'Go', disabled: false };
  const fields = page === 'signin.js'
    ? [fakeField('username', 'erin'), fakeField('password', 'pw-pw-pw-pw')]
    : ['username', 'display_name', 'email', 'password', 'password_confirm'].map((name) =>
      fakeField(name, { username: 'erin', password: 'pw-pw-pw-pw', password_confirm: 'pw-pw-pw-pw' }[name] ?? ''));
  const form = fakeForm({ dataset: { continue: '/account' }, buttons: [button], errorBox: { textContent: '' }, fields });
  const step = { 'recovery-step': fakeElement('section', { hidden: true }), 'recovery-code': fakeElement('p'), 'recovery-saved': fakeField('recovery-saved', '', { checked: true }) };
  const confirm = fakeForm({ fields: [step['recovery-saved']] });
  const { navigations } = installPage({ [page === 'signin.js' ? 'signin-form' : 'signup-form']: form, 'recovery-confirm-form': confirm }, step);
  try {
    await loadPage(page);
    form.click(button);
    await until(() => navigations.length > 0 || !step['recovery-step'].hidden);
    if (navigations.length === 0) {
      confirm.click(null);
      await until(() => navigations.length > 0);
    }
  } finally {
    delete globalThis.fetch;
  }
  return { navigations, exportKey, user, server, recoveryCode: step['recovery-code'].textContent };
}

test('sign-in page: opens (here: makes) the root key, stores its vault key and records the sign-in in format 2', async () => {
  const vault = fakeVault();
  const before = Date.now();
  const { navigations, exportKey, user, server } = await signInPage('signin.js', vault);
  assert.deepEqual(navigations, ['/account']);
  const key = await V.loadVaultKey();
  assert.equal(key.extractable, false);
  assert.ok(await A.loadAnalyticsRoot(), 'analytics still works');
  const entries = await opened(vault, key);
  assert.equal(entries.length, 1);
  assert.equal(entries[0].kind, 'signin');
  assert.deepEqual(Object.keys(entries[0].value), ['type', 'method', 'at']);
  assert.equal(entries[0].value.method, 'password');
  assert.equal(entries[0].value.type, 'signin');
  assert.ok(Date.parse(entries[0].value.at) >= before - 1000);
  // Format 2 under the vault key of the root key the account now has (its password envelope opens with the export key).
  const rootKey = await R.openEnvelope({ kind: 'password', lockSecret: exportKey, userId: user.id, envelope: server.accounts.get('erin').keys.envelopes.password });
  const raw = await R.vaultKeyV2Bytes(rootKey);
  const [sealed] = [...vault.entries.values()].map((e) => e.ciphertext);
  assert.equal(bytes.fromBase64Url(sealed)[0], 2, 'format 2');
  assert.equal(await V.openEntry(raw, { id: entries[0].id, kind: 'signin', sealed }), JSON.stringify(entries[0].value));
  const wire = JSON.stringify([server.requests, vault.requests]);
  for (const secret of [exportKey, rootKey, raw, await V.vaultKeyBytes(exportKey)]) {
    assert.ok(!wire.includes(bytes.toHex(secret)) && !wire.includes(bytes.toBase64Url(secret)));
  }
});

test('sign-up page: records the sign-in; a vault that is down does not block signing in', async () => {
  const vault = fakeVault();
  const { navigations, recoveryCode } = await signInPage('signup.js', vault, { register: false });
  assert.deepEqual(navigations, ['/account']);
  assert.match(recoveryCode, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
  assert.equal((await opened(vault, await V.loadVaultKey()))[0].value.type, 'signin');

  const down = fakeVault();
  down.mode = 'error';
  const second = await signInPage('signin.js', down);
  assert.deepEqual(second.navigations, ['/account']);
  assert.equal(down.requests.filter((r) => r.method === 'PUT').length, 1, 'the sign-in was tried once');
  assert.ok(await V.loadVaultKey());
});

/** The consent page ("submit") or the pass-through page ("auto") with the vault on `vault`. */
function authorizePage(mode, vault, dataset = {}) {
  const fields = [{ name: 'analytics_id', type: 'hidden', value: '' }];
  if (mode === 'auto') fields.push({ name: 'decision', type: 'hidden', value: 'allow' });
  const buttons = mode === 'auto'
    ? [{ id: 'continue', disabled: false }]
    : [{ name: 'decision', value: 'deny', disabled: false }, { name: 'decision', value: 'allow', disabled: false }];
  const form = fakeForm({
    dataset: {
      analytics: mode, clientId: CLIENT_ID, month: MONTH, reauth: '/signin', appName: 'Notes <b>&</b>', scopes: ' openid  profile email ', ...dataset,
    },
    fields, buttons,
  });
  globalThis.fetch = vault.fetch;
  return { form, buttons, ...installPage({ [mode === 'auto' ? 'authorize-form' : 'consent-form']: form }, { 'form-error': { textContent: '' } }) };
}

test('consent page: allow records the consent (app, scopes, decision) and posts the id with allow', async () => {
  const key = await signedIn();
  const vault = fakeVault();
  const { form, buttons } = authorizePage('submit', vault);
  try {
    await loadPage('authorize.js');
    form.click(buttons[1]);
    await until(() => form.posts.length > 0);
  } finally {
    delete globalThis.fetch;
  }
  assert.deepEqual(form.posts, [[`analytics_id=${ANALYTICS_ID}`, 'decision=allow']]);
  const [entry] = await opened(vault, key);
  assert.equal(entry.kind, 'consent');
  const { at, ...rest } = entry.value;
  assert.ok(!Number.isNaN(Date.parse(at)));
  assert.deepEqual(rest, { type: 'consent', client_id: CLIENT_ID, app: 'Notes <b>&</b>', scopes: ['openid', 'profile', 'email'], decision: 'allow' });
});

test('consent page: deny records the refusal and still posts decision=deny, never an analytics id', async () => {
  const key = await signedIn();
  const vault = fakeVault();
  const { form, buttons } = authorizePage('submit', vault);
  try {
    await loadPage('authorize.js');
    form.elements.analytics_id.value = 'restored-by-the-browser';
    form.click(buttons[0]);
    form.click(buttons[1]); // a second click while the refusal is recorded changes nothing
    await until(() => form.posts.length > 0);
    await sleep(20);
  } finally {
    delete globalThis.fetch;
  }
  assert.deepEqual(form.posts, [['analytics_id=', 'decision=deny']]);
  const entries = await opened(vault, key);
  assert.equal(entries.length, 1);
  assert.equal(entries[0].value.decision, 'deny');
  assert.equal(entries[0].value.type, 'consent');
});

test('consent page: deny with a vault that never answers, or no key at all, still posts deny promptly', async () => {
  await signedIn();
  const vault = fakeVault();
  vault.mode = 'hang';
  let page = authorizePage('submit', vault);
  const started = Date.now();
  try {
    await loadPage('authorize.js');
    page.form.click(page.buttons[0]);
    await until(() => page.form.posts.length > 0);
  } finally {
    delete globalThis.fetch;
  }
  const waited = Date.now() - started;
  assert.ok(waited >= 1000 && waited < 3000, `posted after ${waited} ms`);
  assert.deepEqual(page.form.posts, [['analytics_id=', 'decision=deny']]);

  globalThis.indexedDB = fakeIndexedDB(); // signed out: neither key
  const empty = fakeVault();
  page = authorizePage('submit', empty);
  try {
    await loadPage('authorize.js');
    page.form.click(page.buttons[0]);
    await until(() => page.form.posts.length > 0);
  } finally {
    delete globalThis.fetch;
  }
  assert.deepEqual(page.form.posts, [['analytics_id=', 'decision=deny']]);
  assert.equal(empty.requests.length, 0);
});

test('pass-through page: records an app sign-in, then posts the id with allow', async () => {
  const key = await signedIn();
  const vault = fakeVault();
  const { form } = authorizePage('auto', vault, { scopes: 'openid' });
  try {
    await loadPage('authorize.js');
    await until(() => form.posts.length > 0);
  } finally {
    delete globalThis.fetch;
  }
  assert.deepEqual(form.posts, [[`analytics_id=${ANALYTICS_ID}`, 'decision=allow']]);
  const [entry] = await opened(vault, key);
  assert.equal(entry.kind, 'signin');
  const { at, ...rest } = entry.value;
  assert.ok(!Number.isNaN(Date.parse(at)));
  assert.deepEqual(rest, { type: 'signin', client_id: CLIENT_ID, app: 'Notes <b>&</b>' });
});

/** The account page with the history section; resolves once the status left "Loading…". */
async function accountPage(vault) {
  const status = fakeElement('p');
  status.textContent = 'Loading your activity…';
  const list = fakeElement('ol');
  const form = fakeForm({});
  globalThis.fetch = vault.fetch;
  installPage({ 'signout-form': form }, { 'history-status': status, 'history-list': list });
  try {
    await loadPage('account.js');
    await until(() => status.textContent !== 'Loading your activity…');
  } finally {
    delete globalThis.fetch;
  }
  return { status, list, form };
}

test('account page: the decrypted history, newest first, as text', async () => {
  const key = await signedIn();
  const vault = fakeVault({ pageSize: 3 });
  await addEntry(vault, key, 'signin', { type: 'signin', at: '2026-11-29T20:15:00.000Z' });
  await addEntry(vault, key, 'consent', { type: 'consent', at: '2026-11-30T09:05:00.000Z', client_id: 'c1', app: '<img src=x onerror=alert(1)>', scopes: ['openid', 'profile'], decision: 'allow' });
  await addEntry(vault, key, 'signin', { type: 'signin', at: '2026-12-01T07:00:00.000Z', client_id: 'c1', app: 'Notes' });
  const foreign = crypto.randomUUID();
  vault.entries.set(foreign, { kind: 'signin', ciphertext: await V.sealEntry(await vaultKeyOf(OTHER_ROOT_KEY), { id: foreign, kind: 'signin', plaintext: '{}' }) });
  await addEntry(vault, key, 'consent', { type: 'consent', at: '2026-11-30T12:00:00.000Z', client_id: 'c2', app: 'Photos', scopes: ['openid'], decision: 'deny' });
  await addEntry(vault, key, 'signin', { type: 'signin', at: '2025-01-02T03:04:00.000Z' });

  const { status, list } = await accountPage(vault);
  assert.equal(status.textContent, '');
  assert.ok(list.children.every((li) => li.tagName === 'LI'));
  assert.deepEqual(list.children.map((li) => li.textContent), [
    'Signed in to Notes — 1 Dec 2026, 07:00',
    'Denied Photos — 30 Nov 2026, 12:00',
    'Allowed <img src=x onerror=alert(1)>: openid, profile — 30 Nov 2026, 09:05',
    'Signed in — 29 Nov 2026, 20:15',
    'Signed in — 2 Jan 2025, 03:04',
    'An entry that cannot be read (sealed under a key this account no longer has)',
  ]);
  assert.equal(vault.requests.length, 2, 'both pages fetched');
});

test('account page: an account older than the root key sees its format-1 entries, which are rewritten in format 2', async () => {
  globalThis.indexedDB = fakeIndexedDB();
  const legacyBytes = bytes.fromHex(vectors.vectors[0].vault_key);
  const { vaultKey, legacyKey } = await V.rememberRootKey(ROOT_KEY, { legacyVaultKey: legacyBytes });
  const vault = fakeVault();
  const old = crypto.randomUUID();
  vault.entries.set(old, { kind: 'signin', ciphertext: await V.sealEntry(legacyKey, { id: old, kind: 'signin', plaintext: JSON.stringify({ type: 'signin', at: '2025-06-01T10:00:00.000Z' }), format: 1 }) });
  await addEntry(vault, vaultKey, 'signin', { type: 'signin', at: '2026-12-01T07:00:00.000Z', app: 'Notes' });

  const { status, list } = await accountPage(vault);
  assert.equal(status.textContent, '');
  assert.deepEqual(list.children.map((li) => li.textContent), ['Signed in to Notes — 1 Dec 2026, 07:00', 'Signed in — 1 Jun 2025, 10:00']);
  assert.deepEqual(vault.requests.map((r) => `${r.method} ${r.url}`), ['GET /vault/entries?limit=100', `PUT /vault/entries/${old}`]);
  assert.equal(bytes.fromBase64Url(vault.entries.get(old).ciphertext)[0], 2, 'rewritten in format 2');
  assert.deepEqual((await opened(vault, vaultKey)).map((e) => e.value.at), ['2025-06-01T10:00:00.000Z', '2026-12-01T07:00:00.000Z']);
});

test('account page: no key, an empty vault, an unreachable vault', async () => {
  globalThis.indexedDB = fakeIndexedDB();
  const vault = fakeVault();
  let page = await accountPage(vault);
  assert.equal(page.status.textContent, 'Your activity is encrypted with a key from your password; sign in again on this device to read it.');
  assert.deepEqual(page.list.children, []);
  assert.equal(vault.requests.length, 0);

  await signedIn();
  page = await accountPage(vault);
  assert.equal(page.status.textContent, 'No activity recorded yet.');
  assert.deepEqual(page.list.children, []);

  vault.mode = 'error';
  page = await accountPage(vault);
  assert.match(page.status.textContent, /could not be loaded/);
});

test('account page: signing out forgets both vault keys and the analytics root, then posts', async () => {
  globalThis.indexedDB = fakeIndexedDB();
  await V.rememberRootKey(ROOT_KEY, { legacyVaultKey: bytes.fromHex(vectors.vectors[0].vault_key) });
  assert.ok(await V.loadLegacyVaultKey());
  const { form } = await accountPage(fakeVault());
  form.click(null);
  await until(() => form.posts.length > 0);
  assert.equal(await V.loadVaultKey(), null);
  assert.equal(await V.loadLegacyVaultKey(), null);
  assert.equal(await A.loadAnalyticsRoot(), null);
  assert.equal(form.posts.length, 1);
});
