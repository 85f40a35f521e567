/**
 * The user vault (privacy invariant P4): the user's activity (sign-ins, consent decisions) is
 * stored on the server only as entries sealed in this browser, under a key derived from the
 * OPAQUE export key, which the server never learns.
 *
 *   vault_key = HKDF-SHA512(ikm: export_key, salt: empty, info: "flowsta vault v1", L: 32)
 *   aad       = utf8("flowsta vault v1:" kind ":" id)            (id: the entry's lowercase UUID)
 *   sealed    = 0x01 || nonce (12 random bytes) || AES-256-GCM(vault_key, nonce, utf8(plaintext), aad)
 *
 * The GCM output is ciphertext || 16-byte tag; on the wire `sealed` is base64url without
 * padding. The AAD binds an entry to its id and kind, so the server cannot move a ciphertext to
 * another entry or relabel it. At sign-in the key becomes a non-extractable WebCrypto AES-GCM key
 * kept in IndexedDB (database "flowsta", object store "keys", key "vault_key", next to the
 * analytics root); signing out deletes it.
 * Known answers: Tests/FlowstaCryptoTests/Vectors/vault-v1.json (Tests/support/vault_vectors.py).
 */

import { withKeyStore } from './analytics.js';
import { concat, fromBase64Url, randomBytes, toBase64Url, utf8 } from './bytes.js';

/** The HKDF info string of the vault key (and the prefix of every entry's AAD). */
export const VAULT_INFO = 'flowsta vault v1';

/** The first byte of a sealed entry. */
export const VAULT_VERSION = 1;

const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
const AES_GCM = { name: 'AES-GCM', length: 256 };
const RECORD = 'vault_key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGE_LIMIT = 100;
const MAX_PAGES = 100;
const DEFAULT_TIMEOUT_MS = 3000;

const subtle = () => globalThis.crypto.subtle;

/**
 * A vault failure. `code` is one of: `invalid_entry` (not base64url, too short, or not UTF-8),
 * `unsupported_version` (first byte is not 0x01), `decryption_failed` (wrong key, id or kind, or
 * a tampered entry), `no_key` (no vault key stored in this browser), `network_error`,
 * `http_error` (`status` set). Messages never contain secret values.
 */
export class VaultError extends Error {
  constructor(code, message = code, status = undefined) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
    if (status !== undefined) this.status = status;
  }
}

/** HKDF-SHA512 with an empty salt (RFC 5869: HashLen zero bytes) and VAULT_INFO. */
const hkdfParams = () => ({ name: 'HKDF', hash: 'SHA-512', salt: new Uint8Array(0), info: utf8(VAULT_INFO) });

/** Imports the 64-byte export key as HKDF input keying material. */
function importExportKey(exportKey, usages) {
  if (!(exportKey instanceof Uint8Array) || exportKey.length !== 64) throw new TypeError('exportKey: expected 64 bytes');
  return subtle().importKey('raw', exportKey, 'HKDF', false, usages);
}

/**
 * The vault key of `exportKey` (64 bytes) as a non-extractable AES-256-GCM `CryptoKey`
 * (usages `['encrypt', 'decrypt']`), ready for `sealEntry`, `openEntry` and `storeVaultKey`.
 */
export async function deriveVaultKey(exportKey) {
  return subtle().deriveKey(hkdfParams(), await importExportKey(exportKey, ['deriveKey']), AES_GCM, false, ['encrypt', 'decrypt']);
}

/**
 * The vault key of `exportKey` as 32 raw bytes. For known-answer tests only: pages use
 * `deriveVaultKey`, whose key cannot be read back.
 */
export async function vaultKeyBytes(exportKey) {
  return new Uint8Array(await subtle().deriveBits(hkdfParams(), await importExportKey(exportKey, ['deriveBits']), 256));
}

/** `key` as an AES-GCM CryptoKey: a CryptoKey passes through, 32 raw bytes (tests) are imported. */
function aesKey(key) {
  if (key instanceof Uint8Array) {
    if (key.length !== 32) throw new TypeError('key: expected 32 bytes');
    return subtle().importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt']);
  }
  if (key?.type !== 'secret' || key.algorithm?.name !== 'AES-GCM') throw new TypeError('key: expected an AES-GCM key');
  return key;
}

/**
 * The AAD of an entry: utf8("flowsta vault v1:" kind ":" id). `id` must be a UUID; it is used
 * in lowercase (the canonical form), so an uppercase spelling of the same id gives the same AAD.
 */
export function entryAAD(id, kind) {
  const canonical = typeof id === 'string' ? id.toLowerCase() : '';
  if (!UUID.test(canonical)) throw new TypeError('id: expected a UUID');
  if (typeof kind !== 'string' || kind.length === 0) throw new TypeError('kind: expected a non-empty string');
  return utf8(`${VAULT_INFO}:${kind}:${canonical}`);
}

/**
 * Seals `plaintext` (a string, encrypted as UTF-8) as the entry `id` of `kind`; resolves to the
 * base64url (no padding) of 0x01 || nonce || ciphertext || tag. `key` is the `CryptoKey` from
 * `deriveVaultKey`/`loadVaultKey`, or 32 raw bytes (tests). `nonce` (12 bytes) is for
 * known-answer tests only: by default it is fresh from the platform CSPRNG.
 */
export async function sealEntry(key, { id, kind, plaintext, nonce } = {}) {
  const aad = entryAAD(id, kind);
  if (typeof plaintext !== 'string') throw new TypeError('plaintext: expected a string');
  const iv = nonce ?? randomBytes(NONCE_LENGTH);
  if (!(iv instanceof Uint8Array) || iv.length !== NONCE_LENGTH) throw new TypeError('nonce: expected 12 bytes');
  const params = { name: 'AES-GCM', iv, additionalData: aad, tagLength: TAG_LENGTH * 8 };
  const sealed = new Uint8Array(await subtle().encrypt(params, await aesKey(key), utf8(plaintext)));
  return toBase64Url(concat(Uint8Array.of(VAULT_VERSION), iv, sealed));
}

/**
 * Opens the entry `id` of `kind`: resolves to its plaintext string. Throws `VaultError`
 * (`invalid_entry`, `unsupported_version` or `decryption_failed`) when `sealed` is malformed,
 * of another version, or does not authenticate under this key, id and kind.
 */
export async function openEntry(key, { id, kind, sealed } = {}) {
  const aad = entryAAD(id, kind);
  let bytes;
  try {
    bytes = fromBase64Url(sealed);
  } catch {
    throw new VaultError('invalid_entry', 'the entry is not base64url');
  }
  if (bytes.length < 1 + NONCE_LENGTH + TAG_LENGTH) throw new VaultError('invalid_entry', 'the entry is too short');
  if (bytes[0] !== VAULT_VERSION) throw new VaultError('unsupported_version', `unsupported entry version ${bytes[0]}`);
  const params = { name: 'AES-GCM', iv: bytes.subarray(1, 1 + NONCE_LENGTH), additionalData: aad, tagLength: TAG_LENGTH * 8 };
  const cryptoKey = await aesKey(key);
  let plaintext;
  try {
    plaintext = await subtle().decrypt(params, cryptoKey, bytes.subarray(1 + NONCE_LENGTH));
  } catch {
    throw new VaultError('decryption_failed', 'the entry does not open with this key, id and kind');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw new VaultError('invalid_entry', 'the entry is not UTF-8');
  }
}

/**
 * Keeps `key` (from `deriveVaultKey`) in IndexedDB; the structured clone stays non-extractable.
 * Never throws: resolves to false when it could not be stored.
 */
export async function storeVaultKey(key) {
  try {
    await withKeyStore('readwrite', (store) => store.put(key, RECORD));
    return true;
  } catch {
    return false;
  }
}

/** The stored vault `CryptoKey`, or null (none stored, or IndexedDB unavailable). */
export async function loadVaultKey() {
  try {
    const key = await withKeyStore('readonly', (store) => store.get(RECORD));
    return key?.type === 'secret' && key.algorithm?.name === 'AES-GCM' ? key : null;
  } catch {
    return null;
  }
}

/** Deletes the stored vault key (at sign-out). Never throws: resolves to false on failure. */
export async function forgetVaultKey() {
  try {
    await withKeyStore('readwrite', (store) => store.delete(RECORD));
    return true;
  } catch {
    return false;
  }
}

/**
 * After sign-in: derives the vault key from `exportKey` and stores it. Never throws (signing in
 * must not fail over the vault). Resolves to the derived key, so the page can record the
 * sign-in at once even where IndexedDB is unavailable, or to null when derivation failed.
 */
export async function rememberVaultKey(exportKey) {
  try {
    const key = await deriveVaultKey(exportKey);
    await storeVaultKey(key);
    return key;
  } catch {
    return null;
  }
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

/**
 * Records `value` (JSON) as a new entry of `kind`: seals it under a fresh random UUID and sends
 * `PUT /vault/entries/{id}` `{"kind", "ciphertext"}`. Resolves to the id once the server answers
 * 201, or to null on any failure (no key, network, timeout, other status): recording history
 * must never block a sign-in. `key` defaults to the stored vault key; `timeoutMs` bounds the wait.
 */
export async function putEntry({ kind, value, key, fetch: fetchImpl = globalThis.fetch, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  try {
    const vaultKey = key ?? await loadVaultKey();
    if (!vaultKey) return null;
    const id = globalThis.crypto.randomUUID();
    const ciphertext = await sealEntry(vaultKey, { id, kind, plaintext: JSON.stringify(value) });
    const response = await request(fetchImpl, entryPath(id), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind, ciphertext }),
    }, timeoutMs);
    return response?.status === 201 ? id : null;
  } catch {
    return null;
  }
}

/** Opens one listed item: `{id, kind, value}`, or `{id, kind, error: true}` when it does not open. */
async function openItem(key, item) {
  const id = typeof item?.id === 'string' ? item.id.toLowerCase() : item?.id;
  const kind = item?.kind;
  try {
    return { id, kind, value: JSON.parse(await openEntry(key, { id, kind, sealed: item.ciphertext })) };
  } catch {
    return { id, kind, error: true };
  }
}

/**
 * All the user's entries (of `kind`, if given): `GET /vault/entries?limit=100[&kind=…]`, then
 * `&cursor={next_cursor}` until `next_cursor` is null. Resolves to `[{id, kind, value}]` in the
 * server's order; an entry that does not open (tampered, moved, or sealed under another key,
 * e.g. before a password change) comes as `{id, kind, error: true}`. Throws `VaultError`:
 * `no_key` without a stored vault key (and `key` not given), `network_error`, `http_error`.
 */
export async function listEntries({ kind, key, fetch: fetchImpl = globalThis.fetch, timeoutMs = 10000 } = {}) {
  const vaultKey = key ?? await loadVaultKey();
  if (!vaultKey) throw new VaultError('no_key', 'no vault key is stored in this browser');
  const entries = [];
  const seen = new Set();
  let cursor = null;
  for (let page = 0; page < MAX_PAGES; page++) {
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
    const items = Array.isArray(body?.items) ? body.items : [];
    entries.push(...await Promise.all(items.map((item) => openItem(vaultKey, item))));
    cursor = typeof body?.next_cursor === 'string' && body.next_cursor !== '' ? body.next_cursor : null;
    if (!cursor || seen.has(cursor)) break;
    seen.add(cursor);
  }
  return entries;
}

/**
 * Deletes entry `id`: `DELETE /vault/entries/{id}`. Resolves to true on 204; throws `VaultError`
 * (`network_error`, `http_error`) otherwise.
 */
export async function deleteEntry(id, { fetch: fetchImpl = globalThis.fetch, timeoutMs = 10000 } = {}) {
  // A signed-in change is sent as JSON even without a body (the server's CSRF rule).
  const response = await request(fetchImpl, entryPath(id), { method: 'DELETE', headers: { 'Content-Type': 'application/json' } }, timeoutMs);
  if (response.status !== 204) throw new VaultError('http_error', `DELETE /vault/entries: HTTP ${response.status}`, response.status);
  return true;
}
