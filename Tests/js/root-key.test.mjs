// Node tests for the root key (root-key.js, docs/keys.md) and the format-2 side of the vault
// (vault.js): every known answer of root-key-v1.json (the root-key part of vectors-suite.mjs,
// which the full suite and the Chromium page also run), then behaviour: round trips with
// random keys, which key opens which entry format, rememberRootKey in IndexedDB, and the
// rewriting of format-1 entries in format 2 by listEntries and rewriteLegacyEntries.
// root-key.js is imported before anything else: it and vault.js import each other, and either
// must load first.
import * as R from '../../Public/js/root-key.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { loadLibrary, runRootKeySuite } from './vectors-suite.mjs';
import { fakeVault } from './fake-vault.mjs';
import { fakeIndexedDB } from './page-fakes.mjs';

if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true });
}

const vectorsDir = new URL('../FlowstaCryptoTests/Vectors/', import.meta.url);
const load = (name) => JSON.parse(readFileSync(new URL(name, vectorsDir), 'utf8'));
const lib = await loadLibrary();
const { vault: V, analytics: A, bytes } = lib;
const file = load('root-key-v1.json');
const v1 = load('vault-v1.json');
const ROOT_KEY = bytes.fromHex(file.derivations[0].root_key);
const LEGACY_BYTES = bytes.fromHex(v1.vectors[0].vault_key);
const OTHER_LEGACY_BYTES = bytes.fromHex(v1.vectors.find((v) => v.vault_key !== v1.vectors[0].vault_key).vault_key);
const code = (c) => (error) => error?.code === c;

const results = await runRootKeySuite(load, lib);

test('the root-key vector checks ran', () => assert.ok(results.length > 60, `${results.length} checks`));
for (const result of results) {
  test(`vector: ${result.name}`, () => assert.ok(result.ok, result.detail));
}

test('root-key.js is the module vault.js uses (one instance, whichever loads first)', () => {
  assert.equal(lib.rootKey, R);
  assert.equal(typeof V.rememberRootKey, 'function');
});

/** The format-2 and format-1 keys of a fresh random account: `{ rootKey, key, legacyKey }`. */
async function randomAccount() {
  const rootKey = R.generateRootKey();
  const { vaultKey } = await R.deriveRootKeys(rootKey);
  const legacyKey = await V.deriveVaultKey(bytes.randomBytes(64));
  return { rootKey, key: vaultKey, legacyKey };
}

/** Seals `value` as entry `id` straight into `vault` (as another device would), in `format`. */
async function addEntry(vault, key, kind, value, { format = 2, id = crypto.randomUUID() } = {}) {
  const plaintext = typeof value === 'string' ? value : JSON.stringify(value);
  vault.entries.set(id, { kind, ciphertext: await V.sealEntry(key, { id, kind, plaintext, format }) });
  return id;
}

/** The format byte of each entry of `vault`, by id. */
const formats = (vault) => Object.fromEntries([...vault.entries].map(([id, e]) => [id, bytes.fromBase64Url(e.ciphertext)[0]]));

test('envelopes round-trip with random keys for every kind, bound to the user, the kind and the lock', async () => {
  const userId = crypto.randomUUID();
  const rootKey = R.generateRootKey();
  const legacyVaultKey = await R.legacyVaultKeyBytes(bytes.randomBytes(64));
  for (const kind of R.ENVELOPE_KINDS) {
    const lockSecret = kind === 'legacy-vault' ? rootKey : bytes.randomBytes(kind === 'passkey' ? 32 : 64);
    const key = kind === 'legacy-vault' ? legacyVaultKey : rootKey;
    const envelope = await R.sealEnvelope({ kind, lockSecret, userId, key });
    assert.match(envelope, /^[A-Za-z0-9_-]{82}$/);
    assert.deepEqual(await R.openEnvelope({ kind, lockSecret, userId: userId.toUpperCase(), envelope }), key);
    await assert.rejects(R.openEnvelope({ kind, lockSecret, userId: crypto.randomUUID(), envelope }), code('decryption_failed'));
    await assert.rejects(R.openEnvelope({ kind, lockSecret: bytes.randomBytes(lockSecret.length), userId, envelope }), code('decryption_failed'));
  }
  const lockSecret = bytes.randomBytes(64);
  const envelope = await R.sealEnvelope({ kind: 'password', lockSecret, userId, key: rootKey });
  await assert.rejects(R.openEnvelope({ kind: 'recovery', lockSecret, userId, envelope }), code('decryption_failed'));
});

test('envelope errors are RootKeyErrors whose messages hold no secret', async () => {
  const userId = crypto.randomUUID();
  const lockSecret = bytes.randomBytes(64);
  const rootKey = R.generateRootKey();
  const envelope = await R.sealEnvelope({ kind: 'password', lockSecret, userId, key: rootKey });
  const raw = bytes.fromBase64Url(envelope);
  const cases = [
    [envelope, bytes.randomBytes(64), 'decryption_failed'],
    [bytes.toBase64Url(raw.subarray(0, 60)), lockSecret, 'invalid_envelope'],
    [bytes.toBase64Url(Uint8Array.of(2, ...raw.subarray(1))), lockSecret, 'unsupported_version'],
    [undefined, lockSecret, 'invalid_envelope'],
  ];
  for (const [sealed, secret, expected] of cases) {
    const error = await R.openEnvelope({ kind: 'password', lockSecret: secret, userId, envelope: sealed }).then(() => null, (e) => e);
    assert.ok(error instanceof R.RootKeyError && error instanceof Error, expected);
    assert.equal(error.name, 'RootKeyError');
    assert.equal(error.code, expected);
    for (const secretValue of [lockSecret, rootKey]) {
      assert.ok(!error.message.includes(bytes.toHex(secretValue)) && !error.message.includes(bytes.toBase64Url(secretValue)));
    }
  }
  const invalid = (() => { try { R.parseRecoveryCode('7K3M-Q9XD'); } catch (error) { return error; } return null; })();
  assert.ok(invalid instanceof R.RootKeyError);
  assert.equal(invalid.code, 'invalid_recovery_code');
});

test('the same root key gives the same vault key and analytics ids on every device', async () => {
  const rootKey = R.generateRootKey();
  const [a, b] = [await R.deriveRootKeys(rootKey), await R.deriveRootKeys(rootKey.slice())];
  const id = crypto.randomUUID();
  const sealed = await V.sealEntry(a.vaultKey, { id, kind: 'signin', plaintext: 'hello' });
  assert.equal(await V.openEntry(b.vaultKey, { id, kind: 'signin', sealed }), 'hello');
  assert.equal(await A.analyticsID(a.analyticsRoot, 'flowsta_app_x', '2026-11'), await A.analyticsID(b.analyticsRoot, 'flowsta_app_x', '2026-11'));
  assert.equal(await A.analyticsID(a.analyticsRoot, 'flowsta_app_x', '2026-11'),
    await A.analyticsID(await R.analyticsRootV2Bytes(rootKey), 'flowsta_app_x', '2026-11'));
  const other = await R.deriveRootKeys(R.generateRootKey());
  await assert.rejects(V.openEntry(other.vaultKey, { id, kind: 'signin', sealed }), code('decryption_failed'));
  assert.notEqual(bytes.toHex(await R.signingSeedBytes(rootKey)), bytes.toHex(await R.vaultKeyV2Bytes(rootKey)));
});

test('openEntry dispatches on the format byte: 0x02 opens with key, 0x01 with legacyKey', async () => {
  const { key, legacyKey } = await randomAccount();
  const id = crypto.randomUUID();
  const v2 = await V.sealEntry(key, { id, kind: 'signin', plaintext: 'format 2' });
  const v1 = await V.sealEntry(legacyKey, { id, kind: 'signin', plaintext: 'format 1', format: 1 });
  assert.equal(bytes.fromBase64Url(v1)[0], 1);
  const keys = { key, legacyKey };
  assert.equal(await V.openEntry(keys, { id, kind: 'signin', sealed: v2 }), 'format 2');
  assert.equal(await V.openEntry(keys, { id, kind: 'signin', sealed: v1 }), 'format 1');
  // As before the root key: one (format-1) key alone still opens format-1 entries.
  assert.equal(await V.openEntry(legacyKey, { id, kind: 'signin', sealed: v1 }), 'format 1');
  // Without the format-1 key, a format-1 entry does not open with the format-2 key.
  await assert.rejects(V.openEntry(key, { id, kind: 'signin', sealed: v1 }), code('decryption_failed'));
  await assert.rejects(V.openEntry({ key }, { id, kind: 'signin', sealed: v1 }), code('decryption_failed'));
  await assert.rejects(V.openEntry({ key, legacyKey: key }, { id, kind: 'signin', sealed: v1 }), code('decryption_failed'));
  // Neither key opens the other format.
  await assert.rejects(V.openEntry({ key: legacyKey, legacyKey: key }, { id, kind: 'signin', sealed: v2 }), code('decryption_failed'));
  await assert.rejects(V.openEntry({ legacyKey }, { id, kind: 'signin', sealed: v2 }), code('no_key'));
  await assert.rejects(V.openEntry({ key: null, legacyKey: null }, { id, kind: 'signin', sealed: v1 }), code('no_key'));
  // A format-1 AAD never opens a format-2 entry relabelled 0x01, nor the reverse.
  const relabel = (sealed, version) => bytes.toBase64Url(Uint8Array.of(version, ...bytes.fromBase64Url(sealed).subarray(1)));
  await assert.rejects(V.openEntry(keys, { id, kind: 'signin', sealed: relabel(v2, 1) }), code('decryption_failed'));
  await assert.rejects(V.openEntry({ key: legacyKey }, { id, kind: 'signin', sealed: relabel(v1, 2) }), code('decryption_failed'));
});

test('rememberRootKey stores the vault key, the legacy key and the analytics root; without a legacy key it drops a stale one', async () => {
  globalThis.indexedDB = fakeIndexedDB();
  const d = file.derivations[0];
  const remembered = await V.rememberRootKey(ROOT_KEY, { legacyVaultKey: LEGACY_BYTES });
  assert.equal(remembered.vaultKey.extractable, false);
  assert.equal(remembered.legacyKey.extractable, false);
  const [key, legacyKey, root] = [await V.loadVaultKey(), await V.loadLegacyVaultKey(), await A.loadAnalyticsRoot()];
  assert.deepEqual([key.extractable, legacyKey.extractable, root.extractable], [false, false, false]);
  assert.equal(await A.analyticsID(root, d.analytics_ids[0].client_id, d.analytics_ids[0].month), d.analytics_ids[0].id);
  const old = v1.vectors[0];
  assert.equal(await V.openEntry({ key, legacyKey }, { id: old.id, kind: old.kind, sealed: old.sealed }), old.plaintext);

  // Another sign-in of an account without a legacy-vault envelope: no format-1 key is left.
  const again = await V.rememberRootKey(R.generateRootKey());
  assert.equal(again.legacyKey, null);
  assert.equal(await V.loadLegacyVaultKey(), null);
  assert.ok(await V.loadVaultKey());

  // A legacy key of the wrong size is left out; the rest still works.
  const bad = await V.rememberRootKey(ROOT_KEY, { legacyVaultKey: new Uint8Array(16) });
  assert.ok(bad.vaultKey);
  assert.equal(bad.legacyKey, null);
  assert.equal(await V.loadLegacyVaultKey(), null);
  assert.deepEqual(await V.rememberRootKey('not bytes'), { vaultKey: null, legacyKey: null });

  assert.equal(await V.forgetVaultKey(), true);
  assert.equal(await V.loadVaultKey(), null);
});

test('listEntries opens both formats and writes every format-1 entry it opened back in format 2', async () => {
  globalThis.indexedDB = fakeIndexedDB();
  const { vaultKey: key, legacyKey } = await V.rememberRootKey(ROOT_KEY, { legacyVaultKey: LEGACY_BYTES });
  const vault = fakeVault({ pageSize: 2 });
  const newID = await addEntry(vault, key, 'signin', { n: 1 });
  const oldIDs = [
    await addEntry(vault, legacyKey, 'signin', { n: 2 }, { format: 1 }),
    await addEntry(vault, legacyKey, 'consent', { n: 3, app: 'Café ✓' }, { format: 1 }),
  ];
  const notJSON = await addEntry(vault, legacyKey, 'signin', 'not json', { format: 1 });
  const foreign = await addEntry(vault, await V.deriveVaultKey(bytes.randomBytes(64)), 'signin', { n: 4 }, { format: 1 });

  const expected = [
    { id: newID, kind: 'signin', value: { n: 1 } },
    { id: oldIDs[0], kind: 'signin', value: { n: 2 } },
    { id: oldIDs[1], kind: 'consent', value: { n: 3, app: 'Café ✓' } },
    { id: notJSON, kind: 'signin', error: true },
    { id: foreign, kind: 'signin', error: true },
  ];
  assert.deepEqual(await V.listEntries({ fetch: vault.fetch }), expected);
  const puts = vault.requests.filter((r) => r.method === 'PUT');
  assert.deepEqual(puts.map((r) => r.url).sort(), [...oldIDs, notJSON].map((id) => `/vault/entries/${id}`).sort());
  for (const r of puts) {
    const body = JSON.parse(r.body);
    assert.equal(body.kind, vault.entries.get(r.url.split('/').at(-1)).kind, 'the same kind');
    assert.deepEqual(Object.keys(body).sort(), ['ciphertext', 'kind']);
    assert.equal(r.credentials, 'same-origin');
  }
  assert.deepEqual(formats(vault), { [newID]: 2, [oldIDs[0]]: 2, [oldIDs[1]]: 2, [notJSON]: 2, [foreign]: 1 });
  // Rewritten entries open with the format-2 key alone, to the same plaintext.
  assert.equal(await V.openEntry(key, { id: notJSON, kind: 'signin', sealed: vault.entries.get(notJSON).ciphertext }), 'not json');

  // Read again: the same entries, nothing left to rewrite.
  vault.requests.length = 0;
  assert.deepEqual(await V.listEntries({ fetch: vault.fetch }), expected);
  assert.ok(vault.requests.every((r) => r.method === 'GET'));
});

test('listEntries rewrites nothing with rewrite: false, without a separate legacy key, with one key as both, or beyond its kind filter', async () => {
  globalThis.indexedDB = fakeIndexedDB();
  const { vaultKey: key, legacyKey } = await V.rememberRootKey(ROOT_KEY, { legacyVaultKey: LEGACY_BYTES });
  const vault = fakeVault();
  const signin = await addEntry(vault, legacyKey, 'signin', { n: 1 }, { format: 1 });
  const consent = await addEntry(vault, legacyKey, 'consent', { n: 2 }, { format: 1 });

  assert.deepEqual((await V.listEntries({ fetch: vault.fetch, rewrite: false })).map((e) => e.value), [{ n: 1 }, { n: 2 }]);
  assert.deepEqual(formats(vault), { [signin]: 1, [consent]: 1 });

  // A single key (no legacy key given or stored) cannot tell a format-1 key from a format-2 one.
  globalThis.indexedDB = fakeIndexedDB();
  assert.deepEqual((await V.listEntries({ key: legacyKey, fetch: vault.fetch })).map((e) => e.value), [{ n: 1 }, { n: 2 }]);
  assert.deepEqual((await V.listEntries({ key, fetch: vault.fetch })).map((e) => e.error), [true, true]);
  assert.deepEqual(formats(vault), { [signin]: 1, [consent]: 1 });

  // A format-1 key given as both keys is read with, never written under.
  assert.deepEqual((await V.listEntries({ key: legacyKey, legacyKey, fetch: vault.fetch })).map((e) => e.value), [{ n: 1 }, { n: 2 }]);
  assert.equal(await V.rewriteLegacyEntries({ key: legacyKey, legacyKey, fetch: vault.fetch }), 0);
  assert.ok(vault.requests.every((r) => r.method === 'GET'));
  assert.deepEqual(formats(vault), { [signin]: 1, [consent]: 1 });

  // Explicit keys; a kind filter rewrites only what it listed.
  await V.listEntries({ kind: 'consent', key, legacyKey, fetch: vault.fetch });
  assert.deepEqual(formats(vault), { [signin]: 1, [consent]: 2 });
});

test('rewriting is best effort: failed PUTs are ignored and the entries stay readable', async () => {
  const { key, legacyKey } = await randomAccount();
  globalThis.indexedDB = fakeIndexedDB();
  const vault = fakeVault();
  const ids = [await addEntry(vault, legacyKey, 'signin', { n: 1 }, { format: 1 }), await addEntry(vault, legacyKey, 'signin', { n: 2 }, { format: 1 })];
  vault.failPuts = true;
  assert.deepEqual(await V.listEntries({ key, legacyKey, fetch: vault.fetch }), ids.map((id, i) => ({ id, kind: 'signin', value: { n: i + 1 } })));
  assert.equal(vault.requests.filter((r) => r.method === 'PUT').length, 2);
  assert.equal(await V.rewriteLegacyEntries({ key, legacyKey, fetch: vault.fetch }), 0);
  assert.deepEqual(Object.values(formats(vault)), [1, 1]);
  vault.failPuts = false;
  assert.equal(await V.rewriteLegacyEntries({ key, legacyKey, fetch: vault.fetch }), 2, 'the next reader rewrites them');
});

test('rewriteLegacyEntries: counts what it rewrote, at most 4 PUTs in flight, the stored keys by default', async () => {
  globalThis.indexedDB = fakeIndexedDB();
  const { vaultKey: key, legacyKey } = await V.rememberRootKey(ROOT_KEY, { legacyVaultKey: LEGACY_BYTES });
  const vault = fakeVault({ pageSize: 3, putDelayMs: 10 });
  for (let n = 0; n < 11; n++) await addEntry(vault, legacyKey, n % 2 ? 'consent' : 'signin', { n }, { format: 1 });
  await addEntry(vault, key, 'signin', { n: 'new' });
  await addEntry(vault, await V.deriveVaultKey(bytes.randomBytes(64)), 'signin', { n: 'foreign' }, { format: 1 });

  assert.equal(await V.rewriteLegacyEntries({ fetch: vault.fetch }), 11);
  assert.ok(vault.maxPutsInFlight > 1 && vault.maxPutsInFlight <= 4, `${vault.maxPutsInFlight} in flight`);
  assert.equal(Object.values(formats(vault)).filter((f) => f === 2).length, 12);
  assert.equal(await V.rewriteLegacyEntries({ fetch: vault.fetch }), 0, 'nothing left');
  const values = await V.listEntries({ key, fetch: vault.fetch, rewrite: false });
  assert.deepEqual(values.filter((e) => !e.error).map((e) => e.value.n).sort(), [...Array(11).keys(), 'new'].sort());
});

test('rewriteLegacyEntries never throws: no keys, another legacy key, a vault that is down', async () => {
  const { key, legacyKey } = await randomAccount();
  const vault = fakeVault();
  await addEntry(vault, legacyKey, 'signin', { n: 1 }, { format: 1 });
  globalThis.indexedDB = fakeIndexedDB();
  assert.equal(await V.rewriteLegacyEntries({ fetch: vault.fetch }), 0, 'no stored keys');
  assert.equal(await V.rewriteLegacyEntries({ key, fetch: vault.fetch }), 0, 'no legacy key');
  assert.equal(await V.rewriteLegacyEntries({ legacyKey, fetch: vault.fetch }), 0, 'no format-2 key');
  assert.equal(await V.rewriteLegacyEntries({ key, legacyKey: await V.deriveVaultKey(bytes.randomBytes(64)), fetch: vault.fetch }), 0);
  for (const mode of ['down', 'error']) {
    vault.mode = mode;
    assert.equal(await V.rewriteLegacyEntries({ key, legacyKey, fetch: vault.fetch }), 0, mode);
  }
  vault.mode = 'up';
  delete globalThis.indexedDB;
  assert.equal(await V.rewriteLegacyEntries({ key, legacyKey: await V.deriveVaultKey(bytes.randomBytes(64)), fetch: vault.fetch, timeoutMs: 50 }), 0);
  assert.equal(await V.rewriteLegacyEntries({ key, legacyKey, fetch: vault.fetch }), 1);
});

test('the whole path of an account older than the root key: envelopes, remembered keys, rewritten vault', async () => {
  // What the first sign-in with a Flowsta client does for such an account (docs/keys.md, Flows).
  globalThis.indexedDB = fakeIndexedDB();
  const userId = crypto.randomUUID();
  const exportKey = bytes.randomBytes(64);
  const oldKey = await V.deriveVaultKey(exportKey);
  const vault = fakeVault();
  const ids = [await addEntry(vault, oldKey, 'signin', { n: 1 }, { format: 1 }), await addEntry(vault, oldKey, 'consent', { n: 2 }, { format: 1 })];

  const rootKey = R.generateRootKey();
  const legacyVaultKey = await R.legacyVaultKeyBytes(exportKey);
  const passwordEnvelope = await R.sealEnvelope({ kind: 'password', lockSecret: exportKey, userId, key: rootKey });
  const legacyEnvelope = await R.sealEnvelope({ kind: 'legacy-vault', lockSecret: rootKey, userId, key: legacyVaultKey });
  await V.rememberRootKey(rootKey, { legacyVaultKey });
  assert.equal(await V.rewriteLegacyEntries({ fetch: vault.fetch }), 2);

  // Another device signs in later: its password opens the root key, which opens the old key; the
  // rewritten vault reads with the root key's vault key alone.
  globalThis.indexedDB = fakeIndexedDB();
  const opened = await R.openEnvelope({ kind: 'password', lockSecret: exportKey, userId, envelope: passwordEnvelope });
  assert.deepEqual(await R.openEnvelope({ kind: 'legacy-vault', lockSecret: opened, userId, envelope: legacyEnvelope }), legacyVaultKey);
  await V.rememberRootKey(opened);
  vault.requests.length = 0;
  assert.deepEqual(await V.listEntries({ fetch: vault.fetch }), [
    { id: ids[0], kind: 'signin', value: { n: 1 } }, { id: ids[1], kind: 'consent', value: { n: 2 } },
  ]);
  assert.deepEqual(Object.values(formats(vault)), [2, 2]);
  assert.ok(vault.requests.every((r) => r.method === 'GET'));
});
