/** Byte helpers shared by the Flowsta browser modules: hex, base64url, UTF-8, concatenation. */

const HEX = '0123456789abcdef';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_REVERSE = new Map([...B64URL].map((c, i) => [c, i]));

/** Lowercase hex encoding of `bytes`. */
export function toHex(bytes) {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4] + HEX[b & 15];
  return out;
}

/** Decodes an even-length hex string; throws `TypeError` on anything else. */
export function fromHex(hex) {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new TypeError('invalid hex string');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** base64url without padding (RFC 4648 §5), the encoding of every byte field on the wire. */
export function toBase64Url(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64URL[(n >> 18) & 63] + B64URL[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += B64URL[(n >> 6) & 63];
    if (i + 2 < bytes.length) out += B64URL[n & 63];
  }
  return out;
}

/** Strict base64url decoding: rejects padding, foreign characters, impossible lengths and non-zero trailing bits. */
export function fromBase64Url(text) {
  if (typeof text !== 'string' || text.length % 4 === 1) throw new TypeError('invalid base64url');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (const c of text) {
    const v = B64URL_REVERSE.get(c);
    if (v === undefined) throw new TypeError('invalid base64url');
    acc = ((acc << 6) | v) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  // Non-canonical encodings leave set bits behind the last byte.
  if ((acc & ((1 << bits) - 1)) !== 0) throw new TypeError('invalid base64url');
  return out;
}

/** UTF-8 encoding of a string (no Unicode normalization, like the Swift SDK's `String.utf8`). */
export function utf8(text) {
  return new TextEncoder().encode(text);
}

/** Concatenation of byte arrays. */
export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** I2OSP(n, 2): big-endian two-byte length prefix (RFC 8017 §4.1). */
export function i2osp2(n) {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new RangeError('I2OSP: value does not fit in 2 bytes');
  return Uint8Array.of(n >> 8, n & 0xff);
}

/** Bytewise XOR of two equal-length arrays. */
export function xor(a, b) {
  if (a.length !== b.length) throw new RangeError('xor: length mismatch');
  return a.map((x, i) => x ^ b[i]);
}

/** Equality whose running time depends only on the lengths, for MACs and secrets. */
export function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** `true` when every byte is zero, checked without early exit. */
export function isZero(bytes) {
  let acc = 0;
  for (const b of bytes) acc |= b;
  return acc === 0;
}

/** `count` bytes from the platform CSPRNG (`crypto.getRandomValues`). */
export function randomBytes(count) {
  return globalThis.crypto.getRandomValues(new Uint8Array(count));
}
