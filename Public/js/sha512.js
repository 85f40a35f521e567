/**
 * SHA-512, HMAC-SHA512 and HKDF-SHA512 (RFC 5869) over WebCrypto (`globalThis.crypto.subtle`).
 *
 * WebCrypto's HKDF only offers Extract-then-Expand in one call, while OPAQUE uses the two
 * steps separately, so Extract is HMAC(salt, ikm) and Expand is iterated HMAC (RFC 5869 §2.2, §2.3).
 */

import { concat } from './bytes.js';

/** Nh: SHA-512 output length in bytes. */
export const HASH_LENGTH = 64;

const subtle = () => globalThis.crypto.subtle;

/** SHA-512(message). */
export async function sha512(message) {
  return new Uint8Array(await subtle().digest('SHA-512', message));
}

/** Imports an HMAC-SHA512 signing key. */
function hmacKey(key) {
  // HMAC pads keys shorter than the block size with zeros (RFC 2104 §2), so an empty key
  // equals a single zero byte; some WebCrypto implementations refuse empty HMAC keys.
  const raw = key.length === 0 ? new Uint8Array(1) : key;
  return subtle().importKey('raw', raw, { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
}

/** HMAC-SHA512(key, message). */
export async function hmacSha512(key, message) {
  return new Uint8Array(await subtle().sign('HMAC', await hmacKey(key), message));
}

/** HKDF-Extract(salt, ikm) with SHA-512 (RFC 5869 §2.2). */
export function hkdfExtract(salt, ikm) {
  return hmacSha512(salt, ikm);
}

/** HKDF-Expand(prk, info, length) with SHA-512 (RFC 5869 §2.3). */
export async function hkdfExpand(prk, info, length) {
  // RFC 5869 §2.3: L <= 255 * HashLen.
  if (length > 255 * HASH_LENGTH) throw new RangeError('HKDF-Expand: output too long');
  const cryptoKey = await hmacKey(prk);
  const blocks = [];
  let previous = new Uint8Array(0);
  for (let i = 1; blocks.length * HASH_LENGTH < length; i++) {
    previous = new Uint8Array(await subtle().sign('HMAC', cryptoKey, concat(previous, info, Uint8Array.of(i))));
    blocks.push(previous);
  }
  return concat(...blocks).slice(0, length);
}
