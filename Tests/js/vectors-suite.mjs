/**
 * Known-answer checks for the browser crypto in Public/js, shared by `node --test` and the
 * headless-Chromium page: RFC 9497 OPRF, RFC 9807 OPAQUE (real vectors 1-2, fake vector 1),
 * RFC 9496 ristretto255, RFC 7693 BLAKE2b and RFC 9106 Argon2id, plus Argon2id KATs for the
 * production parameters, the zero-knowledge MAU ids of analytics.js (analytics-v1.json, from the
 * independent Python reference Tests/support/analytics_vectors.py), the user vault's sealed
 * entries of vault.js (vault-v1.json, from Tests/support/vault_vectors.py) and the sign-up proof
 * of work of signup-proof.js (NIST SHA-256 examples; signup-proof-v1.json, from
 * Tests/support/signup_proof_vectors.py).
 */

import { createTestServer } from './opaque-server-for-tests.mjs';
import {
  ARGON2ID_PRODUCTION, ARGON2ID_RFC9106, BAD_ENCODINGS, BLAKE2B_ABC, ONE_WAY_MAP, SHA256_KATS, SMALL_MULTIPLES,
} from './known-answers.mjs';

const MODULES = {
  bytes: 'bytes.js', errors: 'errors.js', sha512: 'sha512.js', group: 'ristretto255.js', oprf: 'oprf.js',
  primitives: 'opaque-primitives.js', opaque: 'opaque.js', argon2: 'argon2id.js', auth: 'flowsta-auth.js',
  analytics: 'analytics.js', vault: 'vault.js', signupProof: 'signup-proof.js',
};

/** Imports the Public/js modules from `base` (a URL ending in "/"); names as in MODULES. */
export async function loadLibrary(base = new URL('../../Public/js/', import.meta.url)) {
  const entries = await Promise.all(Object.entries(MODULES).map(async ([k, f]) => [k, await import(new URL(f, base).href)]));
  return Object.fromEntries(entries);
}

/**
 * Runs every check; `load(name)` returns the parsed JSON of a vector file and `lib` the
 * Public/js modules (defaults to the repository layout). Returns `[{name, ok, detail}]`.
 */
export async function runSuite(load, lib) {
  const L = lib ?? await loadLibrary();
  const results = [];
  const check = async (name, fn) => {
    try {
      const detail = await fn();
      results.push({ name, ok: true, detail: detail ?? '' });
    } catch (error) {
      results.push({ name, ok: false, detail: `${error?.code ? `[${error.code}] ` : ''}${error?.message ?? error}` });
    }
  };
  const hex = L.bytes.toHex;
  const fromHex = L.bytes.fromHex;
  const expectHex = (actual, expected, label = 'value') => {
    if (hex(actual) !== expected) throw new Error(`${label}: expected ${expected}, got ${hex(actual)}`);
  };
  const expectThrows = async (fn, code) => {
    try {
      await fn();
    } catch (error) {
      if (code && error?.code !== code) throw new Error(`expected error ${code}, got ${error?.code ?? error}`);
      return;
    }
    throw new Error(`expected error ${code}, got none`);
  };

  await ristrettoChecks(L, check, expectHex, expectThrows);
  await oprfChecks(L, check, expectHex, await load('oprf-rfc9497-ristretto255-sha512.json'));
  const opaqueFile = await load('opaque-rfc9807-ristretto255-sha512.json');
  for (const number of [1, 2]) {
    await realVectorChecks(L, check, expectHex, opaqueFile.real_vectors.find((v) => v.number === number));
  }
  await fakeVectorChecks(L, check, expectHex, expectThrows, opaqueFile.fake_vectors.find((v) => v.number === 1));
  await analyticsChecks(L, check, expectHex, expectThrows, await load('analytics-v1.json'));
  await vaultChecks(L, check, expectHex, expectThrows, await load('vault-v1.json'));
  await signupProofChecks(L, check, expectHex, await load('signup-proof-v1.json'));
  await argon2Checks(L, check, expectHex, fromHex);
  return results;
}

async function ristrettoChecks(L, check, expectHex, expectThrows) {
  const { group, bytes } = L;
  await check('ristretto255: encodings of [0]B..[15]B (RFC 9496 A.1)', () => {
    let q = group.IDENTITY;
    SMALL_MULTIPLES.forEach((expected, k) => {
      expectHex(group.encode(q), expected, `[${k}]B by addition`);
      if (k > 0) expectHex(group.scalarMultBase(bytes.fromHex(k.toString(16).padStart(2, '0').padEnd(64, '0'))), expected, `[${k}]B by multiplication`);
      expectHex(group.encode(group.decode(bytes.fromHex(expected))), expected, `decode/encode [${k}]B`);
      q = group.add(q, group.GENERATOR);
    });
  });
  await check('ristretto255: invalid encodings rejected (RFC 9496 A.2)', async () => {
    for (const bad of BAD_ENCODINGS) await expectThrows(() => group.decode(bytes.fromHex(bad)), 'invalid_element');
    return `${BAD_ENCODINGS.length} encodings`;
  });
  await check('ristretto255: one-way map (RFC 9496 A.3)', () => {
    for (const [input, output] of ONE_WAY_MAP) expectHex(group.encode(group.fromUniformBytes(bytes.fromHex(input))), output, input.slice(0, 16));
  });
  await check('ristretto255: DeserializeElement rejects the identity (RFC 9497 §2.1)', () =>
    expectThrows(() => group.deserializeElement(new Uint8Array(32)), 'identity_element'));
  await check('ristretto255: scalars >= L and zero are rejected, inversion works', async () => {
    const l = new Uint8Array(32);
    for (let i = 0, n = group.L; i < 32; i++, n >>= 8n) l[i] = Number(n & 0xffn);
    await expectThrows(() => group.scalarFromBytes(l), 'invalid_scalar');
    await expectThrows(() => group.scalarFromBytes(new Uint8Array(32)), 'invalid_scalar');
    const k = group.randomScalar();
    const p = group.scalarMultBase(k);
    expectHex(group.scalarMult(group.invertScalar(k), p), SMALL_MULTIPLES[1], 'k^-1 * (k * B)');
  });
}

async function oprfChecks(L, check, expectHex, file) {
  const { oprf, bytes } = L;
  const h = bytes.fromHex;
  await check('OPRF: contextString', () => expectHex(oprf.CONTEXT_STRING, file.contextString_hex));
  await check('OPRF: DeriveKeyPair(Seed, KeyInfo) = skSm', async () =>
    expectHex((await oprf.deriveKeyPair(h(file.Seed), h(file.KeyInfo))).privateKey, file.skSm));
  for (const v of file.vectors) {
    const tag = `OPRF vector ${v.number}`;
    await check(`${tag}: Blind`, async () =>
      expectHex((await oprf.blindWith(h(v.Input), h(v.Blind))).blindedElement, v.BlindedElement));
    await check(`${tag}: BlindEvaluate`, () =>
      expectHex(oprf.blindEvaluate(h(file.skSm), h(v.BlindedElement)), v.EvaluationElement));
    await check(`${tag}: Finalize`, async () =>
      expectHex(await oprf.finalize(h(v.Input), h(v.Blind), h(v.EvaluationElement)), v.Output));
  }
}

/** Runs one real vector through client and test server; one result per printed value. */
async function realVectorChecks(L, check, expectHex, v) {
  const { bytes, opaque, primitives: P } = L;
  const h = bytes.fromHex;
  const tag = `OPAQUE real vector ${v.number}`;
  const input = v.input_values;
  const mid = v.intermediate_values;
  const out = v.output_values;
  const identities = v.uses_identities
    ? { clientIdentity: h(input.client_identity), serverIdentity: h(input.server_identity) } : {};
  const actual = {};
  await check(`${tag}: configuration`, () => {
    if (v.configuration.KSF !== 'Identity' || v.configuration.OPRF !== 'ristretto255-SHA512') throw new Error('unexpected configuration');
  });
  await check(`${tag}: protocol run`, async () => {
    const context = h(v.configuration.Context);
    const client = new opaque.OpaqueClient({ context, ksf: opaque.identityKSF });
    const server = createTestServer(L, {
      oprfSeed: h(input.oprf_seed), serverPrivateKey: h(input.server_private_key), context,
      fakeRecord: new Uint8Array(P.RECORD_LENGTH),
    });
    const credentialIdentifier = h(input.credential_identifier);
    actual.server_public_key = server.serverPublicKey;
    actual.oprf_key = await P.oprfKey(h(input.oprf_seed), credentialIdentifier);

    const reg = await client.startRegistrationWith(h(input.password), h(input.blind_registration));
    actual.registration_request = reg.request;
    actual.registration_response = await server.createRegistrationResponse(reg.request, credentialIdentifier);
    const fin = await client.finishRegistrationWith(reg.state, actual.registration_response, identities, h(input.envelope_nonce));
    Object.assign(actual, {
      randomized_password: fin.randomizedPassword, client_public_key: fin.clientPublicKey,
      auth_key: fin.authKey, envelope: fin.envelope, registration_upload: fin.record, export_key_registration: fin.exportKey,
    });

    const randomness = { blind: h(input.blind_login), clientNonce: h(input.client_nonce), clientKeyshareSeed: h(input.client_keyshare_seed) };
    const login = await client.startLoginWith(h(input.password), randomness);
    actual.KE1 = login.ke1;
    const serverLogin = await server.startLoginWith(login.ke1, fin.record, credentialIdentifier, identities, {
      maskingNonce: h(input.masking_nonce), serverNonce: h(input.server_nonce), serverKeyshareSeed: h(input.server_keyshare_seed),
    });
    Object.assign(actual, {
      KE2: serverLogin.ke2, handshake_secret: serverLogin.keys.handshakeSecret,
      server_mac_key: serverLogin.keys.serverMacKey, client_mac_key: serverLogin.keys.clientMacKey,
    });
    // The client finishes on the vector's own KE2, independently of the test server.
    const result = await client.finishLogin(login.state, h(out.KE2), identities);
    Object.assign(actual, { KE3: result.ke3, session_key: result.sessionKey, export_key: result.exportKey });
    actual.server_session_key = server.finishLogin(serverLogin.state, h(out.KE3));
  });
  const expected = {
    server_public_key: input.server_public_key, oprf_key: mid.oprf_key,
    registration_request: out.registration_request, registration_response: out.registration_response,
    randomized_password: mid.randomized_password, client_public_key: mid.client_public_key,
    auth_key: mid.auth_key, envelope: mid.envelope, registration_upload: out.registration_upload,
    export_key_registration: out.export_key, KE1: out.KE1, KE2: out.KE2,
    handshake_secret: mid.handshake_secret, server_mac_key: mid.server_mac_key, client_mac_key: mid.client_mac_key,
    KE3: out.KE3, session_key: out.session_key, export_key: out.export_key, server_session_key: out.session_key,
  };
  for (const [field, value] of Object.entries(expected)) {
    await check(`${tag}: ${field}`, () => {
      if (!actual[field]) throw new Error('not computed (see the protocol run)');
      expectHex(actual[field], value, field);
    });
  }
}

/** Fake vector 1 (unknown user): key derivations, the fake KE2, and the client refusing it. */
async function fakeVectorChecks(L, check, expectHex, expectThrows, v) {
  const { bytes, group, opaque, primitives: P } = L;
  const h = bytes.fromHex;
  const tag = `OPAQUE fake vector ${v.number}`;
  const input = v.input_values;
  const identities = v.uses_identities
    ? { clientIdentity: h(input.client_identity), serverIdentity: h(input.server_identity) } : {};
  const context = h(v.configuration.Context);
  await check(`${tag}: client_public_key = client_private_key * G`, () =>
    expectHex(group.scalarMultBase(h(input.client_private_key)), input.client_public_key));
  await check(`${tag}: server_public_key = server_private_key * G`, () =>
    expectHex(group.scalarMultBase(h(input.server_private_key)), input.server_public_key));
  await check(`${tag}: KE1 client keyshare from client_keyshare_seed`, async () =>
    expectHex((await P.deriveDiffieHellmanKeyPair(h(input.client_keyshare_seed))).publicKey, input.KE1.slice(128)));
  await check(`${tag}: KE2 from the fake record`, async () => {
    const fakeRecord = bytes.concat(h(input.client_public_key), h(input.masking_key), new Uint8Array(P.ENVELOPE_LENGTH));
    const server = createTestServer(L, { oprfSeed: h(input.oprf_seed), serverPrivateKey: h(input.server_private_key), fakeRecord, context });
    const { ke2 } = await server.startLoginWith(h(input.KE1), null, h(input.credential_identifier), identities, {
      maskingNonce: h(input.masking_nonce), serverNonce: h(input.server_nonce), serverKeyshareSeed: h(input.server_keyshare_seed),
    });
    expectHex(ke2, v.output_values.KE2, 'KE2');
  });
  await check(`${tag}: the client refuses the fake KE2 (envelope_recovery_failed)`, async () => {
    const client = new opaque.OpaqueClient({ context, ksf: opaque.identityKSF });
    const { state } = await client.startLogin('any password');
    await expectThrows(() => client.finishLogin(state, h(v.output_values.KE2), identities), 'envelope_recovery_failed');
  });
}

/** analytics.js: roots and ids against the vectors, key properties, month validation, storage. */
async function analyticsChecks(L, check, expectHex, expectThrows, file) {
  const { analytics: A, bytes } = L;
  const h = bytes.fromHex;
  const expectEqual = (actual, expected, label) => {
    if (actual !== expected) throw new Error(`${label}: expected ${expected}, got ${actual}`);
  };
  await check('analytics: info string', () => expectEqual(A.ANALYTICS_INFO, file.info, 'ANALYTICS_INFO'));
  for (const exportKey of new Set(file.vectors.map((v) => v.export_key))) {
    const tag = `analytics: export key ${exportKey.slice(0, 8)}…`;
    const root = file.vectors.find((v) => v.export_key === exportKey).analytics_root;
    await check(`${tag}: analytics_root bytes`, async () => expectHex(await A.analyticsRootBytes(h(exportKey)), root, 'analytics_root'));
    await check(`${tag}: derived root is a non-extractable HMAC-SHA256 signing key`, async () => {
      const key = await A.deriveAnalyticsRoot(h(exportKey));
      expectEqual(key.extractable, false, 'extractable');
      expectEqual(`${key.type} ${key.algorithm.name} ${key.algorithm.hash.name} ${key.algorithm.length} ${key.usages}`,
        'secret HMAC SHA-256 256 sign', 'key');
    });
  }
  for (const [i, v] of file.vectors.entries()) {
    const tag = `analytics vector ${i + 1} (${v.client_id}, ${v.month})`;
    await check(`${tag}: id from the raw root`, async () =>
      expectEqual(await A.analyticsID(h(v.analytics_root), v.client_id, v.month), v.analytics_id, 'analytics_id'));
    await check(`${tag}: id from the derived non-extractable key`, async () =>
      expectEqual(await A.analyticsID(await A.deriveAnalyticsRoot(h(v.export_key)), v.client_id, v.month), v.analytics_id, 'analytics_id'));
  }
  await check('analytics: one user\'s ids differ across apps and months, and from other users\'', () => {
    const ids = file.vectors.map((v) => v.analytics_id);
    if (new Set(ids).size !== ids.length) throw new Error('repeated id');
    const [a, b] = [file.vectors[0], file.vectors[1]];
    const c = file.vectors.find((v) => v.export_key === a.export_key && v.month === a.month && v.client_id !== a.client_id);
    if (a.client_id !== b.client_id || a.month === b.month || !c) throw new Error('vectors lack a two-month or two-app pair');
    if (ids.some((id) => !/^[A-Za-z0-9_-]{22}$/.test(id))) throw new Error('an id is not 22 base64url characters');
    return `${ids.length} distinct ids`;
  });
  await check('analytics: malformed months are refused', async () => {
    const root = h(file.vectors[0].analytics_root);
    const bad = ['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', '2026/11', ' 2026-11', '', undefined];
    for (const month of bad) await expectThrows(() => A.analyticsID(root, file.vectors[0].client_id, month));
    return `${bad.length} months`;
  });
  if (globalThis.indexedDB) {
    await check('analytics: IndexedDB keeps the non-extractable root; forgetting deletes it', async () => {
      const v = file.vectors[0];
      expectEqual(await A.storeAnalyticsRoot(await A.deriveAnalyticsRoot(h(v.export_key))), true, 'stored');
      const loaded = await A.loadAnalyticsRoot();
      expectEqual(loaded?.extractable, false, 'loaded extractable');
      expectEqual(await A.analyticsID(loaded, v.client_id, v.month), v.analytics_id, 'id from the loaded key');
      expectEqual(await A.forgetAnalyticsRoot(), true, 'forgotten');
      expectEqual(await A.loadAnalyticsRoot(), null, 'after forgetting');
    });
  } else {
    await check('analytics: without IndexedDB, storing, loading and forgetting fail soft', async () => {
      expectEqual(await A.storeAnalyticsRoot(await A.deriveAnalyticsRoot(h(file.vectors[0].export_key))), false, 'stored');
      expectEqual(await A.loadAnalyticsRoot(), null, 'loaded');
      expectEqual(await A.forgetAnalyticsRoot(), false, 'forgotten');
      expectEqual(await A.analyticsStorageAvailable(), false, 'available');
    });
  }
}

/** vault.js: keys and sealed entries against the vectors, AAD binding, tampering, storage. */
async function signupProofChecks(L, check, expectHex, file) {
  const { signupProof: S, bytes } = L;
  const expectEqual = (actual, expected, label) => {
    if (actual !== expected) throw new Error(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  await check('SHA-256: NIST examples (empty, "abc", 448 and 896 bits, one million "a")', () => {
    for (const [message, digest] of SHA256_KATS) expectHex(S.sha256(bytes.utf8(message)), digest, `SHA-256 of ${message.length} bytes`);
  });
  await check('signup proof: label', () => expectEqual(S.SIGNUP_PROOF_LABEL, file.label, 'label'));
  if (file.vectors.length < 8 || file.invalid.length < 3) throw new Error('signup-proof-v1.json: expected at least 8 vectors and 3 invalid proofs');
  for (const [i, v] of file.vectors.entries()) {
    const tag = `signup proof vector ${i + 1} (difficulty ${v.difficulty}, ${v.username})`;
    await check(`${tag}: input, SHA-256, leading zero bits`, () => {
      expectEqual(S.normalizeSignupUsername(v.username), v.username_normalized, 'username_normalized');
      const input = S.signupProofInput(v.challenge, v.username, v.nonce);
      expectEqual(new TextDecoder().decode(input), v.input, 'input');
      const digest = S.sha256(input);
      expectHex(digest, v.sha256_hex, 'sha256');
      expectEqual(S.leadingZeroBits(digest), v.leading_zero_bits, 'leading zero bits');
      expectEqual(S.isSignupProofSolution({ ...v }), true, 'valid');
    });
    await check(`${tag}: the solver finds the smallest nonce`, async () => {
      expectEqual(await S.solveSignupProof({ challenge: v.challenge, difficulty: v.difficulty, username: v.username }), v.nonce, 'nonce');
    });
  }
  for (const [i, v] of file.invalid.entries()) {
    await check(`signup proof invalid ${i + 1} (${v.reason}, nonce ${JSON.stringify(v.nonce)}): refused`, () => {
      const digest = S.sha256(S.signupProofInput(v.challenge, v.username, v.nonce));
      expectHex(digest, v.sha256_hex, 'sha256');
      expectEqual(S.leadingZeroBits(digest), v.leading_zero_bits, 'leading zero bits');
      expectEqual(S.isSignupProofSolution({ ...v }), false, 'valid');
    });
  }
}

async function vaultChecks(L, check, expectHex, expectThrows, file) {
  const { vault: V, bytes } = L;
  const h = bytes.fromHex;
  const expectEqual = (actual, expected, label) => {
    if (actual !== expected) throw new Error(`${label}: expected ${expected}, got ${actual}`);
  };
  /** `sealed` (base64url) with byte `index` XOR `mask`. */
  const flipped = (sealed, index, mask = 1) => {
    const raw = bytes.fromBase64Url(sealed);
    raw[index < 0 ? raw.length + index : index] ^= mask;
    return bytes.toBase64Url(raw);
  };
  await check('vault: info string', () => expectEqual(V.VAULT_INFO, file.info, 'VAULT_INFO'));
  if (file.vectors.length < 4 || new Set(file.vectors.map((v) => v.export_key)).size < 2
      || !['signin', 'consent'].every((k) => file.vectors.some((v) => v.kind === k))) {
    throw new Error('vault-v1.json: expected at least 4 vectors, 2 export keys, kinds signin and consent');
  }
  for (const exportKey of new Set(file.vectors.map((v) => v.export_key))) {
    const tag = `vault: export key ${exportKey.slice(0, 8)}…`;
    const key = file.vectors.find((v) => v.export_key === exportKey).vault_key;
    await check(`${tag}: vault_key bytes`, async () => expectHex(await V.vaultKeyBytes(h(exportKey)), key, 'vault_key'));
    await check(`${tag}: derived key is a non-extractable AES-256-GCM encrypt/decrypt key`, async () => {
      const derived = await V.deriveVaultKey(h(exportKey));
      expectEqual(derived.extractable, false, 'extractable');
      expectEqual(`${derived.type} ${derived.algorithm.name} ${derived.algorithm.length} ${[...derived.usages].sort()}`,
        'secret AES-GCM 256 decrypt,encrypt', 'key');
    });
  }
  for (const [i, v] of file.vectors.entries()) {
    const tag = `vault vector ${i + 1} (${v.kind}, ${v.id.slice(0, 8)}…)`;
    const entry = { id: v.id, kind: v.kind, plaintext: v.plaintext, nonce: h(v.nonce) };
    await check(`${tag}: AAD`, () => expectEqual(new TextDecoder().decode(V.entryAAD(v.id, v.kind)), v.aad ?? `${file.info}:${v.kind}:${v.id}`, 'aad'));
    await check(`${tag}: sealed with the raw key`, async () => expectEqual(await V.sealEntry(h(v.vault_key), entry), v.sealed, 'sealed'));
    await check(`${tag}: sealed with the derived non-extractable key`, async () =>
      expectEqual(await V.sealEntry(await V.deriveVaultKey(h(v.export_key)), entry), v.sealed, 'sealed'));
    await check(`${tag}: opens to the plaintext`, async () =>
      expectEqual(await V.openEntry(await V.deriveVaultKey(h(v.export_key)), { id: v.id, kind: v.kind, sealed: v.sealed }), v.plaintext, 'plaintext'));
    await check(`${tag}: the AAD binds id and kind; tampering, another key or version fail`, async () => {
      const key = h(v.vault_key);
      const otherID = v.id.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      const otherKind = v.kind === 'signin' ? 'consent' : 'signin';
      const otherKey = file.vectors.find((w) => w.vault_key !== v.vault_key).vault_key;
      await expectThrows(() => V.openEntry(key, { id: otherID, kind: v.kind, sealed: v.sealed }), 'decryption_failed');
      await expectThrows(() => V.openEntry(key, { id: v.id, kind: otherKind, sealed: v.sealed }), 'decryption_failed');
      await expectThrows(() => V.openEntry(h(otherKey), { id: v.id, kind: v.kind, sealed: v.sealed }), 'decryption_failed');
      await expectThrows(() => V.openEntry(key, { id: v.id, kind: v.kind, sealed: flipped(v.sealed, 1) }), 'decryption_failed');
      await expectThrows(() => V.openEntry(key, { id: v.id, kind: v.kind, sealed: flipped(v.sealed, -1) }), 'decryption_failed');
      await expectThrows(() => V.openEntry(key, { id: v.id, kind: v.kind, sealed: flipped(v.sealed, 0, 3) }), 'unsupported_version');
      const raw = bytes.fromBase64Url(v.sealed);
      await expectThrows(() => V.openEntry(key, { id: v.id, kind: v.kind, sealed: bytes.toBase64Url(raw.subarray(0, 28)) }), 'invalid_entry');
      await expectThrows(() => V.openEntry(key, { id: v.id, kind: v.kind, sealed: `${v.sealed}=` }), 'invalid_entry');
      expectEqual(await V.openEntry(key, { id: v.id.toUpperCase(), kind: v.kind, sealed: v.sealed }), v.plaintext, 'uppercase id');
    });
  }
  await check('vault: random nonces; layout 0x01 || nonce || ciphertext || tag', async () => {
    const v = file.vectors[0];
    const key = await V.deriveVaultKey(h(v.export_key));
    const a = await V.sealEntry(key, { id: v.id, kind: v.kind, plaintext: v.plaintext });
    const b = await V.sealEntry(key, { id: v.id, kind: v.kind, plaintext: v.plaintext });
    if (a === b) throw new Error('two seals of the same entry are equal');
    const raw = bytes.fromBase64Url(a);
    expectEqual(raw[0], 1, 'version byte');
    expectEqual(raw.length, 1 + 12 + bytes.utf8(v.plaintext).length + 16, 'length');
    expectEqual(await V.openEntry(key, { id: v.id, kind: v.kind, sealed: a }), v.plaintext, 'round trip');
  });
  await check('vault: malformed arguments are refused', async () => {
    const v = file.vectors[0];
    const key = h(v.vault_key);
    const base = { id: v.id, kind: v.kind, plaintext: v.plaintext };
    const bad = [
      { ...base, id: 'not-a-uuid' }, { ...base, id: undefined }, { ...base, kind: '' }, { ...base, kind: undefined },
      { ...base, plaintext: { not: 'a string' } }, { ...base, nonce: new Uint8Array(11) },
    ];
    for (const entry of bad) await expectThrows(() => V.sealEntry(key, entry));
    await expectThrows(() => V.sealEntry(new Uint8Array(16), base));
    await expectThrows(() => V.vaultKeyBytes(new Uint8Array(32)));
    return `${bad.length + 2} cases`;
  });
  if (globalThis.indexedDB) {
    await check('vault: IndexedDB keeps the non-extractable key next to the analytics root; forgetting deletes it', async () => {
      const v = file.vectors[0];
      expectEqual(await V.storeVaultKey(await V.deriveVaultKey(h(v.export_key))), true, 'stored');
      const loaded = await V.loadVaultKey();
      expectEqual(loaded?.extractable, false, 'loaded extractable');
      expectEqual(await V.openEntry(loaded, { id: v.id, kind: v.kind, sealed: v.sealed }), v.plaintext, 'opened with the loaded key');
      expectEqual(await L.analytics.loadAnalyticsRoot(), null, 'the vault key is not taken for the analytics root');
      expectEqual(await V.forgetVaultKey(), true, 'forgotten');
      expectEqual(await V.loadVaultKey(), null, 'after forgetting');
    });
  } else {
    await check('vault: without IndexedDB, storing, loading and forgetting fail soft', async () => {
      expectEqual(await V.storeVaultKey(await V.deriveVaultKey(h(file.vectors[0].export_key))), false, 'stored');
      expectEqual(await V.loadVaultKey(), null, 'loaded');
      expectEqual(await V.forgetVaultKey(), false, 'forgotten');
      expectEqual(await V.rememberVaultKey(new Uint8Array(3)), null, 'a bad export key');
    });
  }
}

async function argon2Checks(L, check, expectHex, fromHex) {
  const { argon2, bytes } = L;
  const filled = (n, b) => new Uint8Array(n).fill(b);
  await check('BLAKE2b-512("abc") (RFC 7693 Appendix A)', () => expectHex(argon2.blake2b(bytes.utf8('abc'), 64), BLAKE2B_ABC));
  await check('Argon2id RFC 9106 §5.3 (m=32, t=3, p=4, secret, ad)', () => expectHex(argon2.argon2id({
    password: filled(32, 1), salt: filled(16, 2), secret: filled(8, 3), associatedData: filled(12, 4),
    parallelism: 4, memory: 32, iterations: 3, tagLength: 32,
  }), ARGON2ID_RFC9106));
  for (const [label, passwordHex, expected] of ARGON2ID_PRODUCTION) {
    await check(`Argon2id production parameters (m=19456, t=2, p=1): ${label}`, async () => {
      const started = performance.now();
      expectHex(await L.opaque.argon2idKSF(fromHex(passwordHex)), expected);
      return `${Math.round(performance.now() - started)} ms`;
    });
  }
}
