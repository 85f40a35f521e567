// Node tests for the sign-up proof of work (Public/js/signup-proof.js) and its use by register()
// in flowsta-auth.js: `node --test Tests/js/`. SHA-256 is checked against NIST's examples and
// node:crypto; the solver against signup-proof-v1.json (Tests/support/signup_proof_vectors.py,
// hashlib) and a node:crypto search; register() against the fake server, which checks the proof
// with node:crypto and refuses a missing, wrong or late one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SHA256_KATS } from './known-answers.mjs';
import { loadLibrary } from './vectors-suite.mjs';
import { createFakeFlowsta, signupProofBits } from './fake-flowsta-server.mjs';

if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true });
}

const lib = await loadLibrary();
const S = lib.signupProof;
const { register, login, FlowstaAuthError } = lib.auth;
const { describe } = await import('../../Public/js/pages/form.js');
const file = JSON.parse(readFileSync(new URL('../FlowstaCryptoTests/Vectors/signup-proof-v1.json', import.meta.url), 'utf8'));
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const BASE = 'http://flowsta.test';

/** The smallest nonce by node:crypto, counting from "0". */
function referenceSolve(challenge, usernameNormalized, difficulty) {
  for (let n = 0; ; n++) if (signupProofBits(challenge, usernameNormalized, String(n)) >= difficulty) return String(n);
}

test('SHA-256: NIST examples (empty, "abc", 448-bit, 896-bit, one million "a")', () => {
  for (const [message, digest] of SHA256_KATS) assert.equal(hex(S.sha256(new TextEncoder().encode(message))), digest, `${message.length} bytes`);
});

test('SHA-256: every length from 0 to 300 bytes equals node:crypto (block and padding boundaries)', () => {
  for (let length = 0; length <= 300; length++) {
    const message = new Uint8Array(randomBytes(length));
    assert.equal(hex(S.sha256(message)), createHash('sha256').update(message).digest('hex'), `${length} bytes`);
  }
  assert.throws(() => S.sha256('abc'), TypeError);
});

test('leadingZeroBits counts from the most significant bit of byte 0', () => {
  assert.equal(S.leadingZeroBits(Uint8Array.of(0x80)), 0);
  assert.equal(S.leadingZeroBits(Uint8Array.of(0x01, 0xff)), 7);
  assert.equal(S.leadingZeroBits(Uint8Array.of(0x00, 0x00, 0x0f)), 20);
  assert.equal(S.leadingZeroBits(Uint8Array.of(0x00, 0x40)), 9);
  assert.equal(S.leadingZeroBits(new Uint8Array(32)), 256);
  assert.equal(S.leadingZeroBits(new Uint8Array(0)), 0);
});

test('vectors: the file has every difficulty and every layout', () => {
  assert.deepEqual([...new Set(file.vectors.map((v) => v.difficulty))].sort((a, b) => a - b), [0, 1, 4, 8, 12, 16]);
  const lengths = file.vectors.map((v) => v.input_length - v.nonce.length);
  assert.ok(lengths.some((n) => n < 64) && lengths.includes(64) && lengths.some((n) => n > 64));
  assert.ok(file.vectors.some((v) => v.username !== v.username_normalized), 'mixed-case usernames');
  assert.deepEqual(new Set(file.invalid.map((v) => v.reason)), new Set(['not_enough_zero_bits', 'wrong_username', 'malformed_nonce']));
});

for (const [i, v] of file.vectors.entries()) {
  test(`vector ${i + 1} (difficulty ${v.difficulty}, ${v.username}): input, hash, bits, and the solver finds exactly the smallest nonce`, async () => {
    assert.equal(S.normalizeSignupUsername(v.username), v.username_normalized);
    const input = S.signupProofInput(v.challenge, v.username, v.nonce);
    assert.equal(Buffer.from(input).toString('utf8'), v.input);
    assert.equal(input.length, v.input_length);
    assert.equal(hex(S.sha256(input)), v.sha256_hex);
    assert.equal(S.leadingZeroBits(S.sha256(input)), v.leading_zero_bits);
    assert.ok(v.leading_zero_bits >= v.difficulty);
    // As typed and normalized: the same nonce; a small yieldEvery changes nothing.
    assert.equal(await S.solveSignupProof({ challenge: v.challenge, difficulty: v.difficulty, username: v.username }), v.nonce);
    assert.equal(await S.solveSignupProof({ challenge: v.challenge, difficulty: v.difficulty, username: v.username_normalized, yieldEvery: 7 }), v.nonce);
    assert.equal(S.isSignupProofSolution(v), true);
    if (v.nonce !== '0') assert.equal(S.isSignupProofSolution({ ...v, nonce: String(Number(v.nonce) - 1) }), false);
  });
}

test('invalid vectors: same hash and bits, refused', () => {
  for (const v of file.invalid) {
    const digest = S.sha256(S.signupProofInput(v.challenge, v.username, v.nonce));
    assert.equal(hex(digest), v.sha256_hex, v.nonce);
    assert.equal(S.leadingZeroBits(digest), v.leading_zero_bits, v.nonce);
    assert.equal(S.isSignupProofSolution(v), false, JSON.stringify(v.nonce));
  }
});

test('solver equals a node:crypto search for every prefix length from 27 to 196 bytes', async () => {
  // Prefix = 20 bytes of label and colons + challenge + 6-byte username: tails of every length,
  // nonces of 1-4 digits crossing block ends and the one-to-two-block switch of the padding.
  for (let length = 1; length <= 170; length++) {
    const challenge = randomBytes(length).toString('base64url').slice(0, length);
    const difficulty = 4 + (length % 7);
    const expected = referenceSolve(challenge, 'user01', difficulty);
    assert.equal(await S.solveSignupProof({ challenge, difficulty, username: 'User01' }), expected, `challenge of ${length}`);
  }
});

test('the solver yields to the event loop every yieldEvery attempts and reports progress', async () => {
  const v = file.vectors.find((x) => x.difficulty === 16 && Number(x.nonce) > 20000);
  const progress = [];
  let ticks = 0;
  const timer = setInterval(() => { ticks += 1; }, 0);
  try {
    const nonce = await S.solveSignupProof({ ...v, yieldEvery: 1000, onProgress: (attempts) => progress.push(attempts) });
    assert.equal(nonce, v.nonce);
  } finally {
    clearInterval(timer);
  }
  assert.equal(progress.length, Math.floor(Number(v.nonce) / 1000));
  assert.deepEqual(progress.slice(0, 3), [1000, 2000, 3000]);
  assert.ok(ticks > 0, 'a timer ran while solving');
});

test('without setImmediate (browsers) the solver yields through MessageChannel, and timers still run', async () => {
  const v = file.vectors.find((x) => x.difficulty === 12);
  const { setImmediate } = globalThis;
  let ticks = 0;
  const timer = setInterval(() => { ticks += 1; }, 0);
  globalThis.setImmediate = undefined;
  try {
    let yields = 0;
    assert.equal(await S.solveSignupProof({ ...v, yieldEvery: 50, onProgress: () => { yields += 1; } }), v.nonce);
    assert.equal(yields, Math.floor(Number(v.nonce) / 50));
    // A long search: timers get their turn between the chunks.
    const controller = new AbortController();
    const started = Date.now();
    await assert.rejects(S.solveSignupProof({
      challenge: 'y'.repeat(67), difficulty: 32, username: 'alice', yieldEvery: 2000, signal: controller.signal,
      onProgress: () => { if (Date.now() - started > 100) controller.abort(); },
    }), (error) => error.name === 'AbortError');
  } finally {
    globalThis.setImmediate = setImmediate;
    clearInterval(timer);
  }
  assert.ok(ticks > 0, 'a timer ran while solving');
});

test('an AbortSignal stops the search', async () => {
  const controller = new AbortController();
  const solving = S.solveSignupProof({
    challenge: 'x'.repeat(67), difficulty: 32, username: 'alice', yieldEvery: 500,
    signal: controller.signal, onProgress: (attempts) => { if (attempts >= 2000) controller.abort(); },
  });
  await assert.rejects(solving, (error) => error.name === 'AbortError');
});

test('bad arguments are refused', async () => {
  for (const difficulty of [-1, 33, 1.5, '8', undefined]) {
    await assert.rejects(S.solveSignupProof({ challenge: 'abc', difficulty, username: 'alice' }), RangeError, String(difficulty));
  }
  await assert.rejects(S.solveSignupProof({ challenge: '', difficulty: 1, username: 'alice' }), TypeError);
  await assert.rejects(S.solveSignupProof({ challenge: 'abc', difficulty: 1, username: '  ' }), TypeError);
  await assert.rejects(S.solveSignupProof({ challenge: 'abc', difficulty: 1, username: 'alice', yieldEvery: 0 }), RangeError);
  assert.equal(S.isSignupProofSolution({ challenge: 'abc', username: 'alice', nonce: '0'.repeat(21), difficulty: 0 }), false);
  assert.equal(S.isSignupProofSolution({ challenge: 'abc', username: 'alice', nonce: '0'.repeat(20), difficulty: 0 }), true);
});

test('register: fetches a challenge, solves it, sends signup_proof; the server checks it', async () => {
  const server = createFakeFlowsta(lib, { signupDifficulty: 12 });
  const { user, exportKey } = await register({ username: 'MiXeD_Case', password: 'pw-pw-pw-pw', baseURL: `${BASE}/`, fetch: server.fetch });
  assert.equal(user.username, 'mixed_case');
  assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path}`), [
    'POST /auth/opaque/register/start', 'GET /auth/signup-challenge', 'POST /auth/opaque/register/finish',
  ]);
  const get = server.requests[1];
  assert.equal(get.body, null);
  assert.equal(get.credentials, 'same-origin');
  const { signup_proof: proof } = server.requests[2].body;
  assert.deepEqual(Object.keys(proof).sort(), ['challenge', 'nonce']);
  assert.ok(server.challenges.has(proof.challenge), 'the issued challenge');
  assert.equal(proof.nonce, referenceSolve(proof.challenge, 'mixed_case', 12), 'the smallest nonce');
  assert.ok(signupProofBits(proof.challenge, 'mixed_case', proof.nonce) >= 12);
  const signedIn = await login({ username: 'mixed_case', password: 'pw-pw-pw-pw', baseURL: BASE, fetch: server.fetch });
  assert.deepEqual(signedIn.exportKey, exportKey);
});

/** `server.fetch` with `edit(path, body)` applied to request bodies and `answer(path, json)` to responses. */
function tampered(server, { edit = (path, body) => body, answer = (path, json) => json } = {}) {
  return async (url, init = {}) => {
    const path = new URL(url).pathname;
    const body = init.body === undefined ? undefined : JSON.stringify(edit(path, JSON.parse(init.body)));
    const response = await server.fetch(url, { ...init, body });
    const json = await response.json();
    return { ...response, json: async () => answer(path, json) };
  };
}

test('register: a missing, unsolved or misdirected proof is refused by the server with its code', async () => {
  const server = createFakeFlowsta(lib, { signupDifficulty: 10 });
  const cases = [
    ['no proof', (body) => { delete body.signup_proof; return body; }, 'signup_proof_required'],
    ['a nonce that does not solve the challenge', (body) => {
      const { challenge } = body.signup_proof;
      let n = 0;
      while (signupProofBits(challenge, 'nopow', String(n)) >= 10) n += 1;
      return { ...body, signup_proof: { challenge, nonce: String(n) } };
    }, 'invalid_signup_proof'],
    ['an unknown challenge', (body) => ({ ...body, signup_proof: { ...body.signup_proof, challenge: 'forged' } }), 'invalid_signup_proof'],
    ['solved for another username', (body) => {
      const { challenge } = body.signup_proof;
      return { ...body, signup_proof: { challenge, nonce: referenceSolve(challenge, 'someone_else', 10) } };
    }, 'invalid_signup_proof'],
  ];
  for (const [name, edit, code] of cases) {
    const fetch = tampered(server, { edit: (path, body) => (path.endsWith('/register/finish') ? edit(body) : body) });
    await assert.rejects(
      register({ username: 'nopow', password: 'pw', baseURL: BASE, fetch }),
      (error) => error instanceof FlowstaAuthError && error.code === code && error.status === 400,
      name,
    );
  }
  // A client told "difficulty 0" sends no proof; the server still wants one.
  const lied = tampered(server, { answer: (path, json) => (path === '/auth/signup-challenge' ? { ...json, difficulty: 0 } : json) });
  await assert.rejects(register({ username: 'nopow', password: 'pw', baseURL: BASE, fetch: lied }), (e) => e.code === 'signup_proof_required');
  // Untouched, the same username goes through.
  assert.equal((await register({ username: 'nopow', password: 'pw', baseURL: BASE, fetch: server.fetch })).user.username, 'nopow');
});

test('register: a proof older than the challenge lifetime is refused', async () => {
  let clock = 1_000_000;
  const server = createFakeFlowsta(lib, { signupDifficulty: 4, now: () => clock });
  const late = tampered(server, { answer: (path, json) => { if (path === '/auth/signup-challenge') clock += 10 * 60 * 1000 + 1; return json; } });
  await assert.rejects(register({ username: 'latecomer', password: 'pw', baseURL: BASE, fetch: late }), (e) => e.code === 'invalid_signup_proof');
});

test('register: difficulty 0 sends no signup_proof', async () => {
  const server = createFakeFlowsta(lib, { signupDifficulty: 0 });
  await register({ username: 'free', password: 'pw', baseURL: BASE, fetch: server.fetch });
  const finish = server.requests.find((r) => r.path === '/auth/opaque/register/finish');
  assert.equal('signup_proof' in finish.body, false);
});

test('register: a failing or invalid challenge endpoint stops before register/finish', async () => {
  const server = createFakeFlowsta(lib);
  const cases = [
    ['HTTP 503', async () => ({ ok: false, status: 503, json: async () => ({ error: 'unavailable', error_description: 'Try later.' }) }), 'unavailable'],
    ['no JSON', async () => ({ ok: true, status: 200, json: async () => { throw new SyntaxError('x'); } }), 'invalid_response'],
    ['network', async () => { throw new TypeError('Failed to fetch'); }, 'network_error'],
    ['difficulty 33', async () => ({ ok: true, status: 200, json: async () => ({ challenge: 'abc', difficulty: 33 }) }), 'invalid_response'],
    ['difficulty "8"', async () => ({ ok: true, status: 200, json: async () => ({ challenge: 'abc', difficulty: '8' }) }), 'invalid_response'],
    ['no challenge', async () => ({ ok: true, status: 200, json: async () => ({ difficulty: 8 }) }), 'invalid_response'],
    ['challenge not base64url', async () => ({ ok: true, status: 200, json: async () => ({ challenge: 'a:b', difficulty: 8 }) }), 'invalid_response'],
  ];
  for (const [name, challengeEndpoint, code] of cases) {
    const before = server.requests.length;
    const fetch = (url, init) => (new URL(url).pathname === '/auth/signup-challenge' ? challengeEndpoint() : server.fetch(url, init));
    await assert.rejects(register({ username: 'blocked', password: 'pw', baseURL: BASE, fetch }), (e) => e.code === code, name);
    assert.ok(!server.requests.slice(before).some((r) => r.path === '/auth/opaque/register/finish'), name);
  }
});

test('the sign-up form explains the proof errors', () => {
  for (const code of ['signup_proof_required', 'invalid_signup_proof', 'signup_proof_failed']) {
    const [message, field] = describe(new FlowstaAuthError(code, 'server words'));
    assert.match(message, /sign-up/);
    assert.equal(field, null);
  }
});
