/**
 * Zero-knowledge monthly active users: the browser derives one analytics id per user, app and
 * month from the user's analytics root, and the server only counts distinct ids (it cannot link
 * them to a user, across apps or across months).
 *
 *   analytics_root = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta analytics v2", L: 32)
 *   analytics_id   = base64url_nopad(HMAC-SHA256(analytics_root, utf8(client_id ":" YYYY-MM))[0..<16])
 *
 * The analytics root comes from the user's root key (docs/keys.md; derived by root-key.js
 * `deriveRootKeys`, stored by vault.js `rememberRootKey`), so it survives a password change or a
 * recovery. Before the root key it came from the OPAQUE export key of the password
 * (info "flowsta analytics v1"); `deriveAnalyticsRoot` and `analyticsRootBytes` still derive that
 * one, for the known answers of analytics-v1.json and for `rememberAnalyticsRoot`, the fallback
 * of a sign-in whose root key could not be opened or stored. The id's formula is the same for
 * both (the server counts one active user per account, app and month whichever root an id came
 * from).
 *
 * At sign-in the root becomes a non-extractable WebCrypto HMAC key kept in IndexedDB (database
 * "flowsta", object store "keys", key "analytics_root"); the authorization pages load it to
 * compute the id, and signing out deletes it. Neither the root key nor the analytics root is
 * ever sent.
 * Known answers: Tests/FlowstaCryptoTests/Vectors/root-key-v1.json (Tests/support/root_key_vectors.py)
 * and analytics-v1.json (the export-key root, Tests/support/analytics_vectors.py).
 */

import { toBase64Url, utf8 } from './bytes.js';

/** The HKDF info string of the analytics root derived from the export key (before the root key). */
export const ANALYTICS_INFO = 'flowsta analytics v1';

/** The HKDF info string of the analytics root derived from the root key (root-key.js). */
export const ANALYTICS_INFO_V2 = 'flowsta analytics v2';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256', length: 256 };
const DATABASE = 'flowsta';
const STORE = 'keys';
const RECORD = 'analytics_root';

const subtle = () => globalThis.crypto.subtle;

/** HKDF-SHA512 with an empty salt (RFC 5869: HashLen zero bytes) and ANALYTICS_INFO (export key). */
const hkdfParams = () => ({ name: 'HKDF', hash: 'SHA-512', salt: new Uint8Array(0), info: utf8(ANALYTICS_INFO) });

/** Imports the 64-byte export key as HKDF input keying material. */
function importExportKey(exportKey, usages) {
  if (!(exportKey instanceof Uint8Array) || exportKey.length !== 64) throw new TypeError('exportKey: expected 64 bytes');
  return subtle().importKey('raw', exportKey, 'HKDF', false, usages);
}

/**
 * The export-key analytics root of `exportKey` (64 bytes, info "flowsta analytics v1") as a
 * non-extractable HMAC-SHA256 `CryptoKey` (usages `['sign']`), ready for `analyticsID` and
 * `storeAnalyticsRoot`. Accounts with a root key use root-key.js `deriveRootKeys` instead.
 */
export async function deriveAnalyticsRoot(exportKey) {
  return subtle().deriveKey(hkdfParams(), await importExportKey(exportKey, ['deriveKey']), HMAC_SHA256, false, ['sign']);
}

/**
 * The export-key analytics root of `exportKey` as 32 raw bytes. For known-answer tests only
 * (analytics-v1.json): pages use derived keys, which cannot be read back.
 */
export async function analyticsRootBytes(exportKey) {
  return new Uint8Array(await subtle().deriveBits(hkdfParams(), await importExportKey(exportKey, ['deriveBits']), 256));
}

/**
 * The analytics id (22 base64url characters) of `clientID` for `month` ("YYYY-MM"). `root` is
 * the HMAC `CryptoKey` (root-key.js `deriveRootKeys`, `loadAnalyticsRoot`), or 32 raw bytes (tests).
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
 * resolves to its request's result once committed. Shared with vault.js (records "vault_key_v2",
 * "vault_key_v1" and the pre-root-key "vault_key").
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
 * Keeps the analytics root `key` (an HMAC `CryptoKey`) in IndexedDB; the structured clone stays
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
 * The fallback of a sign-in whose root key could not be opened or stored (the sign-in goes on
 * without it): derives the export-key analytics root from `exportKey` and stores it, so the
 * authorization pages can still send an analytics id instead of sending the user back to sign
 * in, over and over. Sign-ins that open the root key store its analytics root instead (vault.js
 * `rememberRootKey`). Never throws; resolves to whether the root was stored.
 */
export async function rememberAnalyticsRoot(exportKey) {
  try {
    return await storeAnalyticsRoot(await deriveAnalyticsRoot(exportKey));
  } catch {
    return false;
  }
}
