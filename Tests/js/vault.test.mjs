// Node tests for the user vault (vault.js, privacy invariant P4) and the pages that use it:
// sealing and opening, the HTTP helpers against an in-memory vault, signin.js/signup.js
// recording the sign-in, authorize.js recording consent decisions (deny still posts deny, without
// an analytics id), account.js rendering the decrypted history and forgetting the key at
// sign-out. The known answers themselves are in vectors-suite.mjs (vault-v1.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { loadLibrary } from './vectors-suite.mjs';
import { createFakeFlowsta } from './fake-flowsta-server.mjs';
import { fakeElement, fakeForm, fakeIndexedDB, installPage, until } from './page-fakes.mjs';

// The account page formats times in the browser's zone: fix it for exact strings.
process.env.TZ = 'UTC';

if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true });
}

const lib = await loadLibrary();
const { vault: V, analytics: A, bytes } = lib;
const vectors = JSON.parse(readFileSync(new URL('../FlowstaCryptoTests/Vectors/vault-v1.json', import.meta.url), 'utf8'));
const analyticsVectors = JSON.parse(readFileSync(new URL('../FlowstaCryptoTests/Vectors/analytics-v1.json', import.meta.url), 'utf8'));
const EXPORT_KEY = bytes.fromHex(vectors.vectors[0].export_key);
const OTHER_EXPORT_KEY = bytes.fromHex(vectors.vectors.find((v) => v.export_key !== vectors.vectors[0].export_key).export_key);
const CLIENT_ID = analyticsVectors.vectors[0].client_id;
const MONTH = analyticsVectors.vectors[0].month;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGES = new URL('../../Public/js/pages/', import.meta.url);
let fresh = 0;

/** Imports a page script as a new module instance (pages run once, on import). */
const loadPage = (name) => import(new URL(`${name}?${++fresh}`, PAGES).href);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * An in-memory /vault/entries API with the shape of the real one, as a `fetch`: PUT (201),
 * GET with limit/kind/cursor (at most `pageSize` items a page, whatever the limit), DELETE
 * (204/404). Records every request. `mode`: 'up', 'error' (500), 'down' (rejects), 'hang'.
 */
function fakeVault({ pageSize = 100 } = {}) {
  const entries = new Map(); // id -> {kind, ciphertext}, in insertion order
  const requests = [];
  const state = { mode: 'up', entries, requests };
  const reply = (status, body) => ({ ok: status >= 200 && status < 300, status, json: async () => body });
  state.fetch = async (url, init = {}) => {
    requests.push({ url, method: init.method ?? 'GET', headers: init.headers ?? {}, credentials: init.credentials, body: init.body });
    if (state.mode === 'down') throw new TypeError('Failed to fetch');
    if (state.mode === 'hang') return new Promise(() => {});
    if (state.mode === 'error') return reply(500, { error: 'server_error' });
    const parsed = new URL(url, 'http://flowsta.test');
    const match = parsed.pathname.match(/^\/vault\/entries(?:\/([^/]+))?$/);
    if (!match) return reply(404, { error: 'not_found' });
    const id = match[1];
    if (init.method === 'PUT' && id) {
      if (entries.has(id)) return reply(409, { error: 'conflict' });
      const { kind, ciphertext } = JSON.parse(init.body);
      entries.set(id, { kind, ciphertext });
      return reply(201, { id, kind, size: ciphertext.length });
    }
    if (init.method === 'DELETE' && id) return entries.delete(id) ? reply(204) : reply(404, { error: 'not_found' });
    if ((init.method ?? 'GET') === 'GET' && !id) {
      const kind = parsed.searchParams.get('kind');
      const limit = Math.min(Number(parsed.searchParams.get('limit') ?? 100), pageSize);
      const all = [...entries].filter(([, e]) => !kind || e.kind === kind);
      const start = Number(parsed.searchParams.get('cursor') ?? 0);
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? String(start + limit) : null;
      return reply(200, { items: page.map(([i, e]) => ({ id: i, kind: e.kind, ciphertext: e.ciphertext, size: e.ciphertext.length })), next_cursor: next });
    }
    return reply(405, { error: 'method_not_allowed' });
  };
  return state;
}

/** A fresh IndexedDB holding the vault key of `exportKey` (as sign-in would); returns the key. */
async function signedIn(exportKey = EXPORT_KEY, { analytics = true } = {}) {
  globalThis.indexedDB = fakeIndexedDB();
  if (analytics) assert.equal(await A.storeAnalyticsRoot(await A.deriveAnalyticsRoot(exportKey)), true);
  const key = await V.rememberVaultKey(exportKey);
  assert.ok(key);
  return key;
}

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

test('sealing round-trips; the AAD binds the id and the kind; a bad version or tag fails', async () => {
  const key = await V.deriveVaultKey(EXPORT_KEY);
  const id = crypto.randomUUID();
  const plaintext = JSON.stringify({ type: 'signin', at: '2026-11-29T20:15:00.000Z', app: 'Café ✓' });
  const sealed = await V.sealEntry(key, { id, kind: 'signin', plaintext });
  assert.match(sealed, /^[A-Za-z0-9_-]+$/);
  assert.equal(await V.openEntry(key, { id, kind: 'signin', sealed }), plaintext);
  const code = (c) => (error) => error instanceof V.VaultError && error.code === c;
  await assert.rejects(V.openEntry(key, { id: crypto.randomUUID(), kind: 'signin', sealed }), code('decryption_failed'));
  await assert.rejects(V.openEntry(key, { id, kind: 'consent', sealed }), code('decryption_failed'));
  await assert.rejects(V.openEntry(await V.deriveVaultKey(OTHER_EXPORT_KEY), { id, kind: 'signin', sealed }), code('decryption_failed'));
  const raw = bytes.fromBase64Url(sealed);
  for (const version of [0, 2, 255]) {
    await assert.rejects(V.openEntry(key, { id, kind: 'signin', sealed: bytes.toBase64Url(Uint8Array.of(version, ...raw.subarray(1))) }), code('unsupported_version'));
  }
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
  const v = vectors.vectors[0];
  assert.equal(await V.openEntry(loaded, { id: v.id, kind: v.kind, sealed: v.sealed }), v.plaintext);
  assert.equal((await A.loadAnalyticsRoot()).algorithm.name, 'HMAC', 'the analytics root is untouched');
  assert.equal(await V.forgetVaultKey(), true);
  assert.equal(await V.loadVaultKey(), null);
  assert.ok(await A.loadAnalyticsRoot(), 'forgetting the vault key leaves the analytics root');

  delete globalThis.indexedDB;
  assert.equal(await V.storeVaultKey(key), false);
  assert.equal(await V.loadVaultKey(), null);
  assert.equal(await V.forgetVaultKey(), false);
  assert.ok(await V.rememberVaultKey(EXPORT_KEY), 'the derived key is still returned for recording at once');
  assert.equal(await V.rememberVaultKey(new Uint8Array(3)), null, 'a bad export key fails soft');
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
  const foreignID = await addEntry(vault, await V.deriveVaultKey(OTHER_EXPORT_KEY), 'signin', { type: 'signin' });
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

/** The sign-in (or sign-up) page with OPAQUE on the fake Flowsta server and /vault on `vault`. */
async function signInPage(page, vault, { register = true } = {}) {
  globalThis.indexedDB = fakeIndexedDB();
  const server = createFakeFlowsta(lib);
  let exportKey = null;
  if (register) ({ exportKey } = await lib.auth.register({ username: 'erin', password: 'pw-pw-pw-pw', baseURL: 'http://flowsta.test', fetch: server.fetch }));
  globalThis.fetch = (url, init) => (String(url).startsWith('/vault/')
    ? vault.fetch(url, init) : server.fetch(new URL(url, 'http://flowsta.test').href, init));
  const button = { textContent: 'Go', disabled: false };
  const field = (name, value) => ({ name, value, removeAttribute() {}, checkValidity: () => true });
  const fields = page === 'signin.js'
    ? [field('username', 'erin'), field('password', 'pw-pw-pw-pw')]
    : [field('username', 'erin'), field('display_name', ''), field('email', ''), field('password', 'pw-pw-pw-pw'), field('password_confirm', 'pw-pw-pw-pw')];
  const form = fakeForm({ dataset: { continue: '/account' }, buttons: [button], errorBox: { textContent: '' }, fields });
  Object.assign(form, form.elements);
  const { navigations } = installPage({ [page === 'signin.js' ? 'signin-form' : 'signup-form']: form });
  try {
    await loadPage(page);
    form.click(button);
    await until(() => navigations.length > 0);
  } finally {
    delete globalThis.fetch;
  }
  return { navigations, exportKey, server };
}

test('sign-in page: stores the vault key and records the sign-in, encrypted', async () => {
  const vault = fakeVault();
  const before = Date.now();
  const { navigations, exportKey, server } = await signInPage('signin.js', vault);
  assert.deepEqual(navigations, ['/account']);
  const key = await V.loadVaultKey();
  assert.equal(key.extractable, false);
  assert.ok(await A.loadAnalyticsRoot(), 'analytics still works');
  const entries = await opened(vault, key);
  assert.equal(entries.length, 1);
  assert.equal(entries[0].kind, 'signin');
  assert.deepEqual(Object.keys(entries[0].value), ['type', 'at']);
  assert.equal(entries[0].value.type, 'signin');
  assert.ok(Date.parse(entries[0].value.at) >= before - 1000);
  // The vault key is the one of the export key; neither is sent anywhere.
  const raw = await V.vaultKeyBytes(exportKey);
  const v = await V.sealEntry(raw, { id: entries[0].id, kind: 'signin', plaintext: '{}' });
  assert.equal(await V.openEntry(key, { id: entries[0].id, kind: 'signin', sealed: v }), '{}');
  const wire = JSON.stringify([server.requests, vault.requests]);
  for (const secret of [exportKey, raw]) assert.ok(!wire.includes(bytes.toHex(secret)) && !wire.includes(bytes.toBase64Url(secret)));
});

test('sign-up page: records the sign-in; a vault that is down does not block signing in', async () => {
  const vault = fakeVault();
  const { navigations } = await signInPage('signup.js', vault, { register: false });
  assert.deepEqual(navigations, ['/account']);
  assert.equal((await opened(vault, await V.loadVaultKey()))[0].value.type, 'signin');

  const down = fakeVault();
  down.mode = 'error';
  const second = await signInPage('signin.js', down);
  assert.deepEqual(second.navigations, ['/account']);
  assert.equal(down.requests.length, 1);
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
  const key = await signedIn(bytes.fromHex(analyticsVectors.vectors[0].export_key));
  const vault = fakeVault();
  const { form, buttons } = authorizePage('submit', vault);
  try {
    await loadPage('authorize.js');
    form.click(buttons[1]);
    await until(() => form.posts.length > 0);
  } finally {
    delete globalThis.fetch;
  }
  assert.deepEqual(form.posts, [[`analytics_id=${analyticsVectors.vectors[0].analytics_id}`, 'decision=allow']]);
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
  const key = await signedIn(bytes.fromHex(analyticsVectors.vectors[0].export_key));
  const vault = fakeVault();
  const { form } = authorizePage('auto', vault, { scopes: 'openid' });
  try {
    await loadPage('authorize.js');
    await until(() => form.posts.length > 0);
  } finally {
    delete globalThis.fetch;
  }
  assert.deepEqual(form.posts, [[`analytics_id=${analyticsVectors.vectors[0].analytics_id}`, 'decision=allow']]);
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
  vault.entries.set(foreign, { kind: 'signin', ciphertext: await V.sealEntry(await V.deriveVaultKey(OTHER_EXPORT_KEY), { id: foreign, kind: 'signin', plaintext: '{}' }) });
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
    'An entry that cannot be read with your current password',
  ]);
  assert.equal(vault.requests.length, 2, 'both pages fetched');
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

test('account page: signing out forgets the vault key and the analytics root, then posts', async () => {
  await signedIn();
  const { form } = await accountPage(fakeVault());
  form.click(null);
  await until(() => form.posts.length > 0);
  assert.equal(await V.loadVaultKey(), null);
  assert.equal(await A.loadAnalyticsRoot(), null);
  assert.equal(form.posts.length, 1);
});
