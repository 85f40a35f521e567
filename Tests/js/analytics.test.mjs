// Node tests for the zero-knowledge MAU pages: signin.js stores the analytics root of the
// user's root key, authorize.js posts this month's analytics_id with "allow" (never with
// "deny"), account.js forgets the root.
// The vault side of the same pages is in vault.test.mjs.
// The known answers themselves are in vectors-suite.mjs. Node has neither a DOM nor IndexedDB:
// the pages run against small stand-ins for both (`node --test Tests/js/`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { loadLibrary } from './vectors-suite.mjs';
import { createFakeFlowsta } from './fake-flowsta-server.mjs';
import { fakeForm, fakeIndexedDB, installPage, until } from './page-fakes.mjs';

// Node 18 has no global WebCrypto by default; the modules look it up on globalThis when called.
if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true });
}

const lib = await loadLibrary();
const A = lib.analytics;
const vectors = JSON.parse(readFileSync(new URL('../FlowstaCryptoTests/Vectors/analytics-v1.json', import.meta.url), 'utf8'));
const V = vectors.vectors[0];
const PAGES = new URL('../../Public/js/pages/', import.meta.url);
let fresh = 0;

/** Imports a page script as a new module instance (pages run once, on import). */
const loadPage = (name) => import(new URL(`${name}?${++fresh}`, PAGES).href);

/** The consent page (data-analytics="submit") or the remembered-consent page ("auto"). */
function authorizePage(mode, dataset = {}) {
  const fields = [{ name: 'analytics_id', type: 'hidden', value: '' }];
  if (mode === 'auto') fields.push({ name: 'decision', type: 'hidden', value: 'allow' });
  const buttons = mode === 'auto'
    ? [{ id: 'continue', disabled: false }]
    : [{ name: 'decision', value: 'deny', disabled: false }, { name: 'decision', value: 'allow', disabled: false }];
  const errorBox = { textContent: '' };
  const form = fakeForm({
    dataset: { analytics: mode, clientId: V.client_id, month: V.month, reauth: '/signin?continue=%2Foauth%2Fauthorize', ...dataset },
    fields, buttons,
  });
  return { form, buttons, errorBox, ...installPage({ 'authorize-form': form }, { 'form-error': errorBox }) };
}

/** Stores the vector's root as sign-in would; returns the expected id. */
async function signedIn() {
  globalThis.indexedDB = fakeIndexedDB();
  assert.equal(await A.storeAnalyticsRoot(await A.deriveAnalyticsRoot(lib.bytes.fromHex(V.export_key))), true);
  return V.analytics_id;
}

test('without IndexedDB: load is null, store and forget resolve to false', async () => {
  delete globalThis.indexedDB;
  assert.equal(await A.storeAnalyticsRoot(await A.deriveAnalyticsRoot(lib.bytes.fromHex(V.export_key))), false);
  assert.equal(await A.loadAnalyticsRoot(), null);
  assert.equal(await A.forgetAnalyticsRoot(), false);
  assert.equal(await A.analyticsStorageAvailable(), false);
  assert.equal(await A.rememberAnalyticsRoot(lib.bytes.fromHex(V.export_key)), false, 'the sign-in fallback fails soft');
  assert.equal(await A.rememberAnalyticsRoot(new Uint8Array(3)), false, 'a bad export key too');
});

test('sign-in page: stores the analytics root of the root key (the same on every device), sends no key', async () => {
  globalThis.indexedDB = fakeIndexedDB();
  const server = createFakeFlowsta(lib);
  const { user, exportKey } = await lib.auth.register({ username: 'erin', password: 'pw', baseURL: 'http://flowsta.test', fetch: server.fetch });
  globalThis.fetch = (url, init) => (String(url).startsWith('/vault/')
    ? Promise.resolve({ ok: true, status: 201, json: async () => ({}) })
    : server.fetch(new URL(url, 'http://flowsta.test').href, init));
  const button = { textContent: 'Sign in', disabled: false };
  const form = fakeForm({
    dataset: { continue: '/oauth/authorize?client_id=x' }, buttons: [button], errorBox: { textContent: '' },
    fields: [{ name: 'username', value: 'erin', removeAttribute() {} }, { name: 'password', value: 'pw', removeAttribute() {} }],
  });
  form.username = form.elements.username;
  form.password = form.elements.password;
  const { navigations } = installPage({ 'signin-form': form });
  try {
    await loadPage('signin.js');
    form.click(button);
    await until(() => navigations.length > 0);
  } finally {
    delete globalThis.fetch;
  }
  assert.deepEqual(navigations, ['/oauth/authorize?client_id=x']);
  // The account had no root key: the page made one and stored its password envelope.
  const envelope = server.accounts.get('erin').keys.envelopes.password;
  const rootKey = await lib.rootKey.openEnvelope({ kind: 'password', lockSecret: exportKey, userId: user.id, envelope });
  const root = await A.loadAnalyticsRoot();
  assert.equal(root.extractable, false);
  const expected = await A.analyticsID(await lib.rootKey.analyticsRootV2Bytes(rootKey), V.client_id, V.month);
  assert.equal(await A.analyticsID(root, V.client_id, V.month), expected);
  assert.notEqual(expected, await A.analyticsID(await A.analyticsRootBytes(exportKey), V.client_id, V.month), 'not the export key\'s');
  const wire = JSON.stringify(server.requests);
  for (const secret of [exportKey, rootKey, await lib.rootKey.analyticsRootV2Bytes(rootKey)]) {
    assert.ok(!wire.includes(lib.bytes.toHex(secret)) && !wire.includes(lib.bytes.toBase64Url(secret)));
  }
});

test('remembered consent (auto): posts analytics_id and decision=allow once', async () => {
  const expected = await signedIn();
  const { form, buttons } = authorizePage('auto');
  await loadPage('authorize.js');
  form.click(buttons[0]); // a click on Continue while the id is computed
  await until(() => form.posts.length > 0);
  form.click(buttons[0]);
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(form.posts, [[`analytics_id=${expected}`, 'decision=allow']]);
});

test('consent page: allow posts the id and decision=allow, buttons disabled', async () => {
  const expected = await signedIn();
  const { form, buttons } = authorizePage('submit');
  await loadPage('authorize.js');
  assert.deepEqual(form.posts, [], 'nothing is posted before a decision');
  form.click(buttons[1]);
  await until(() => form.posts.length > 0);
  assert.deepEqual(form.posts, [[`analytics_id=${expected}`, 'decision=allow']]);
  assert.ok(buttons.every((b) => b.disabled));
});

test('consent page: deny posts decision=deny without an id; an unknown submitter goes through natively', async () => {
  await signedIn();
  const { form, buttons } = authorizePage('submit');
  await loadPage('authorize.js');
  form.elements.analytics_id.value = 'restored-by-the-browser';
  form.click(buttons[0]);
  // Deny is posted by the script (after recording it in the vault, see vault.test.mjs).
  await until(() => form.posts.length > 0);
  assert.deepEqual(form.posts, [['analytics_id=', 'decision=deny']]);
  assert.ok(buttons.every((b) => b.disabled));

  const other = authorizePage('submit');
  await loadPage('authorize.js');
  other.form.elements.analytics_id.value = 'restored-by-the-browser';
  other.form.click(null); // an unknown submitter is never taken as consent
  assert.deepEqual(other.form.posts, [['analytics_id=']]);
});

test('no stored root: back to sign-in (local paths only), nothing posted', async () => {
  globalThis.indexedDB = fakeIndexedDB();
  for (const [reauth, target] of [['/signin?continue=%2Foauth%2Fauthorize', '/signin?continue=%2Foauth%2Fauthorize'], ['//evil.example/', '/signin']]) {
    const { form, navigations } = authorizePage('auto', { reauth });
    await loadPage('authorize.js');
    await until(() => navigations.length > 0);
    assert.deepEqual(navigations, [target]);
    assert.deepEqual(form.posts, []);
  }
});

test('no IndexedDB at all: posts without an id rather than loop through sign-in', async () => {
  delete globalThis.indexedDB;
  const { form, navigations } = authorizePage('auto');
  await loadPage('authorize.js');
  await until(() => form.posts.length > 0);
  assert.deepEqual(form.posts, [['analytics_id=', 'decision=allow']]);
  assert.deepEqual(navigations, []);
});

test('a failure computing the id: message shown, buttons enabled again, nothing posted', async () => {
  await signedIn();
  const { form, buttons, errorBox } = authorizePage('submit', { month: '2026-13' });
  await loadPage('authorize.js');
  form.click(buttons[1]);
  await until(() => errorBox.textContent !== '');
  assert.deepEqual(form.posts, []);
  assert.ok(buttons.every((b) => !b.disabled));
});

test('account page: signing out forgets the root, then posts', async () => {
  await signedIn();
  const form = fakeForm({});
  installPage({ 'signout-form': form });
  await loadPage('account.js');
  form.click(null);
  await until(() => form.posts.length > 0);
  assert.equal(await A.loadAnalyticsRoot(), null);
  assert.equal(form.posts.length, 1);
});
