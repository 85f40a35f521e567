/**
 * Zero-knowledge monthly active users: the browser derives one analytics id per user, app and
 * month from the OPAQUE export key, and the server only counts distinct ids (it cannot link them
 * to a user, across apps or across months).
 *
 *   analytics_root = HKDF-SHA512(ikm: export_key, salt: empty, info: "flowsta analytics v1", L: 32)
 *   analytics_id   = base64url_nopad(HMAC-SHA256(analytics_root, utf8(client_id ":" YYYY-MM))[0..<16])
 *
 * At sign-in the root becomes a non-extractable WebCrypto HMAC key kept in IndexedDB (database
 * "flowsta", object store "keys", key "analytics_root"); the authorization pages load it to
 * compute the id, and signing out deletes it. Neither the export key nor the root is ever sent.
 * Known answers: Tests/FlowstaCryptoTests/Vectors/analytics-v1.json (Tests/support/analytics_vectors.py).
 */

import { toBase64Url, utf8 } from './bytes.js';

/** The HKDF info string of the analytics root. */
export const ANALYTICS_INFO = 'flowsta analytics v1';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256', length: 256 };
const DATABASE = 'flowsta';
const STORE = 'keys';
const RECORD = 'analytics_root';

const subtle = () => globalThis.crypto.subtle;

/** HKDF-SHA512 with an empty salt (RFC 5869: HashLen zero bytes) and ANALYTICS_INFO. */
const hkdfParams = () => ({ name: 'HKDF', hash: 'SHA-512', salt: new Uint8Array(0), info: utf8(ANALYTICS_INFO) });

/** Imports the 64-byte export key as HKDF input keying material. */
function importExportKey(exportKey, usages) {
  if (!(exportKey instanceof Uint8Array) || exportKey.length !== 64) throw new TypeError('exportKey: expected 64 bytes');
  return subtle().importKey('raw', exportKey, 'HKDF', false, usages);
}

/**
 * The analytics root of `exportKey` (64 bytes) as a non-extractable HMAC-SHA256 `CryptoKey`
 * (usages `['sign']`), ready for `analyticsID` and `storeAnalyticsRoot`.
 */
export async function deriveAnalyticsRoot(exportKey) {
  return subtle().deriveKey(hkdfParams(), await importExportKey(exportKey, ['deriveKey']), HMAC_SHA256, false, ['sign']);
}

/**
 * The analytics root of `exportKey` as 32 raw bytes. For known-answer tests only: pages use
 * `deriveAnalyticsRoot`, whose key cannot be read back.
 */
export async function analyticsRootBytes(exportKey) {
  return new Uint8Array(await subtle().deriveBits(hkdfParams(), await importExportKey(exportKey, ['deriveBits']), 256));
}

/**
 * The analytics id (22 base64url characters) of `clientID` for `month` ("YYYY-MM"). `root` is
 * the `CryptoKey` from `deriveAnalyticsRoot`/`loadAnalyticsRoot`, or 32 raw bytes (tests).
 * Throws `TypeError` on a malformed month or an empty client id.
 */
export async function analyticsID(root, clientID, month) {
  if (typeof month !== 'string' || !MONTH.test(month)) throw new TypeError('month: expected YYYY-MM');
  if (typeof clientID !== 'string' || clientID.length === 0) throw new TypeError('clientID: expected a non-empty string');
  const key = root instanceof Uint8Array ? await subtle().importKey('raw', root, HMAC_SHA256, false, ['sign']) : root;
  const mac = new Uint8Array(await subtle().sign('HMAC', key, utf8(`${clientID}:${month}`)));
  return toBase64Url(mac.subarray(0, 16));
}

/** Opens (creating on first use) the "flowsta" database; rejects when IndexedDB is unavailable. */
function openDatabase() {
  return new Promise((resolve, reject) => {
    const request = globalThis.indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Runs `operation(store)` in one transaction on the "keys" store of the "flowsta" database;
 * resolves to its request's result once committed. Shared with vault.js (record "vault_key").
 */
export async function withKeyStore(mode, operation) {
  const db = await openDatabase();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = operation(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/**
 * Keeps `key` (from `deriveAnalyticsRoot`) in IndexedDB; the structured clone stays
 * non-extractable. Never throws: resolves to false when it could not be stored.
 */
export async function storeAnalyticsRoot(key) {
  try {
    await withKeyStore('readwrite', (store) => store.put(key, RECORD));
    return true;
  } catch {
    return false;
  }
}

/** The stored analytics root `CryptoKey`, or null (none stored, or IndexedDB unavailable). */
export async function loadAnalyticsRoot() {
  try {
    const key = await withKeyStore('readonly', (store) => store.get(RECORD));
    return key?.type === 'secret' && key.algorithm?.name === 'HMAC' ? key : null;
  } catch {
    return null;
  }
}

/** Deletes the stored analytics root (at sign-out). Never throws: resolves to false on failure. */
export async function forgetAnalyticsRoot() {
  try {
    await withKeyStore('readwrite', (store) => store.delete(RECORD));
    return true;
  } catch {
    return false;
  }
}

/** Whether IndexedDB can be opened here: without it no root can be kept between pages. */
export async function analyticsStorageAvailable() {
  try {
    (await openDatabase()).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * After sign-in: derives the analytics root from `exportKey` and stores it. Never throws
 * (signing in must not fail over analytics); resolves to whether the root was stored.
 */
export async function rememberAnalyticsRoot(exportKey) {
  try {
    return await storeAnalyticsRoot(await deriveAnalyticsRoot(exportKey));
  } catch {
    return false;
  }
}
