/**
 * BLAKE2b (RFC 7693) on 32-bit halves: 64-bit words are pairs of Uint32Array entries, low half
 * first, so no BigInt is involved. Used by Argon2id (argon2id.js).
 */

const EMPTY = new Uint8Array(0);

// BLAKE2b initialization vector (RFC 7693 §2.6) as [low, high] halves.
const IV = Uint32Array.from([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
  0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

// Message schedule SIGMA (RFC 7693 §2.7), pre-doubled to index 32-bit halves; rounds 10 and 11 reuse 0 and 1.
const SIGMA = Uint8Array.from([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
  11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
  7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
  9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
  2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
  12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
  13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
  6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
  10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
].map((x) => 2 * x));

/** BLAKE2b mixing function G (RFC 7693 §3.1) on halves: a, b, c, d index v; x, y index m. */
function mixB2(v, m, a, b, c, d, x, y) {
  let al = v[a], ah = v[a + 1], bl = v[b], bh = v[b + 1];
  let cl = v[c], ch = v[c + 1], dl = v[d], dh = v[d + 1];
  let t;
  // a = a + b + x; d = (d ^ a) >>> 32
  t = (al + bl) >>> 0; ah = (ah + bh + (t < al ? 1 : 0)) >>> 0; al = t;
  t = (al + m[x]) >>> 0; ah = (ah + m[x + 1] + (t < al ? 1 : 0)) >>> 0; al = t;
  t = dl ^ al; dl = (dh ^ ah) >>> 0; dh = t >>> 0;
  // c = c + d; b = (b ^ c) >>> 24
  t = (cl + dl) >>> 0; ch = (ch + dh + (t < cl ? 1 : 0)) >>> 0; cl = t;
  bl ^= cl; bh ^= ch;
  t = (bl >>> 24) | (bh << 8); bh = ((bh >>> 24) | (bl << 8)) >>> 0; bl = t >>> 0;
  // a = a + b + y; d = (d ^ a) >>> 16
  t = (al + bl) >>> 0; ah = (ah + bh + (t < al ? 1 : 0)) >>> 0; al = t;
  t = (al + m[y]) >>> 0; ah = (ah + m[y + 1] + (t < al ? 1 : 0)) >>> 0; al = t;
  dl ^= al; dh ^= ah;
  t = (dl >>> 16) | (dh << 16); dh = ((dh >>> 16) | (dl << 16)) >>> 0; dl = t >>> 0;
  // c = c + d; b = (b ^ c) >>> 63
  t = (cl + dl) >>> 0; ch = (ch + dh + (t < cl ? 1 : 0)) >>> 0; cl = t;
  bl ^= cl; bh ^= ch;
  t = (bl << 1) | (bh >>> 31); bh = ((bh << 1) | (bl >>> 31)) >>> 0; bl = t >>> 0;
  v[a] = al; v[a + 1] = ah; v[b] = bl; v[b + 1] = bh;
  v[c] = cl; v[c + 1] = ch; v[d] = dl; v[d + 1] = dh;
}

/** BLAKE2b compression F (RFC 7693 §3.2) of the 128-byte block at `block[offset]`. */
function compressB2(h, v, m, block, offset, counter, last) {
  for (let i = 0; i < 32; i++) {
    const j = offset + 4 * i;
    m[i] = block[j] | (block[j + 1] << 8) | (block[j + 2] << 16) | (block[j + 3] << 24);
  }
  v.set(h);
  v.set(IV, 16);
  v[24] ^= counter >>> 0;
  v[25] ^= Math.floor(counter / 0x100000000);
  if (last) {
    v[28] = ~v[28];
    v[29] = ~v[29];
  }
  for (let r = 0; r < 12; r++) {
    const s = r * 16;
    mixB2(v, m, 0, 8, 16, 24, SIGMA[s], SIGMA[s + 1]);
    mixB2(v, m, 2, 10, 18, 26, SIGMA[s + 2], SIGMA[s + 3]);
    mixB2(v, m, 4, 12, 20, 28, SIGMA[s + 4], SIGMA[s + 5]);
    mixB2(v, m, 6, 14, 22, 30, SIGMA[s + 6], SIGMA[s + 7]);
    mixB2(v, m, 0, 10, 20, 30, SIGMA[s + 8], SIGMA[s + 9]);
    mixB2(v, m, 2, 12, 22, 24, SIGMA[s + 10], SIGMA[s + 11]);
    mixB2(v, m, 4, 14, 16, 26, SIGMA[s + 12], SIGMA[s + 13]);
    mixB2(v, m, 6, 8, 18, 28, SIGMA[s + 14], SIGMA[s + 15]);
  }
  for (let i = 0; i < 16; i++) h[i] ^= v[i] ^ v[i + 16];
}

/** BLAKE2b-`outLength`(input) with an optional key (RFC 7693 §3.3); 1 <= outLength <= 64. */
export function blake2b(input, outLength = 64, key = EMPTY) {
  // RFC 7693 §2.1: 1 <= nn <= 64 and 0 <= kk <= 64.
  if (!Number.isInteger(outLength) || outLength < 1 || outLength > 64 || key.length > 64) {
    throw new RangeError('BLAKE2b: bad output or key length');
  }
  const h = IV.slice();
  h[0] ^= 0x01010000 ^ (key.length << 8) ^ outLength;
  const v = new Uint32Array(32);
  const m = new Uint32Array(32);
  const data = new Uint8Array(key.length ? 128 + input.length : input.length);
  data.set(key);
  data.set(input, key.length ? 128 : 0);
  const blocks = Math.max(1, Math.ceil(data.length / 128));
  for (let i = 0; i < blocks - 1; i++) compressB2(h, v, m, data, i * 128, (i + 1) * 128, false);
  const tail = new Uint8Array(128);
  tail.set(data.subarray((blocks - 1) * 128));
  compressB2(h, v, m, tail, 0, data.length, true);
  const out = new Uint8Array(64);
  for (let i = 0; i < 16; i++) {
    out[4 * i] = h[i];
    out[4 * i + 1] = h[i] >>> 8;
    out[4 * i + 2] = h[i] >>> 16;
    out[4 * i + 3] = h[i] >>> 24;
  }
  return out.slice(0, outLength);
}
