/**
 * Argon2id (RFC 9106, version 0x13) with the variable-length hash H'; BLAKE2b (RFC 7693) comes
 * from blake2b.js and is re-exported here.
 *
 * 64-bit words are handled as pairs of 32-bit halves in Uint32Arrays (low half first), never
 * as BigInt, so the production parameters (m = 19456 KiB, t = 2, p = 1) take well under a second.
 * Lanes are filled one after another in a single thread. Not constant time with respect to
 * the password beyond what Argon2id itself guarantees.
 */

import { concat } from './bytes.js';
import { blake2b } from './blake2b.js';

export { blake2b } from './blake2b.js';

const EMPTY = new Uint8Array(0);

/** LE32(n): four-byte little-endian encoding. */
function le32(n) {
  return Uint8Array.of(n, n >>> 8, n >>> 16, n >>> 24);
}

/** The variable-length hash function H'^T(A) (RFC 9106 §3.3). */
export function blake2bLong(input, outLength) {
  const prefixed = concat(le32(outLength), input);
  if (outLength <= 64) return blake2b(prefixed, outLength);
  const r = Math.ceil(outLength / 32) - 2;
  const out = new Uint8Array(outLength);
  let v = blake2b(prefixed, 64);
  out.set(v.subarray(0, 32), 0);
  for (let i = 1; i < r; i++) {
    v = blake2b(v, 64);
    out.set(v.subarray(0, 32), 32 * i);
  }
  out.set(blake2b(v, outLength - 32 * r), 32 * r);
  return out;
}

/**
 * High 32 bits of the 64-bit product of two unsigned 32-bit integers. The double product is
 * within 2^11 of the exact one and the exact low half is known, so rounding recovers the exact high half.
 */
function mulHi(a, b) {
  const lo = Math.imul(a, b) >>> 0;
  return Math.round((a * b - lo) / 0x100000000);
}

/** BlaMka-based G of Argon2 (RFC 9106 §3.6) on halves: a = a + b + 2 * lo(a) * lo(b), etc. */
function mixBlaMka(v, a, b, c, d) {
  let al = v[a], ah = v[a + 1], bl = v[b], bh = v[b + 1];
  let cl = v[c], ch = v[c + 1], dl = v[d], dh = v[d + 1];
  let pl, ph, t;

  pl = Math.imul(al, bl) >>> 0; ph = Math.round((al * bl - pl) / 0x100000000);
  ph = ((ph << 1) | (pl >>> 31)) >>> 0; pl = (pl << 1) >>> 0;
  t = al + bl + pl; al = t >>> 0; ah = (ah + bh + ph + Math.floor(t / 0x100000000)) >>> 0;
  t = dl ^ al; dl = (dh ^ ah) >>> 0; dh = t >>> 0;

  pl = Math.imul(cl, dl) >>> 0; ph = Math.round((cl * dl - pl) / 0x100000000);
  ph = ((ph << 1) | (pl >>> 31)) >>> 0; pl = (pl << 1) >>> 0;
  t = cl + dl + pl; cl = t >>> 0; ch = (ch + dh + ph + Math.floor(t / 0x100000000)) >>> 0;
  bl ^= cl; bh ^= ch;
  t = (bl >>> 24) | (bh << 8); bh = ((bh >>> 24) | (bl << 8)) >>> 0; bl = t >>> 0;

  pl = Math.imul(al, bl) >>> 0; ph = Math.round((al * bl - pl) / 0x100000000);
  ph = ((ph << 1) | (pl >>> 31)) >>> 0; pl = (pl << 1) >>> 0;
  t = al + bl + pl; al = t >>> 0; ah = (ah + bh + ph + Math.floor(t / 0x100000000)) >>> 0;
  dl ^= al; dh ^= ah;
  t = (dl >>> 16) | (dh << 16); dh = ((dh >>> 16) | (dl << 16)) >>> 0; dl = t >>> 0;

  pl = Math.imul(cl, dl) >>> 0; ph = Math.round((cl * dl - pl) / 0x100000000);
  ph = ((ph << 1) | (pl >>> 31)) >>> 0; pl = (pl << 1) >>> 0;
  t = cl + dl + pl; cl = t >>> 0; ch = (ch + dh + ph + Math.floor(t / 0x100000000)) >>> 0;
  bl ^= cl; bh ^= ch;
  t = (bl << 1) | (bh >>> 31); bh = ((bh << 1) | (bl >>> 31)) >>> 0; bl = t >>> 0;

  v[a] = al; v[a + 1] = ah; v[b] = bl; v[b + 1] = bh;
  v[c] = cl; v[c + 1] = ch; v[d] = dl; v[d + 1] = dh;
}

// Offsets (in 32-bit halves) of the 16 words each application of P works on (RFC 9106 §3.6):
// first the eight rows of 16 words, then the eight columns of 2 words per row.
const P_OFFSETS = (() => {
  const out = new Int32Array(256);
  for (let i = 0; i < 8; i++) {
    for (let k = 0; k < 16; k++) {
      out[16 * i + k] = 2 * (16 * i + k);
      out[128 + 16 * i + k] = 2 * (2 * i + 16 * (k >> 1) + (k & 1));
    }
  }
  return out;
})();

const blockR = new Uint32Array(256);
const blockZ = new Uint32Array(256);

/** Compression G(X, Y) (RFC 9106 §3.5); with `xor`, the result is XORed into `out` (version 0x13, passes > 0). */
function compress(x, xOff, y, yOff, out, outOff, xor) {
  const r = blockR;
  for (let i = 0; i < 256; i++) r[i] = x[xOff + i] ^ y[yOff + i];
  blockZ.set(r);
  for (let p = 0; p < 256; p += 16) {
    const o = P_OFFSETS;
    mixBlaMka(r, o[p], o[p + 4], o[p + 8], o[p + 12]);
    mixBlaMka(r, o[p + 1], o[p + 5], o[p + 9], o[p + 13]);
    mixBlaMka(r, o[p + 2], o[p + 6], o[p + 10], o[p + 14]);
    mixBlaMka(r, o[p + 3], o[p + 7], o[p + 11], o[p + 15]);
    mixBlaMka(r, o[p], o[p + 5], o[p + 10], o[p + 15]);
    mixBlaMka(r, o[p + 1], o[p + 6], o[p + 11], o[p + 12]);
    mixBlaMka(r, o[p + 2], o[p + 7], o[p + 8], o[p + 13]);
    mixBlaMka(r, o[p + 3], o[p + 4], o[p + 9], o[p + 14]);
  }
  if (xor) {
    for (let i = 0; i < 256; i++) out[outOff + i] ^= r[i] ^ blockZ[i];
  } else {
    for (let i = 0; i < 256; i++) out[outOff + i] = r[i] ^ blockZ[i];
  }
}

/** Validates the parameters against the ranges of RFC 9106 §3.1. */
function checkParameters({ password, salt, secret, associatedData, parallelism, memory, iterations, tagLength }) {
  const inRange = (n, lo, hi) => Number.isInteger(n) && n >= lo && n <= hi;
  const MAX32 = 0xffffffff;
  // RFC 9106 §3.1: p in 1..2^24-1, T >= 4, m >= 8p, t >= 1, inputs shorter than 2^32 bytes.
  if (!inRange(parallelism, 1, 0xffffff)) throw new RangeError('Argon2id: parallelism out of range');
  if (!inRange(tagLength, 4, MAX32)) throw new RangeError('Argon2id: tag length out of range');
  if (!inRange(memory, 8 * parallelism, MAX32)) throw new RangeError('Argon2id: memory out of range');
  if (!inRange(iterations, 1, MAX32)) throw new RangeError('Argon2id: iterations out of range');
  for (const field of [password, salt, secret, associatedData]) {
    if (!(field instanceof Uint8Array) || field.length > MAX32) throw new TypeError('Argon2id: inputs must be Uint8Arrays');
  }
}

/**
 * Argon2id (RFC 9106 §3, version 0x13): returns `tagLength` bytes.
 * `memory` is in KiB; `secret` and `associatedData` default to empty.
 */
export function argon2id({
  password, salt, secret = EMPTY, associatedData = EMPTY,
  parallelism = 1, memory, iterations, tagLength = 32,
}) {
  const params = { password, salt, secret, associatedData, parallelism, memory, iterations, tagLength };
  checkParameters(params);
  const version = 0x13;
  const type = 2;
  const h0 = blake2b(concat(
    le32(parallelism), le32(tagLength), le32(memory), le32(iterations), le32(version), le32(type),
    le32(password.length), password, le32(salt.length), salt,
    le32(secret.length), secret, le32(associatedData.length), associatedData,
  ), 64);

  // RFC 9106 §3.2: m' = 4 * p * floor(m / 4p) blocks, q = m' / p columns, 4 slices.
  const blockCount = 4 * parallelism * Math.floor(memory / (4 * parallelism));
  const laneLength = blockCount / parallelism;
  const segmentLength = laneLength / 4;
  const mem = new Uint32Array(blockCount * 256);

  for (let lane = 0; lane < parallelism; lane++) {
    for (let column = 0; column < 2; column++) {
      const bytes = blake2bLong(concat(h0, le32(column), le32(lane)), 1024);
      const base = (lane * laneLength + column) * 256;
      for (let i = 0; i < 256; i++) {
        mem[base + i] = bytes[4 * i] | (bytes[4 * i + 1] << 8) | (bytes[4 * i + 2] << 16) | (bytes[4 * i + 3] << 24);
      }
    }
  }

  const ctx = { mem, parallelism, laneLength, segmentLength, blockCount, iterations, type };
  for (let pass = 0; pass < iterations; pass++) {
    for (let slice = 0; slice < 4; slice++) {
      for (let lane = 0; lane < parallelism; lane++) fillSegment(ctx, pass, slice, lane);
    }
  }

  // RFC 9106 §3.2 step 7: C = XOR of the last column; tag = H'^T(C).
  const last = new Uint32Array(256);
  for (let lane = 0; lane < parallelism; lane++) {
    const base = (lane * laneLength + laneLength - 1) * 256;
    for (let i = 0; i < 256; i++) last[i] ^= mem[base + i];
  }
  const finalBlock = new Uint8Array(1024);
  for (let i = 0; i < 256; i++) {
    finalBlock[4 * i] = last[i];
    finalBlock[4 * i + 1] = last[i] >>> 8;
    finalBlock[4 * i + 2] = last[i] >>> 16;
    finalBlock[4 * i + 3] = last[i] >>> 24;
  }
  // Drop the password-derived state before returning.
  mem.fill(0);
  blockR.fill(0);
  blockZ.fill(0);
  return blake2bLong(finalBlock, tagLength);
}

/** Fills one segment (RFC 9106 §3.4): Argon2i addressing in the first half of pass 0, Argon2d after. */
function fillSegment(ctx, pass, slice, lane) {
  const { mem, parallelism, laneLength, segmentLength } = ctx;
  // RFC 9106 §3.4.1.3: Argon2id is data-independent for pass 0, slices 0 and 1.
  const dataIndependent = pass === 0 && slice < 2;
  const zero = new Uint32Array(256);
  const input = new Uint32Array(256);
  const address = new Uint32Array(256);
  const nextAddresses = () => {
    input[12]++;
    compress(zero, 0, input, 0, address, 0, false);
    compress(zero, 0, address, 0, address, 0, false);
  };
  if (dataIndependent) {
    input[0] = pass; input[2] = lane; input[4] = slice;
    input[6] = ctx.blockCount; input[8] = ctx.iterations; input[10] = ctx.type;
  }
  let start = 0;
  if (pass === 0 && slice === 0) {
    // The first two blocks of each lane are already filled.
    start = 2;
    if (dataIndependent) nextAddresses();
  }
  for (let i = start; i < segmentLength; i++) {
    const column = slice * segmentLength + i;
    const current = lane * laneLength + column;
    const previous = column === 0 ? current + laneLength - 1 : current - 1;
    let j1, j2;
    if (dataIndependent) {
      if (i % 128 === 0) nextAddresses();
      j1 = address[2 * (i % 128)];
      j2 = address[2 * (i % 128) + 1];
    } else {
      j1 = mem[previous * 256];
      j2 = mem[previous * 256 + 1];
    }
    // RFC 9106 §3.4.1.1: the first slice of the first pass references only its own lane.
    const refLane = pass === 0 && slice === 0 ? lane : j2 % parallelism;
    const refIndex = referenceIndex(ctx, pass, slice, i, j1, refLane === lane);
    compress(mem, previous * 256, mem, (refLane * laneLength + refIndex) * 256, mem, current * 256, pass > 0);
  }
}

/** Maps J1 to a column of the reference lane (RFC 9106 §3.4.2). */
function referenceIndex({ laneLength, segmentLength }, pass, slice, index, j1, sameLane) {
  let area;
  if (pass === 0) {
    area = slice === 0 ? index - 1
      : slice * segmentLength + (sameLane ? index - 1 : index === 0 ? -1 : 0);
  } else {
    area = laneLength - segmentLength + (sameLane ? index - 1 : index === 0 ? -1 : 0);
  }
  const x = mulHi(j1, j1);
  const z = area - 1 - mulHi(area, x);
  const start = pass === 0 || slice === 3 ? 0 : (slice + 1) * segmentLength;
  return (start + z) % laneLength;
}
