/**
 * The sign-up proof of work (ProofOfWork.swift): creating an account costs the browser about
 * 2^difficulty SHA-256 hashes, so mass sign-up costs CPU time without the server knowing anything
 * about the client (no IP addresses). The client finds the smallest decimal `nonce`
 * ("0", "1", "2", …) such that
 *
 *     SHA-256(utf8("flowsta-signup-v1:" challenge ":" lowercase(trim(username)) ":" nonce))
 *
 * starts with `difficulty` zero bits (most significant bit of the first byte first). The username
 * is inside the hash, so one solution creates one account.
 *
 * SHA-256 is implemented here (FIPS 180-4) because WebCrypto's `digest` is asynchronous: one
 * promise per attempt would cost more than the hash itself. The search absorbs the constant
 * prefix's full 64-byte blocks once (with the server's 67-character challenges the prefix always
 * fills one), runs the rounds that read only prefix words once, increments the nonce's ASCII
 * digits in place and compresses only the last one or two blocks per attempt, without allocating;
 * only the digest's first word is compared (difficulty ≤ 32). It yields to the event loop every
 * `yieldEvery` attempts so the page stays responsive.
 */

import { utf8 } from './bytes.js';

/** The label that starts every hashed input (domain separation). */
export const SIGNUP_PROOF_LABEL = 'flowsta-signup-v1';
/** The largest difficulty the server may ask for (SignupChallenges.maxDifficulty). */
export const MAX_DIFFICULTY = 32;
/** The longest nonce the server accepts (ProofOfWork.maxNonceLength). */
export const MAX_NONCE_LENGTH = 20;
/** Attempts between two yields to the event loop by default (a few milliseconds of work). */
export const DEFAULT_YIELD_EVERY = 20000;

// FIPS 180-4 §4.2.2 and §5.3.3.
const K = Int32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
);
const IV = Int32Array.of(
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
);

/** Reads the big-endian words `from`..15 of the 64-byte block at `bytes[offset..]` into `w`. */
function loadBlock(w, bytes, offset, from = 0) {
  offset += 4 * from;
  for (let i = from; i < 16; i++, offset += 4) {
    w[i] = (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
  }
}

/** Expands `w[0..15]` to the 64-word message schedule (FIPS 180-4 §6.2.2 step 1). */
function expand(w) {
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
}

/**
 * Rounds `from` to `to - 1` of the compression (FIPS 180-4 §6.2.2 steps 2-3): reads the working
 * variables a..h from `input`, writes the result to `output` (may be the same array), with the
 * schedule `w`. Round i only reads w[i], so the rounds over constant message words can be run
 * once ahead of a search. Eight rounds at a time are unrolled with the roles of a..h rotated
 * instead of shifting the variables (about 15% faster in V8).
 */
function rounds(input, output, w, from, to) {
  let a = input[0];
  let b = input[1];
  let c = input[2];
  let d = input[3];
  let e = input[4];
  let f = input[5];
  let g = input[6];
  let h = input[7];
  let i = from;
  // One round at a time up to a multiple of 8, then eight at a time, then the rest.
  for (; i < to && (i & 7) !== 0; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + (g ^ (e & (f ^ g))) + K[i] + w[i]) | 0; // Ch(e, f, g)
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) | (c & (a | b)))) | 0; // Maj(a, b, c)
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  let t;
  for (; i + 8 <= to; i += 8) {
    t = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g)))
      + K[i] + w[i]) | 0;
    d = (d + t) | 0;
    h = (t + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    t = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f)))
      + K[i + 1] + w[i + 1]) | 0;
    c = (c + t) | 0;
    g = (t + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
    t = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e)))
      + K[i + 2] + w[i + 2]) | 0;
    b = (b + t) | 0;
    f = (t + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
    t = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d)))
      + K[i + 3] + w[i + 3]) | 0;
    a = (a + t) | 0;
    e = (t + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
    t = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c)))
      + K[i + 4] + w[i + 4]) | 0;
    h = (h + t) | 0;
    d = (t + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    t = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b)))
      + K[i + 5] + w[i + 5]) | 0;
    g = (g + t) | 0;
    c = (t + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    t = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a)))
      + K[i + 6] + w[i + 6]) | 0;
    f = (f + t) | 0;
    b = (t + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    t = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h)))
      + K[i + 7] + w[i + 7]) | 0;
    e = (e + t) | 0;
    a = (t + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
  }
  for (; i < to; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + (g ^ (e & (f ^ g))) + K[i] + w[i]) | 0; // Ch(e, f, g)
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) | (c & (a | b)))) | 0; // Maj(a, b, c)
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  output[0] = a;
  output[1] = b;
  output[2] = c;
  output[3] = d;
  output[4] = e;
  output[5] = f;
  output[6] = g;
  output[7] = h;
}

/** Adds the working variables `v` into `state` (the feed-forward closing a compression). */
function feedForward(state, v) {
  for (let i = 0; i < 8; i++) state[i] = (state[i] + v[i]) | 0;
}

/**
 * The SHA-256 compression function: absorbs the 64-byte block at `bytes[offset..]` into `state`
 * (8 words, updated in place); `w` (64 words) and `v` (8 words) are scratch space.
 */
function compress(state, w, v, bytes, offset) {
  loadBlock(w, bytes, offset);
  expand(w);
  rounds(state, v, w, 0, 64);
  feedForward(state, v);
}

/**
 * Writes the SHA-256 padding of a `length`-byte message whose last `used` bytes (the unabsorbed
 * tail) are already at `buffer[0..used)`: 0x80, zeros, the 64-bit big-endian bit length. Returns
 * the number of 64-byte blocks the tail now fills (1 or 2). `buffer` must hold 128 bytes.
 */
function pad(buffer, used, length) {
  const blocks = used + 9 <= 64 ? 1 : 2;
  const end = blocks * 64;
  buffer[used] = 0x80;
  buffer.fill(0, used + 1, end);
  // Bit length as 64 bits: the high word from a float division (lengths stay far below 2^53).
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  for (let i = 0; i < 4; i++) {
    buffer[end - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    buffer[end - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
  }
  return blocks;
}

/** SHA-256(message) (FIPS 180-4) of a byte array; returns the 32-byte digest. */
export function sha256(message) {
  if (!(message instanceof Uint8Array)) throw new TypeError('sha256: message must be a Uint8Array');
  const state = IV.slice();
  const w = new Int32Array(64);
  const v = new Int32Array(8);
  const full = message.length - (message.length % 64);
  for (let offset = 0; offset < full; offset += 64) compress(state, w, v, message, offset);
  const tail = new Uint8Array(128);
  tail.set(message.subarray(full));
  const blocks = pad(tail, message.length - full, message.length);
  for (let b = 0; b < blocks; b++) compress(state, w, v, tail, b * 64);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[4 * i] = state[i] >>> 24;
    out[4 * i + 1] = (state[i] >>> 16) & 0xff;
    out[4 * i + 2] = (state[i] >>> 8) & 0xff;
    out[4 * i + 3] = state[i] & 0xff;
  }
  return out;
}

/** The number of leading zero bits of `bytes` (most significant bit of `bytes[0]` first). */
export function leadingZeroBits(bytes) {
  let bits = 0;
  for (const byte of bytes) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

/** The username as it is hashed: trimmed and lowercased (usernames are ASCII). */
export function normalizeSignupUsername(username) {
  if (typeof username !== 'string') throw new TypeError('username must be a string');
  return username.trim().toLowerCase();
}

/** The hashed prefix `"flowsta-signup-v1:" challenge ":" normalized username ":"` as a string. */
function prefixText(challenge, username) {
  if (typeof challenge !== 'string' || challenge.length === 0) throw new TypeError('challenge must be a non-empty string');
  const normalized = normalizeSignupUsername(username);
  if (normalized.length === 0) throw new TypeError('username must not be empty');
  return `${SIGNUP_PROOF_LABEL}:${challenge}:${normalized}:`;
}

/**
 * The bytes hashed for `nonce`: utf8("flowsta-signup-v1:" challenge ":" username ":" nonce), with
 * `username` normalized (trimmed, lowercased; already normalized names are unchanged).
 */
export function signupProofInput(challenge, username, nonce) {
  if (typeof nonce !== 'string') throw new TypeError('nonce must be a string');
  return utf8(prefixText(challenge, username) + nonce);
}

/** Whether `nonce` (1-20 ASCII digits) solves `challenge` for `username` at `difficulty`. */
export function isSignupProofSolution({ challenge, username, nonce, difficulty }) {
  if (typeof nonce !== 'string' || !/^[0-9]{1,20}$/.test(nonce)) return false;
  return leadingZeroBits(sha256(signupProofInput(challenge, username, nonce))) >= checkDifficulty(difficulty);
}

function checkDifficulty(difficulty) {
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > MAX_DIFFICULTY) {
    throw new RangeError(`difficulty must be an integer from 0 to ${MAX_DIFFICULTY}`);
  }
  return difficulty;
}

/**
 * A resumable search over the nonces "0", "1", "2", … for one prefix: `run(limit)` tries up to
 * `limit` further nonces and returns the first solution (a string) or null; `attempts` counts the
 * nonces tried so far.
 */
function createSearch(prefix, difficulty) {
  const w = new Int32Array(64); // schedule of the block holding the nonce's start
  const w2 = new Int32Array(64); // schedule of a second block, when the nonce or padding spills over
  const v = new Int32Array(8);
  const state = new Int32Array(8);
  // The prefix's full blocks never change: absorb them once.
  const midstate = IV.slice();
  const full = prefix.length - (prefix.length % 64);
  for (let offset = 0; offset < full; offset += 64) compress(midstate, w, v, prefix, offset);
  // buffer = the prefix's unabsorbed tail ‖ nonce digits ‖ padding (one or two blocks).
  const buffer = new Uint8Array(128);
  const tail = prefix.length - full;
  buffer.set(prefix.subarray(full));
  let digits = 1;
  buffer[tail] = 0x30; // "0"
  let blocks = pad(buffer, tail + digits, prefix.length + digits);
  // The first `fixed` words of the next block hold only prefix bytes, and so the rounds that read
  // only them always give the same working variables: run them once.
  const fixed = tail >>> 2;
  loadBlock(w, buffer, 0);
  const ahead = new Int32Array(8);
  rounds(midstate, ahead, w, 0, fixed);
  // A digest starts with `difficulty` zero bits when its first word is below 2^(32 - difficulty).
  const limitWord = 2 ** (32 - difficulty);
  let attempts = 0;

  /** Moves to the next nonce: increments the ASCII digits in place, growing by one digit after all 9s. */
  function increment() {
    let i = tail + digits - 1;
    while (buffer[i] === 0x39) {
      buffer[i] = 0x30;
      if (i === tail) {
        if (digits === MAX_NONCE_LENGTH) throw new RangeError('no nonce of at most 20 digits solves the challenge');
        buffer[tail] = 0x31;
        buffer[tail + digits] = 0x30;
        digits += 1;
        blocks = pad(buffer, tail + digits, prefix.length + digits);
        return;
      }
      i -= 1;
    }
    buffer[i] += 1;
  }

  /** The first word of the digest of the current nonce, as an unsigned number. */
  function firstWord() {
    loadBlock(w, buffer, 0, fixed); // w[0..fixed) keep the prefix's words
    expand(w);
    rounds(ahead, v, w, fixed, 64);
    if (blocks === 1) return (midstate[0] + v[0]) >>> 0;
    for (let i = 0; i < 8; i++) state[i] = (midstate[i] + v[i]) | 0;
    compress(state, w2, v, buffer, 64);
    return state[0] >>> 0;
  }

  function run(limit) {
    for (let n = 0; n < limit; n++) {
      attempts += 1;
      if (firstWord() < limitWord) return String.fromCharCode(...buffer.subarray(tail, tail + digits));
      increment();
    }
    return null;
  }

  return { run, get attempts() { return attempts; } };
}

/**
 * Resolves on a later turn of the event loop, after the tasks already queued (timers, input,
 * rendering). Not `scheduler.yield()`: Chromium runs its continuations ahead of other tasks, and
 * timers starved for seconds; not nested `setTimeout`, which browsers clamp to 4 ms.
 */
function yieldToEventLoop() {
  if (typeof globalThis.setImmediate === 'function') return new Promise((resolve) => globalThis.setImmediate(resolve));
  if (typeof globalThis.MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Finds the smallest nonce ("0", "1", …, as a decimal string) whose hash with `challenge` and
 * `username` (normalized here: trimmed, lowercased) starts with `difficulty` zero bits; about
 * 2^difficulty attempts on average. Yields to the event loop every `yieldEvery` attempts;
 * `onProgress(attempts)`, if given, is called at each yield, and `signal` (an AbortSignal) stops
 * the search with its reason. Difficulty 0 resolves to "0" at once.
 */
export async function solveSignupProof({
  challenge, difficulty, username, yieldEvery = DEFAULT_YIELD_EVERY, onProgress, signal,
}) {
  checkDifficulty(difficulty);
  if (!Number.isInteger(yieldEvery) || yieldEvery < 1) throw new RangeError('yieldEvery must be a positive integer');
  const search = createSearch(utf8(prefixText(challenge, username)), difficulty);
  for (;;) {
    if (signal?.aborted) throw signal.reason ?? new DOMException('The sign-up proof was aborted.', 'AbortError');
    const nonce = search.run(yieldEvery);
    if (nonce !== null) return nonce;
    onProgress?.(search.attempts);
    await yieldToEventLoop();
  }
}
