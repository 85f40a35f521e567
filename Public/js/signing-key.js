/**
 * The user's signing key (docs/keys.md): an Ed25519 key (RFC 8032) whose private key is the
 * signing seed of the root key, made and used in this browser only. Its `did:key` is the user's
 * DID; the server learns the public key once, with a proof of possession:
 *
 *   signing_seed = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta signing v1", L: 32)
 *   did          = "did:key:z" base58btc(0xed 0x01 || public_key)
 *   proof        = Ed25519(signing_seed, utf8("flowsta signing key proof v1" LF did LF base64url(challenge)))
 *
 * WebCrypto has no raw import of an Ed25519 private key: the seed goes in as PKCS #8 (a fixed
 * 16-byte prefix), once extractable to read the public key, then again non-extractable; only the
 * non-extractable key is kept (IndexedDB record "signing_key", beside the vault key).
 * Known answers: Tests/FlowstaCryptoTests/Vectors/signing-key-v1.json.
 */

import { withKeyStore } from './analytics.js';
import { concat, fromBase64Url, toBase64Url, utf8 } from './bytes.js';
import { signingSeedBytes } from './root-key.js';

/** The label of a registration proof. */
export const PROOF_LABEL = 'flowsta signing key proof v1';

/** DER of PKCS #8 for an Ed25519 private key (RFC 8410), up to the 32-byte seed. */
const PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
/** The multicodec prefix of an Ed25519 public key (varint 0xed). */
const ED25519_MULTICODEC = Uint8Array.from([0xed, 0x01]);
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const RECORD = 'signing_key';
const ED25519 = { name: 'Ed25519' };

const subtle = () => globalThis.crypto.subtle;

/** `bytes` in base58btc (the Bitcoin alphabet), leading zero bytes as '1'. */
export function base58btc(bytes) {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros += 1;
  const digits = [];
  for (const byte of bytes.subarray(zeros)) {
    let carry = byte;
    for (let i = 0; i < digits.length; i += 1) {
      carry += digits[i] << 8;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  return '1'.repeat(zeros) + digits.reverse().map((digit) => BASE58[digit]).join('');
}

/** The `did:key` of a 32-byte Ed25519 public key. Throws `TypeError` for another length. */
export function didKeyOf(publicKey) {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) throw new TypeError('publicKey: expected 32 bytes');
  return `did:key:z${base58btc(concat(ED25519_MULTICODEC, publicKey))}`;
}

/** The bytes a registration proof signs. */
export function proofMessage(did, challenge) {
  return utf8(`${PROOF_LABEL}\n${did}\n${toBase64Url(challenge)}`);
}

/**
 * The signing key of `rootKey` (32 bytes): `{privateKey, publicKey, did}` — `privateKey` a
 * non-extractable Ed25519 `CryptoKey` for `['sign']`, `publicKey` 32 bytes. Throws `TypeError`
 * unless `rootKey` is 32 bytes.
 */
export async function signingKeyOf(rootKey) {
  const seed = await signingSeedBytes(rootKey);
  const pkcs8 = concat(PKCS8_PREFIX, seed);
  const readable = await subtle().importKey('pkcs8', pkcs8, ED25519, true, ['sign']);
  const jwk = await subtle().exportKey('jwk', readable);
  const privateKey = await subtle().importKey('jwk', { kty: 'OKP', crv: 'Ed25519', d: jwk.d, x: jwk.x }, ED25519, false, ['sign']);
  seed.fill(0);
  pkcs8.fill(0);
  const publicKey = fromBase64Url(jwk.x);
  return { privateKey, publicKey, did: didKeyOf(publicKey) };
}

/** Ed25519 signature (64 bytes) of `message` under `privateKey`. */
export async function sign(privateKey, message) {
  return new Uint8Array(await subtle().sign(ED25519, privateKey, message));
}

/**
 * Keeps `key` (`signingKeyOf`) in IndexedDB for the pages that sign later. Never throws:
 * resolves to false when it could not be stored.
 */
export async function storeSigningKey(key) {
  try {
    await withKeyStore('readwrite', (store) => store.put({ privateKey: key.privateKey, publicKey: key.publicKey, did: key.did }, RECORD));
    return true;
  } catch {
    return false;
  }
}

/** The stored signing key `{privateKey, publicKey, did}`, or null. Never throws. */
export async function loadSigningKey() {
  try {
    const key = await withKeyStore('readonly', (store) => store.get(RECORD));
    return key && key.privateKey && key.publicKey instanceof Uint8Array && typeof key.did === 'string' ? key : null;
  } catch {
    return null;
  }
}

/** Deletes the stored signing key (at sign-out). Never throws: resolves to false on failure. */
export async function forgetSigningKey() {
  try {
    await withKeyStore('readwrite', (store) => store.delete(RECORD));
    return true;
  } catch {
    return false;
  }
}
