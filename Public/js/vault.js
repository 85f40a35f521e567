/**
 * The user vault (privacy invariant P4): the user's activity (sign-ins, consent decisions) is
 * stored on the server only as entries sealed in this browser, under a key the server never
 * learns. Two formats (docs/keys.md):
 *
 *   format 2 (written by this module):
 *     vault_key = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta vault v2", L: 32)   (root-key.js)
 *     aad       = utf8("flowsta vault v2:" kind ":" id)            (id: the entry's lowercase UUID)
 *     sealed    = 0x02 || nonce (12 random bytes) || AES-256-GCM(vault_key, nonce, utf8(plaintext), aad)
 *
 *   format 1 (accounts from before the root key; read, and rewritten in format 2):
 *     vault_key = HKDF-SHA512(ikm: export_key, salt: empty, info: "flowsta vault v1", L: 32)
 *     aad       = utf8("flowsta vault v1:" kind ":" id)
 *     sealed    = 0x01 || nonce || AES-256-GCM(vault_key, nonce, utf8(plaintext), aad)
 *
 * The GCM output is ciphertext || 16-byte tag; on the wire `sealed` is base64url without
 * padding. The AAD binds an entry to its id, kind and format, so the server cannot move a
 * ciphertext to another entry or relabel it. The format-1 key of an old account travels in its
 * `legacy-vault` envelope (root-key.js); a client that reads a format-1 entry with it writes the
 * entry back in format 2 (`listEntries`, `rewriteLegacyEntries`).
 *
 * At sign-in (`rememberRootKey`) the keys become non-extractable WebCrypto AES-GCM keys kept in
 * IndexedDB (database "flowsta", object store "keys", next to the analytics root): the format-2
 * key under "vault_key_v2", the format-1 key under "vault_key_v1"; signing out deletes both.
 * New entries are only ever sealed in format 2, with the key of "vault_key_v2" (or one given by
 * the caller). The record "vault_key" is the one browsers signed in before the root key kept
 * their export key's format-1 key in: it is never used to write (an entry sealed in format 2
 * under a format-1 key would open for nobody), only deleted at the next sign-in or sign-out;
 * until then such a browser records nothing and its account page asks to sign in again.
 * Known answers: Tests/FlowstaCryptoTests/Vectors/root-key-v1.json (format 2,
 * Tests/support/root_key_vectors.py) and vault-v1.json (format 1, Tests/support/vault_vectors.py).
 */

import { storeAnalyticsRoot, withKeyStore } from './analytics.js';
import { concat, fromBase64Url, randomBytes, toBase64Url, utf8 } from './bytes.js';
import { deriveRootKeys } from './root-key.js';

/** The HKDF info string of the format-1 vault key (and the prefix of every format-1 AAD). */
export const VAULT_INFO = 'flowsta vault v1';

/** The HKDF info string of the format-2 vault key (from the root key; the prefix of format-2 AADs). */
export const VAULT_INFO_V2 = 'flowsta vault v2';

/** The first byte of the entries written now (format 2). */
export const VAULT_VERSION = 2;

/** The first byte of entries of format 1 (read, and rewritten in format 2). */
export const LEGACY_VAULT_VERSION = 1;

const INFO = Object.freeze({ [LEGACY_VAULT_VERSION]: VAULT_INFO, [VAULT_VERSION]: VAULT_INFO_V2 });
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
const AES_GCM = { name: 'AES-GCM', length: 256 };
const RECORD = 'vault_key_v2';
const LEGACY_RECORD = 'vault_key_v1';
// Where browsers signed in before the root key kept the export key's format-1 key: deleted, never used.
const PRE_ROOT_KEY_RECORD = 'vault_key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGE_LIMIT = 100;
const MAX_PAGES = 100;
const DEFAULT_TIMEOUT_MS = 3000;
const LIST_TIMEOUT_MS = 10000;
const REWRITES_IN_FLIGHT = 4;

const subtle = () => globalThis.crypto.subtle;

/**
 * A vault failure. `code` is one of: `invalid_entry` (not base64url, too short, or not UTF-8),
 * `unsupported_version` (first byte is neither 0x01 nor 0x02), `decryption_failed` (wrong key,
 * id or kind, or a tampered entry), `no_key` (no vault key stored in this browser, or none given
 * for the entry's format), `network_error`, `http_error` (`status` set). Messages never contain
 * secret values.
 */
export class VaultError extends Error {
  constructor(code, message = code, status = undefined) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
    if (status !== undefined) this.status = status;
  }
}

/** HKDF-SHA512 with an empty salt (RFC 5869: HashLen zero bytes) and VAULT_INFO (format 1). */
const hkdfParams = () => ({ name: 'HKDF', hash: 'SHA-512', salt: new Uint8Array(0), info: utf8(VAULT_INFO) });

/** Imports the 64-byte export key as HKDF input keying material. */
function importExportKey(exportKey, usages) {
  if (!(exportKey instanceof Uint8Array) || exportKey.length !== 64) throw new TypeError('exportKey: expected 64 bytes');
  return subtle().importKey('raw', exportKey, 'HKDF', false, usages);
}

/**
 * The format-1 vault key of `exportKey` (64 bytes) as a non-extractable AES-256-GCM `CryptoKey`
 * (usages `['encrypt', 'decrypt']`): it reads the entries of an account from before the root key
 * (as `legacyKey`) and seals format-1 entries in known-answer tests. Nothing writes with it:
 * format-2 keys come from the root key (root-key.js `deriveRootKeys`).
 */
export async function deriveVaultKey(exportKey) {
  return subtle().deriveKey(hkdfParams(), await importExportKey(exportKey, ['deriveKey']), AES_GCM, false, ['encrypt', 'decrypt']);
}

/**
 * The format-1 vault key of `exportKey` as 32 raw bytes: what a `legacy-vault` envelope seals
 * (root-key.js `legacyVaultKeyBytes`), and known-answer tests.
 */
export async function vaultKeyBytes(exportKey) {
  return new Uint8Array(await subtle().deriveBits(hkdfParams(), await importExportKey(exportKey, ['deriveBits']), 256));
}

/** 32 raw bytes as a non-extractable AES-256-GCM key (usages `['encrypt', 'decrypt']`). */
function importVaultKey(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) throw new TypeError('key: expected 32 bytes');
  return subtle().importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** `key` as an AES-GCM CryptoKey: a CryptoKey passes through, 32 raw bytes (tests) are imported. */
function aesKey(key) {
  if (key instanceof Uint8Array) return importVaultKey(key);
  if (key?.type !== 'secret' || key.algorithm?.name !== 'AES-GCM') throw new TypeError('key: expected an AES-GCM key');
  return key;
}

/** Throws `TypeError` unless `format` is 1 or 2. */
function expectFormat(format) {
  if (format !== VAULT_VERSION && format !== LEGACY_VAULT_VERSION) throw new TypeError('format: expected 1 or 2');
}

/**
 * The AAD of an entry: utf8("flowsta vault v2:" kind ":" id), or with "flowsta vault v1" for
 * `format` 1. `id` must be a UUID; it is used in lowercase (the canonical form), so an
 * uppercase spelling of the same id gives the same AAD.
 */
export function entryAAD(id, kind, format = VAULT_VERSION) {
  expectFormat(format);
  const canonical = typeof id === 'string' ? id.toLowerCase() : '';
  if (!UUID.test(canonical)) throw new TypeError('id: expected a UUID');
  if (typeof kind !== 'string' || kind.length === 0) throw new TypeError('kind: expected a non-empty string');
  return utf8(`${INFO[format]}:${kind}:${canonical}`);
}

/**
 * Seals `plaintext` (a string, encrypted as UTF-8) as the entry `id` of `kind`; resolves to the
 * base64url (no padding) of 0x02 || nonce || ciphertext || tag. `key` is the format-2
 * `CryptoKey` (root-key.js `deriveRootKeys`, `loadVaultKey`), or 32 raw bytes (tests). `nonce`
 * (12 bytes) is for known-answer tests only: by default it is fresh from the platform CSPRNG.
 * `format` 1 (with a format-1 key) is for tests of the legacy format only.
 */
export async function sealEntry(key, { id, kind, plaintext, nonce, format = VAULT_VERSION } = {}) {
  const aad = entryAAD(id, kind, format);
  if (typeof plaintext !== 'string') throw new TypeError('plaintext: expected a string');
  const iv = nonce ?? randomBytes(NONCE_LENGTH);
  if (!(iv instanceof Uint8Array) || iv.length !== NONCE_LENGTH) throw new TypeError('nonce: expected 12 bytes');
  const params = { name: 'AES-GCM', iv, additionalData: aad, tagLength: TAG_LENGTH * 8 };
  const sealed = new Uint8Array(await subtle().encrypt(params, await aesKey(key), utf8(plaintext)));
  return toBase64Url(concat(Uint8Array.of(format), iv, sealed));
}

/**
 * `keys` as `{ key, legacyKey }`: an object with either property is taken as it is; a single
 * key is the format-2 key, with no separate format-1 key.
 */
function keyPair(keys) {
  const isPair = keys !== null && typeof keys === 'object' && !(keys instanceof Uint8Array) && ('key' in keys || 'legacyKey' in keys);
  return isPair ? { key: keys.key ?? null, legacyKey: keys.legacyKey ?? null } : { key: keys ?? null, legacyKey: null };
}

/** The bytes of `sealed` (base64url); `VaultError` unless it is long enough and of a known format. */
function entryBytes(sealed) {
  let bytes;
  try {
    bytes = fromBase64Url(sealed);
  } catch {
    throw new VaultError('invalid_entry', 'the entry is not base64url');
  }
  if (bytes.length < 1 + NONCE_LENGTH + TAG_LENGTH) throw new VaultError('invalid_entry', 'the entry is too short');
  if (bytes[0] !== VAULT_VERSION && bytes[0] !== LEGACY_VAULT_VERSION) {
    throw new VaultError('unsupported_version', `unsupported entry version ${bytes[0]}`);
  }
  return bytes;
}

/**
 * Opens an entry: `{ plaintext, format, legacy }`, `legacy` true when a format-1 entry opened
 * with a separate format-1 key (so it should be written back in format 2).
 */
async function openSealed(keys, { id, kind, sealed } = {}) {
  entryAAD(id, kind); // argument checks come first
  const bytes = entryBytes(sealed);
  const format = bytes[0];
  const { key, legacyKey } = keyPair(keys);
  const chosen = format === LEGACY_VAULT_VERSION ? legacyKey ?? key : key;
  if (!chosen) throw new VaultError('no_key', `no vault key for entries of format ${format}`);
  const aad = entryAAD(id, kind, format);
  const params = { name: 'AES-GCM', iv: bytes.subarray(1, 1 + NONCE_LENGTH), additionalData: aad, tagLength: TAG_LENGTH * 8 };
  const cryptoKey = await aesKey(chosen);
  let plaintext;
  try {
    plaintext = await subtle().decrypt(params, cryptoKey, bytes.subarray(1 + NONCE_LENGTH));
  } catch {
    throw new VaultError('decryption_failed', 'the entry does not open with this key, id and kind');
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
    return { plaintext: text, format, legacy: format === LEGACY_VAULT_VERSION && legacyKey !== null };
  } catch {
    throw new VaultError('invalid_entry', 'the entry is not UTF-8');
  }
}

/**
 * Opens the entry `id` of `kind`: resolves to its plaintext string. `keys` is `{ key, legacyKey }`
 * (format-2 and format-1 keys: `CryptoKey`s, or 32 raw bytes in tests) or one key, taken as the
 * format-2 key. The first byte picks the key: 0x02 opens with `key`, 0x01 with `legacyKey`, or
 * with `key` when there is no `legacyKey` (so a single format-1 key still opens format-1
 * entries). Throws `VaultError` (`invalid_entry`, `unsupported_version`, `decryption_failed`,
 * `no_key`) when `sealed` is malformed, of another version, does not authenticate under that
 * key, id and kind, or there is no key for its format.
 */
export async function openEntry(keys, { id, kind, sealed } = {}) {
  return (await openSealed(keys, { id, kind, sealed })).plaintext;
}

/** Keeps `key` in IndexedDB under `record`; the structured clone stays non-extractable. Never throws. */
async function storeRecord(record, key) {
  try {
    await withKeyStore('readwrite', (store) => store.put(key, record));
    return true;
  } catch {
    return false;
  }
}

/** The AES-GCM `CryptoKey` stored under `record`, or null. Never throws. */
async function loadRecord(record) {
  try {
    const key = await withKeyStore('readonly', (store) => store.get(record));
    return key?.type === 'secret' && key.algorithm?.name === 'AES-GCM' ? key : null;
  } catch {
    return null;
  }
}

/** Deletes the records `records` in one transaction. Never throws: resolves to false on failure. */
async function deleteRecords(...records) {
  try {
    await withKeyStore('readwrite', (store) => records.map((record) => store.delete(record)).at(-1));
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps the format-2 vault key `key` (root-key.js `deriveRootKeys`) in IndexedDB (record
 * "vault_key_v2"). Never throws: resolves to false when it could not be stored.
 */
export function storeVaultKey(key) {
  return storeRecord(RECORD, key);
}

/**
 * The stored format-2 vault `CryptoKey` (the one new entries are sealed with), or null (none
 * stored, or IndexedDB unavailable).
 */
export function loadVaultKey() {
  return loadRecord(RECORD);
}

/**
 * Keeps the format-1 vault key `key` (of an account older than the root key) in IndexedDB
 * (record "vault_key_v1"). Never throws: resolves to false when it could not be stored.
 */
export function storeLegacyVaultKey(key) {
  return storeRecord(LEGACY_RECORD, key);
}

/** The stored format-1 vault `CryptoKey`, or null (none stored, or IndexedDB unavailable). */
export function loadLegacyVaultKey() {
  return loadRecord(LEGACY_RECORD);
}

/**
 * Deletes the stored vault keys (at sign-out): both formats, and the format-1 key a browser
 * signed in before the root key kept. Never throws: resolves to false on failure.
 */
export function forgetVaultKey() {
  return deleteRecords(RECORD, LEGACY_RECORD, PRE_ROOT_KEY_RECORD);
}

/** 32 raw bytes as a format-1 key, or null (none given, or not 32 bytes). Never throws. */
async function importLegacyKey(bytes) {
  if (bytes === undefined || bytes === null) return null;
  try {
    return await importVaultKey(bytes);
  } catch {
    return null;
  }
}

/**
 * After sign-in with a root key (32 bytes, opened from an envelope or just made): derives the
 * format-2 vault key and the analytics root (root-key.js `deriveRootKeys`) and stores both
 * (records "vault_key_v2" and "analytics_root"); with `legacyVaultKey` (the 32 bytes of the
 * account's `legacy-vault` envelope) also imports the format-1 key and stores it
 * ("vault_key_v1", in the same transaction as "vault_key_v2"), and otherwise deletes any
 * format-1 key left from an earlier sign-in (and the "vault_key" of a browser signed in before
 * the root key). Never throws (signing in must not fail over the vault):
 * resolves to `{ vaultKey, legacyKey }` (`CryptoKey`s, so the page can record the sign-in at
 * once even where IndexedDB is unavailable), null where a key could not be derived or imported.
 */
export async function rememberRootKey(rootKey, { legacyVaultKey } = {}) {
  let derived;
  try {
    derived = await deriveRootKeys(rootKey);
  } catch {
    return { vaultKey: null, legacyKey: null };
  }
  const legacyKey = await importLegacyKey(legacyVaultKey);
  try {
    // One transaction: a format-1 key is never stored next to a vault key of another sign-in.
    await withKeyStore('readwrite', (store) => {
      if (legacyKey) store.put(legacyKey, LEGACY_RECORD);
      else store.delete(LEGACY_RECORD);
      store.delete(PRE_ROOT_KEY_RECORD);
      return store.put(derived.vaultKey, RECORD);
    });
  } catch {
    // IndexedDB unavailable: the keys still serve this page.
  }
  await storeAnalyticsRoot(derived.analyticsRoot);
  return { vaultKey: derived.vaultKey, legacyKey };
}

/** `fetch` of a same-origin vault URL with the session cookie; rejects after `timeoutMs`. */
async function request(fetchImpl, path, init, timeoutMs) {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      controller?.abort();
      reject(new VaultError('network_error', 'the vault did not answer in time'));
    }, timeoutMs);
  });
  try {
    const call = (async () => fetchImpl(path, { ...init, credentials: 'same-origin', signal: controller?.signal }))();
    return await Promise.race([call, timeout]);
  } catch (error) {
    throw error instanceof VaultError ? error : new VaultError('network_error', 'the vault cannot be reached');
  } finally {
    clearTimeout(timer);
  }
}

/** The URL path of entry `id` (a UUID, lowercase). */
function entryPath(id) {
  const canonical = typeof id === 'string' ? id.toLowerCase() : '';
  if (!UUID.test(canonical)) throw new TypeError('id: expected a UUID');
  return `/vault/entries/${canonical}`;
}

/** `PUT /vault/entries/{id}` `{"kind", "ciphertext"}`: resolves to the response. */
function putSealed(fetchImpl, id, kind, ciphertext, timeoutMs) {
  return request(fetchImpl, entryPath(id), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind, ciphertext }),
  }, timeoutMs);
}

/**
 * Records `value` (JSON) as a new entry of `kind`: seals it in format 2 under a fresh random
 * UUID and sends `PUT /vault/entries/{id}` `{"kind", "ciphertext"}`. Resolves to the id once the
 * server answers 201, or to null on any failure (no key, network, timeout, other status):
 * recording history must never block a sign-in. `key` (the format-2 key of `rememberRootKey`)
 * defaults to the stored one; `timeoutMs` bounds the wait.
 */
export async function putEntry({ kind, value, key, fetch: fetchImpl = globalThis.fetch, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  try {
    const vaultKey = key ?? await loadVaultKey();
    if (!vaultKey) return null;
    const id = globalThis.crypto.randomUUID();
    const ciphertext = await sealEntry(vaultKey, { id, kind, plaintext: JSON.stringify(value) });
    const response = await putSealed(fetchImpl, id, kind, ciphertext, timeoutMs);
    return response?.status === 201 ? id : null;
  } catch {
    return null;
  }
}

/**
 * Opens one listed item: `{ entry, rewrite }`, `entry` being `{id, kind, value}` (or
 * `{id, kind, error: true}` when it does not open or is not JSON) and `rewrite` the
 * `{id, kind, plaintext}` of a format-1 entry opened with the separate format-1 key, else null.
 */
async function openItem(keys, item) {
  const id = typeof item?.id === 'string' ? item.id.toLowerCase() : item?.id;
  const kind = item?.kind;
  let opened;
  try {
    opened = await openSealed(keys, { id, kind, sealed: item.ciphertext });
  } catch {
    return { entry: { id, kind, error: true }, rewrite: null };
  }
  const rewrite = opened.legacy ? { id, kind, plaintext: opened.plaintext } : null;
  try {
    return { entry: { id, kind, value: JSON.parse(opened.plaintext) }, rewrite };
  } catch {
    return { entry: { id, kind, error: true }, rewrite };
  }
}

/** One page of `GET /vault/entries`: `{ items, cursor }` (`cursor` the next one, or null). */
async function fetchPage(fetchImpl, kind, cursor, timeoutMs) {
  const query = new URLSearchParams({ limit: String(PAGE_LIMIT) });
  if (kind) query.set('kind', kind);
  if (cursor) query.set('cursor', cursor);
  const response = await request(fetchImpl, `/vault/entries?${query}`, { method: 'GET', headers: { Accept: 'application/json' } }, timeoutMs);
  if (response.status !== 200) throw new VaultError('http_error', `GET /vault/entries: HTTP ${response.status}`, response.status);
  let body;
  try {
    body = await response.json();
  } catch {
    throw new VaultError('http_error', 'GET /vault/entries: not JSON', response.status);
  }
  const next = typeof body?.next_cursor === 'string' && body.next_cursor !== '' ? body.next_cursor : null;
  return { items: Array.isArray(body?.items) ? body.items : [], cursor: next };
}

/**
 * Every entry (of `kind`, if given), opened with `keys`: `{ entries, rewrites }` (see
 * `openItem`), following `next_cursor` until it is null or repeats.
 */
async function openAll(keys, { kind, fetchImpl, timeoutMs }) {
  const entries = [];
  const rewrites = [];
  const seen = new Set();
  let cursor = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(fetchImpl, kind, cursor, timeoutMs);
    for (const { entry, rewrite } of await Promise.all(result.items.map((item) => openItem(keys, item)))) {
      entries.push(entry);
      if (rewrite) rewrites.push(rewrite);
    }
    cursor = result.cursor;
    if (!cursor || seen.has(cursor)) break;
    seen.add(cursor);
  }
  return { entries, rewrites };
}

/** Runs `worker` on every item, at most `limit` at a time. */
async function inPool(items, limit, worker) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await worker(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Writes the format-1 entries `rewrites` back in format 2 under `key` (same id and kind), at
 * most REWRITES_IN_FLIGHT at a time. Best effort: resolves to how many the server took
 * (200 or 201); failures are skipped (the entry stays in format 1 and is rewritten next time).
 */
async function rewriteAll(key, rewrites, fetchImpl, timeoutMs) {
  let rewritten = 0;
  await inPool(rewrites, REWRITES_IN_FLIGHT, async ({ id, kind, plaintext }) => {
    try {
      const response = await putSealed(fetchImpl, id, kind, await sealEntry(key, { id, kind, plaintext }), timeoutMs);
      if (response?.status === 200 || response?.status === 201) rewritten++;
    } catch {
      // Best effort: the entry still opens with the format-1 key.
    }
  });
  return rewritten;
}

/**
 * The keys to read with, `{ key, legacyKey }` (each given, else stored), and whether format-1
 * entries may be rewritten: only with both keys, and two different ones (`key` is the format-2
 * key; a caller that passes its format-1 key as both reads, and writes nothing under it).
 */
async function readingKeys(key, legacyKey) {
  const keys = { key: key ?? await loadVaultKey(), legacyKey: legacyKey ?? await loadLegacyVaultKey() };
  const rewritable = Boolean(keys.key && keys.legacyKey) && keys.key !== keys.legacyKey;
  return { keys, rewritable };
}

/**
 * All the user's entries (of `kind`, if given): `GET /vault/entries?limit=100[&kind=…]`, then
 * `&cursor={next_cursor}` until `next_cursor` is null. Resolves to `[{id, kind, value}]` in the
 * server's order; an entry that does not open (tampered, moved, or sealed under another key,
 * e.g. before a password reset) comes as `{id, kind, error: true}`. `key` (format 2) and
 * `legacyKey` (format 1) default to the stored keys; see `openEntry` for which opens what.
 * With `rewrite` (the default) and both keys (`key` of format 2), every entry that opened with
 * `legacyKey` is written back in format 2 (`PUT /vault/entries/{id}`, same kind, at most 4 at a
 * time; best effort, failures ignored) before this resolves. Throws `VaultError`: `no_key`
 * without any vault key (given or stored), `network_error`, `http_error`.
 */
export async function listEntries({
  kind, key, legacyKey, fetch: fetchImpl = globalThis.fetch, timeoutMs = LIST_TIMEOUT_MS, rewrite = true,
} = {}) {
  const { keys, rewritable } = await readingKeys(key, legacyKey);
  if (!keys.key && !keys.legacyKey) throw new VaultError('no_key', 'no vault key is stored in this browser');
  const { entries, rewrites } = await openAll(keys, { kind, fetchImpl, timeoutMs });
  if (rewrite && rewritable && rewrites.length > 0) await rewriteAll(keys.key, rewrites, fetchImpl, timeoutMs);
  return entries;
}

/**
 * Right after an account gets its root key: lists the whole vault and writes every format-1
 * entry that opens with `legacyKey` back in format 2 under `key` (both default to the stored
 * keys). Never throws: resolves to how many entries were rewritten (0 without both keys, or
 * when the vault cannot be listed; an entry left in format 1 is rewritten by the next reader).
 */
export async function rewriteLegacyEntries({ key, legacyKey, fetch: fetchImpl = globalThis.fetch, timeoutMs = LIST_TIMEOUT_MS } = {}) {
  try {
    const { keys, rewritable } = await readingKeys(key, legacyKey);
    if (!rewritable) return 0;
    const { rewrites } = await openAll(keys, { fetchImpl, timeoutMs });
    return await rewriteAll(keys.key, rewrites, fetchImpl, timeoutMs);
  } catch {
    return 0;
  }
}

/**
 * Deletes entry `id`: `DELETE /vault/entries/{id}`. Resolves to true on 204; throws `VaultError`
 * (`network_error`, `http_error`) otherwise.
 */
export async function deleteEntry(id, { fetch: fetchImpl = globalThis.fetch, timeoutMs = LIST_TIMEOUT_MS } = {}) {
  // A signed-in change is sent as JSON even without a body (the server's CSRF rule).
  const response = await request(fetchImpl, entryPath(id), { method: 'DELETE', headers: { 'Content-Type': 'application/json' } }, timeoutMs);
  if (response.status !== 204) throw new VaultError('http_error', `DELETE /vault/entries: HTTP ${response.status}`, response.status);
  return true;
}
