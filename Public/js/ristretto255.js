/**
 * The ristretto255 prime-order group (RFC 9496) over BigInt, with hash-to-group
 * (RFC 9380 §5.3.1 expand_message_xmd with SHA-512, RFC 9496 §4.3.4 one-way map)
 * and scalar arithmetic modulo the group order L.
 *
 * BigInt arithmetic is not constant time, so nothing here is either: the scalar
 * multiplication performs the same sequence of group operations for every scalar
 * of a given bit length, which only avoids the grossest branch-on-secret leaks.
 */

import { OpaqueError, checkLength } from './errors.js';
import { concat, i2osp2, randomBytes, xor } from './bytes.js';
import { sha512 } from './sha512.js';

/** Ne: length of a serialized element. */
export const ELEMENT_LENGTH = 32;
/** Ns: length of a serialized scalar. */
export const SCALAR_LENGTH = 32;

const P = 2n ** 255n - 19n;
/** The group order L = 2^252 + 27742317777372353535851937790883648493. */
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const mod = (a) => ((a % P) + P) % P;
const D = 37095705934669439343138083508754565189542113879843219016388785533085940283555n;
const D2 = mod(2n * D);
const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n;
const SQRT_AD_MINUS_ONE = 25063068953384623474111414158702152701244531502492656460079210482610430750235n;
const INVSQRT_A_MINUS_D = 54469307008909316920995813868745141605393597292927456921205312896311721017578n;
const ONE_MINUS_D_SQ = 1159843021668779879193775521855586647937357759715417654439879720876111806838n;
const D_MINUS_ONE_SQ = 40440834346308536858101042469323190826248399146238708352240133220865137265952n;

/** Extended twisted Edwards coordinates (X:Y:Z:T) with x = X/Z, y = Y/Z, xy = T/Z. */
const point = (X, Y, Z, T) => Object.freeze({ X, Y, Z, T });

/** The identity element. */
export const IDENTITY = point(0n, 1n, 1n, 0n);
/** The generator: the Ed25519 base point. */
export const GENERATOR = point(
  15112221349535400772501151409588531511454012693041857206046113283949847762202n,
  46316835694926478169428394003475163141307993866256225615783033603165251855960n,
  1n,
  mod(15112221349535400772501151409588531511454012693041857206046113283949847762202n *
    46316835694926478169428394003475163141307993866256225615783033603165251855960n),
);

function pow(base, exponent, modulus) {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

const isNegative = (x) => (mod(x) & 1n) === 1n;
const ctAbs = (x) => (isNegative(x) ? mod(-x) : mod(x));

/** SQRT_RATIO_M1(u, v) (RFC 9496 §4.2): returns [was_square, non-negative r]. */
function sqrtRatioM1(u, v) {
  const v3 = mod(v * v * v);
  const v7 = mod(v3 * v3 * v);
  let r = mod(u * v3 * pow(mod(u * v7), (P - 5n) / 8n, P));
  const check = mod(v * r * r);
  const correctSign = check === mod(u);
  const flippedSign = check === mod(-u);
  const flippedSignI = check === mod(-u * SQRT_M1);
  if (flippedSign || flippedSignI) r = mod(r * SQRT_M1);
  return [correctSign || flippedSign, ctAbs(r)];
}

function bytesToNumberLE(bytes) {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}

function numberToBytesLE(n, length) {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

/** Decode (RFC 9496 §4.3.1): throws `invalid_element` for any non-canonical or invalid encoding. */
export function decode(bytes) {
  checkLength(bytes, ELEMENT_LENGTH, 'element');
  const s = bytesToNumberLE(bytes);
  // RFC 9496 §4.3.1: reject non-canonical field encodings and negative s.
  if (s >= P || isNegative(s)) throw new OpaqueError('invalid_element');
  const ss = mod(s * s);
  const u1 = mod(1n - ss);
  const u2 = mod(1n + ss);
  const u2Sqr = mod(u2 * u2);
  const v = mod(-(D * u1 * u1) - u2Sqr);
  const [wasSquare, invsqrt] = sqrtRatioM1(1n, mod(v * u2Sqr));
  const denX = mod(invsqrt * u2);
  const denY = mod(invsqrt * denX * v);
  const x = ctAbs(2n * s * denX);
  const y = mod(u1 * denY);
  const t = mod(x * y);
  // RFC 9496 §4.3.1: reject if not square, t negative or y zero.
  if (!wasSquare || isNegative(t) || y === 0n) throw new OpaqueError('invalid_element');
  return point(x, y, 1n, t);
}

/** Encode (RFC 9496 §4.3.2): the canonical 32-byte encoding. */
export function encode(p) {
  const { X: x0, Y: y0, Z: z0, T: t0 } = p;
  const u1 = mod((z0 + y0) * (z0 - y0));
  const u2 = mod(x0 * y0);
  const [, invsqrt] = sqrtRatioM1(1n, mod(u1 * u2 * u2));
  const den1 = mod(invsqrt * u1);
  const den2 = mod(invsqrt * u2);
  const zInv = mod(den1 * den2 * t0);
  let x = x0;
  let y = y0;
  let denInv = den2;
  if (isNegative(t0 * zInv)) {
    x = mod(y0 * SQRT_M1);
    y = mod(x0 * SQRT_M1);
    denInv = mod(den1 * INVSQRT_A_MINUS_D);
  }
  if (isNegative(x * zInv)) y = mod(-y);
  return numberToBytesLE(ctAbs(denInv * (z0 - y)), ELEMENT_LENGTH);
}

/** Equality of two elements (RFC 9496 §4.3.3). */
export function equals(p, q) {
  return mod(p.X * q.Y) === mod(p.Y * q.X) || mod(p.Y * q.Y) === mod(p.X * q.X);
}

/** `true` for the identity element. */
export function isIdentity(p) {
  return equals(p, IDENTITY);
}

/** Group addition (complete formula add-2008-hwcd-3 for a = -1). */
export function add(p, q) {
  const a = mod((p.Y - p.X) * (q.Y - q.X));
  const b = mod((p.Y + p.X) * (q.Y + q.X));
  const c = mod(p.T * D2 * q.T);
  const d = mod(2n * p.Z * q.Z);
  const e = b - a;
  const f = d - c;
  const g = d + c;
  const h = b + a;
  return point(mod(e * f), mod(g * h), mod(f * g), mod(e * h));
}

/** `k * p` for a BigInt 0 <= k < 2^256, by double-and-always-add over all 256 bits. */
export function multiply(k, p) {
  let q = IDENTITY;
  for (let i = 255n; i >= 0n; i--) {
    q = add(q, q);
    const sum = add(q, p);
    q = (k >> i) & 1n ? sum : q;
  }
  return q;
}

/** The one-way map MAP(t) (RFC 9496 §4.3.4) from a field element. */
function map(t) {
  const r = mod(SQRT_M1 * t * t);
  const u = mod((r + 1n) * ONE_MINUS_D_SQ);
  const v = mod((-1n - r * D) * (r + D));
  let [wasSquare, s] = sqrtRatioM1(u, v);
  const sPrime = mod(-ctAbs(s * t));
  s = wasSquare ? s : sPrime;
  const c = wasSquare ? P - 1n : r;
  const n = mod(c * (r - 1n) * D_MINUS_ONE_SQ - v);
  const w0 = mod(2n * s * v);
  const w1 = mod(n * SQRT_AD_MINUS_ONE);
  const w2 = mod(1n - s * s);
  const w3 = mod(1n + s * s);
  return point(mod(w0 * w3), mod(w2 * w1), mod(w1 * w3), mod(w0 * w2));
}

/** Element derivation from 64 uniform bytes (RFC 9496 §4.3.4). */
export function fromUniformBytes(bytes) {
  checkLength(bytes, 64, 'uniform bytes');
  // RFC 9496 §4.3.4: mask the most significant bit of each 32-byte half.
  const mask = (2n ** 255n) - 1n;
  const p1 = map(bytesToNumberLE(bytes.subarray(0, 32)) & mask);
  const p2 = map(bytesToNumberLE(bytes.subarray(32, 64)) & mask);
  return add(p1, p2);
}

/** expand_message_xmd(msg, DST, len_in_bytes) with SHA-512 (RFC 9380 §5.3.1). */
export async function expandMessageXmd(msg, dst, length) {
  const bInBytes = 64;
  const ell = Math.ceil(length / bInBytes);
  // RFC 9380 §5.3.1 step 2: ABORT if ell > 255, len_in_bytes > 65535 or len(DST) > 255.
  if (ell > 255 || length > 65535 || length < 1 || dst.length > 255) {
    throw new RangeError('expand_message_xmd: bad length');
  }
  const dstPrime = concat(dst, Uint8Array.of(dst.length));
  const zPad = new Uint8Array(128);
  const b0 = await sha512(concat(zPad, msg, i2osp2(length), Uint8Array.of(0), dstPrime));
  let bi = await sha512(concat(b0, Uint8Array.of(1), dstPrime));
  const blocks = [bi];
  for (let i = 2; i <= ell; i++) {
    bi = await sha512(concat(xor(b0, bi), Uint8Array.of(i), dstPrime));
    blocks.push(bi);
  }
  return concat(...blocks).slice(0, length);
}

/** hash_to_ristretto255(msg, DST): expand_message_xmd to 64 bytes, then the one-way map. */
export async function hashToGroup(msg, dst) {
  return fromUniformBytes(await expandMessageXmd(msg, dst, 64));
}

/** HashToScalar for ristretto255-SHA512: expand_message_xmd to 64 bytes, reduced mod L (RFC 9497 §4.1). */
export async function hashToScalar(msg, dst) {
  return reduceScalar(await expandMessageXmd(msg, dst, 64));
}

/** Reduces a 64-byte little-endian integer modulo L. */
export function reduceScalar(wide) {
  checkLength(wide, 64, 'wide scalar');
  return numberToBytesLE(bytesToNumberLE(wide) % L, SCALAR_LENGTH);
}

/** `true` when `bytes` is a canonical scalar encoding (32 bytes, little-endian, < L). */
export function isCanonicalScalar(bytes) {
  return bytes instanceof Uint8Array && bytes.length === SCALAR_LENGTH && bytesToNumberLE(bytes) < L;
}

/** DeserializeScalar: canonical and non-zero (RFC 9497 §2.1, §4.1); returns the BigInt. */
export function scalarFromBytes(bytes, field = 'scalar') {
  checkLength(bytes, SCALAR_LENGTH, field);
  const k = bytesToNumberLE(bytes);
  // RFC 9497 §4.1: scalars MUST be below the group order; keys and blinds are non-zero.
  if (k >= L || k === 0n) throw new OpaqueError('invalid_scalar', `${field}: not a canonical non-zero scalar`);
  return k;
}

/** ScalarInverse modulo L; throws `invalid_scalar` for zero or non-canonical input. */
export function invertScalar(bytes) {
  return numberToBytesLE(pow(scalarFromBytes(bytes), L - 2n, L), SCALAR_LENGTH);
}

/** RandomScalar: a uniformly random non-zero scalar from `crypto.getRandomValues`. */
export function randomScalar() {
  for (;;) {
    const k = bytesToNumberLE(randomBytes(64)) % L;
    if (k !== 0n) return numberToBytesLE(k, SCALAR_LENGTH);
  }
}

/** DeserializeElement: a canonical encoding that is not the identity (RFC 9497 §2.1). */
export function deserializeElement(bytes, field = 'element') {
  checkLength(bytes, ELEMENT_LENGTH, field);
  const p = decode(bytes);
  // RFC 9497 §2.1: DeserializeElement MUST fail for the identity element.
  if (isIdentity(p)) throw new OpaqueError('identity_element', `${field}: identity element`);
  return p;
}

/** `scalar * element` on encodings; throws for invalid input or an identity result. */
export function scalarMult(scalar, element) {
  const q = multiply(scalarFromBytes(scalar), deserializeElement(element));
  if (isIdentity(q)) throw new OpaqueError('identity_element');
  return encode(q);
}

/** ScalarMultGen: `scalar * G` on encodings; throws `invalid_scalar` for zero or non-canonical scalars. */
export function scalarMultBase(scalar) {
  return encode(multiply(scalarFromBytes(scalar), GENERATOR));
}
