/**
 * Known-answer checks for the browser crypto in Public/js, shared by `node --test` and the
 * headless-Chromium page: RFC 9497 OPRF, RFC 9807 OPAQUE (real vectors 1-2, fake vector 1),
 * RFC 9496 ristretto255, RFC 7693 BLAKE2b and RFC 9106 Argon2id, plus Argon2id KATs for the
 * production parameters, the zero-knowledge MAU ids of analytics.js (analytics-v1.json, from the
 * independent Python reference Tests/support/analytics_vectors.py), the user vault's sealed
 * entries of vault.js (format 1: vault-v1.json, from Tests/support/vault_vectors.py), the root
 * key of root-key.js with its envelopes, derived keys, format-2 vault entries and recovery codes
 * (root-key-v1.json, from Tests/support/root_key_vectors.py) and the sign-up proof of work of
 * signup-proof.js (NIST SHA-256 examples; signup-proof-v1.json, from
 * Tests/support/signup_proof_vectors.py) and the user's signing key of signing-key.js (public
 * keys, DIDs and registration proofs: signing-key-v1.json, from pyca/cryptography in
 * Tests/support/signing_key_vectors.py).
 */

import { createTestServer } from './opaque-server-for-tests.mjs';
import {
  ARGON2ID_PRODUCTION, ARGON2ID_RFC9106, BAD_ENCODINGS, BLAKE2B_ABC, ONE_WAY_MAP, SHA256_KATS, SMALL_MULTIPLES,
} from './known-answers.mjs';

const MODULES = {
  bytes: 'bytes.js', errors: 'errors.js', sha512: 'sha512.js', group: 'ristretto255.js', oprf: 'oprf.js',
  primitives: 'opaque-primitives.js', opaque: 'opaque.js', argon2: 'argon2id.js', auth: 'flowsta-auth.js',
  analytics: 'analytics.js', vault: 'vault.js', rootKey: 'root-key.js', signupProof: 'signup-proof.js',
  signingKey: 'signing-key.js', signIt: 'sign-it.js',
};

/** Imports the Public/js modules from `base` (a URL ending in "/"); names as in MODULES. */
export async function loadLibrary(base = new URL('../../Public/js/', import.meta.url)) {
  const entries = await Promise.all(Object.entries(MODULES).map(async ([k, f]) => [k, await import(new URL(f, base).href)]));
  return Object.fromEntries(entries);
}

/**
 * The checking machinery of a run: `results` (`[{name, ok, detail}]`), `check(name, fn)` (runs
 * `fn` and records whether it threw), `expectHex` and `expectThrows` (with an error `code`).
 */
function harness(L) {
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
  return { results, check, expectHex, expectThrows };
}

/**
 * Runs every check; `load(name)` returns the parsed JSON of a vector file and `lib` the
 * Public/js modules (defaults to the repository layout). Returns `[{name, ok, detail}]`.
 */
export async function runSuite(load, lib) {
  const L = lib ?? await loadLibrary();
  const { results, check, expectHex, expectThrows } = harness(L);
  const fromHex = L.bytes.fromHex;

  await ristrettoChecks(L, check, expectHex, expectThrows);
  await oprfChecks(L, check, expectHex, await load('oprf-rfc9497-ristretto255-sha512.json'));
  const opaqueFile = await load('opaque-rfc9807-ristretto255-sha512.json');
  for (const number of [1, 2]) {
    await realVectorChecks(L, check, expectHex, opaqueFile.real_vectors.find((v) => v.number === number));
  }
  await fakeVectorChecks(L, check, expectHex, expectThrows, opaqueFile.fake_vectors.find((v) => v.number === 1));
  await analyticsChecks(L, check, expectHex, expectThrows, await load('analytics-v1.json'));
  await vaultChecks(L, check, expectHex, expectThrows, await load('vault-v1.json'));
  await rootKeyChecks(L, check, expectHex, expectThrows, await load('root-key-v1.json'), await load('vault-v1.json'));
  await signupProofChecks(L, check, expectHex, await load('signup-proof-v1.json'));
  await signingKeyChecks(L, check, expectHex, expectThrows, await load('signing-key-v1.json'));
  await signItChecks(L, check, expectHex, expectThrows, await load('sign-it-v1.json'));
  await argon2Checks(L, check, expectHex, fromHex);
  return results;
}

/**
 * Runs only the root-key checks (root-key-v1.json, with vault-v1.json for the format-1 keys);
 * same arguments and result as `runSuite`.
 */
export async function runRootKeySuite(load, lib) {
  const L = lib ?? await loadLibrary();
  const { results, check, expectHex, expectThrows } = harness(L);
  await rootKeyChecks(L, check, expectHex, expectThrows, await load('root-key-v1.json'), await load('vault-v1.json'));
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

/**
 * vault.js, format 1 (accounts from before the root key): keys and sealed entries against the
 * vectors, AAD binding, tampering, storage. Format 2 is in rootKeyChecks.
 */
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
    const entry = { id: v.id, kind: v.kind, plaintext: v.plaintext, nonce: h(v.nonce), format: 1 };
    await check(`${tag}: AAD`, () => expectEqual(new TextDecoder().decode(V.entryAAD(v.id, v.kind, 1)), v.aad ?? `${file.info}:${v.kind}:${v.id}`, 'aad'));
    await check(`${tag}: sealed with the raw key`, async () => expectEqual(await V.sealEntry(h(v.vault_key), entry), v.sealed, 'sealed'));
    await check(`${tag}: sealed with the derived non-extractable key`, async () =>
      expectEqual(await V.sealEntry(await V.deriveVaultKey(h(v.export_key)), entry), v.sealed, 'sealed'));
    await check(`${tag}: opens to the plaintext (the format-1 key alone, or as legacyKey)`, async () => {
      const legacyKey = await V.deriveVaultKey(h(v.export_key));
      const sealed = { id: v.id, kind: v.kind, sealed: v.sealed };
      expectEqual(await V.openEntry(legacyKey, sealed), v.plaintext, 'plaintext');
      expectEqual(await V.openEntry({ key: h(file.vectors.find((w) => w.vault_key !== v.vault_key).vault_key), legacyKey }, sealed), v.plaintext, 'plaintext');
    });
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
      await expectThrows(() => V.openEntry(key, { id: v.id, kind: v.kind, sealed: flipped(v.sealed, 0, 3) }), 'decryption_failed'); // read as format 2
      await expectThrows(() => V.openEntry(key, { id: v.id, kind: v.kind, sealed: flipped(v.sealed, 0, 0x80) }), 'unsupported_version');
      const raw = bytes.fromBase64Url(v.sealed);
      await expectThrows(() => V.openEntry(key, { id: v.id, kind: v.kind, sealed: bytes.toBase64Url(raw.subarray(0, 28)) }), 'invalid_entry');
      await expectThrows(() => V.openEntry(key, { id: v.id, kind: v.kind, sealed: `${v.sealed}=` }), 'invalid_entry');
      expectEqual(await V.openEntry(key, { id: v.id.toUpperCase(), kind: v.kind, sealed: v.sealed }), v.plaintext, 'uppercase id');
    });
  }
  await check('vault: format 1 has random nonces; layout 0x01 || nonce || ciphertext || tag', async () => {
    const v = file.vectors[0];
    const key = await V.deriveVaultKey(h(v.export_key));
    const a = await V.sealEntry(key, { id: v.id, kind: v.kind, plaintext: v.plaintext, format: 1 });
    const b = await V.sealEntry(key, { id: v.id, kind: v.kind, plaintext: v.plaintext, format: 1 });
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
      { ...base, plaintext: { not: 'a string' } }, { ...base, nonce: new Uint8Array(11) }, { ...base, format: 3 }, { ...base, format: '2' },
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

/**
 * root-key.js (and the format-2 side of vault.js): keys derived from the root key and their
 * analytics ids, envelopes sealed to the exact bytes and opened, envelopes that must not open
 * with their error code, format-2 vault entries, recovery codes; argument checks and fresh
 * randomness. `vaultFile` (vault-v1.json) supplies format-1 keys and entries.
 */
async function rootKeyChecks(L, check, expectHex, expectThrows, file, vaultFile) {
  const { rootKey: R, vault: V, analytics: A, bytes } = L;
  const h = bytes.fromHex;
  const expectEqual = (actual, expected, label) => {
    if (actual !== expected) throw new Error(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  const expectTypeError = async (fn, label) => {
    try {
      await fn();
    } catch (error) {
      if (!(error instanceof TypeError)) throw new Error(`${label}: expected a TypeError, got ${error?.code ?? error}`);
      return;
    }
    throw new Error(`${label}: expected a TypeError, got none`);
  };
  const describeKey = (key) => `${key.type} ${key.algorithm.name} ${key.algorithm.hash?.name ?? '-'} ${key.algorithm.length} ${[...key.usages].sort()}`;
  const errors = new Set(file.invalid_envelopes.map((v) => v.error));
  if (file.derivations.length < 3 || file.envelopes.length < 6 || !R.ENVELOPE_KINDS.every((k) => file.envelopes.some((e) => e.kind === k))
      || !['invalid_envelope', 'unsupported_version', 'decryption_failed'].every((e) => errors.has(e))
      || file.vault_entries.length < 4 || file.recovery_codes.length < 4 || file.invalid_recovery_codes.length < 4) {
    throw new Error('root-key-v1.json: expected 3 derivations, 6 envelopes of every kind, every envelope error, 4 vault entries, 4 codes and 4 invalid codes');
  }

  await check('root key: constants', () => {
    expectEqual(R.ENVELOPE_KINDS.join(), 'password,recovery,legacy-vault,passkey', 'ENVELOPE_KINDS');
    expectEqual(V.VAULT_INFO_V2, 'flowsta vault v2', 'VAULT_INFO_V2');
    expectEqual(A.ANALYTICS_INFO_V2, 'flowsta analytics v2', 'ANALYTICS_INFO_V2');
    expectEqual(R.SIGNING_INFO, 'flowsta signing v1', 'SIGNING_INFO');
    expectEqual(R.ENVELOPE_LENGTH, 61, 'ENVELOPE_LENGTH');
    expectEqual(R.RECOVERY_ALPHABET, '0123456789ABCDEFGHJKMNPQRSTVWXYZ', 'RECOVERY_ALPHABET');
  });
  for (const [i, d] of file.derivations.entries()) {
    const tag = `root key derivation ${i + 1} (${d.root_key.slice(0, 8)}…)`;
    await check(`${tag}: vault key, analytics root, signing seed`, async () => {
      expectHex(await R.vaultKeyV2Bytes(h(d.root_key)), d.vault_key, 'vault_key');
      expectHex(await R.analyticsRootV2Bytes(h(d.root_key)), d.analytics_root, 'analytics_root');
      expectHex(await R.signingSeedBytes(h(d.root_key)), d.signing_seed, 'signing_seed');
    });
    await check(`${tag}: derived keys are non-extractable AES-256-GCM and HMAC-SHA256`, async () => {
      const { vaultKey, analyticsRoot } = await R.deriveRootKeys(h(d.root_key));
      expectEqual(vaultKey.extractable, false, 'vault key extractable');
      expectEqual(describeKey(vaultKey), 'secret AES-GCM - 256 decrypt,encrypt', 'vault key');
      expectEqual(analyticsRoot.extractable, false, 'analytics root extractable');
      expectEqual(describeKey(analyticsRoot), 'secret HMAC SHA-256 256 sign', 'analytics root');
    });
    await check(`${tag}: analytics ids from the raw and the derived root`, async () => {
      const { analyticsRoot } = await R.deriveRootKeys(h(d.root_key));
      for (const a of d.analytics_ids) {
        expectEqual(await A.analyticsID(h(d.analytics_root), a.client_id, a.month), a.id, `${a.client_id} ${a.month} (raw)`);
        expectEqual(await A.analyticsID(analyticsRoot, a.client_id, a.month), a.id, `${a.client_id} ${a.month} (derived)`);
      }
      return `${d.analytics_ids.length} ids`;
    });
  }

  for (const [i, e] of file.envelopes.entries()) {
    const tag = `envelope ${i + 1} (${e.kind}, ${e.user_id.slice(0, 8)}…)`;
    const args = { kind: e.kind, lockSecret: h(e.lock_secret), userId: e.user_id };
    await check(`${tag}: wrap key and AAD`, async () => {
      expectHex(await R.wrapKeyBytes(h(e.lock_secret), e.kind), e.wrap_key, 'wrap_key');
      expectEqual(new TextDecoder().decode(R.envelopeAAD(e.kind, e.user_id)), e.aad, 'aad');
    });
    await check(`${tag}: sealed to the exact bytes (also with the user id in uppercase)`, async () => {
      expectEqual(await R.sealEnvelope({ ...args, key: h(e.sealed_key), nonce: h(e.nonce) }), e.envelope, 'envelope');
      expectEqual(await R.sealEnvelope({ ...args, userId: e.user_id.toUpperCase(), key: h(e.sealed_key), nonce: h(e.nonce) }), e.envelope, 'envelope');
      expectEqual(e.envelope.length, 82, 'length');
    });
    await check(`${tag}: opens to the sealed key`, async () =>
      expectHex(await R.openEnvelope({ ...args, envelope: e.envelope }), e.sealed_key, 'sealed_key'));
  }
  for (const [i, v] of file.invalid_envelopes.entries()) {
    await check(`invalid envelope ${i + 1} (${v.description}): ${v.error}`, async () => {
      await expectThrows(() => R.openEnvelope({ kind: v.kind, lockSecret: h(v.lock_secret), userId: v.user_id, envelope: v.envelope }), v.error);
      try {
        await R.openEnvelope({ kind: v.kind, lockSecret: h(v.lock_secret), userId: v.user_id, envelope: v.envelope });
      } catch (error) {
        if (!(error instanceof R.RootKeyError)) throw new Error('not a RootKeyError');
      }
    });
  }
  await check('envelopes: legacy-vault envelopes hold format-1 vault keys (legacyVaultKeyBytes)', async () => {
    const known = new Map(vaultFile.vectors.map((v) => [v.vault_key, v.export_key]));
    const legacy = file.envelopes.filter((e) => e.kind === 'legacy-vault' && known.has(e.sealed_key));
    if (legacy.length === 0) throw new Error('no legacy-vault envelope holds a key of vault-v1.json');
    for (const e of legacy) expectHex(await R.legacyVaultKeyBytes(h(known.get(e.sealed_key))), e.sealed_key, 'legacy vault key');
    return `${legacy.length} envelopes`;
  });
  await check('envelopes: fresh nonces round-trip; a fresh root key is 32 random bytes', async () => {
    const e = file.envelopes[0];
    const rootKey = R.generateRootKey();
    expectEqual(rootKey instanceof Uint8Array && rootKey.length, 32, 'root key length');
    if (bytes.toHex(rootKey) === bytes.toHex(R.generateRootKey())) throw new Error('two root keys are equal');
    const args = { kind: e.kind, lockSecret: h(e.lock_secret), userId: e.user_id };
    const [a, b] = [await R.sealEnvelope({ ...args, key: rootKey }), await R.sealEnvelope({ ...args, key: rootKey })];
    if (a === b) throw new Error('two seals are equal');
    expectEqual(bytes.fromBase64Url(a)[0], 1, 'version byte');
    expectHex(await R.openEnvelope({ ...args, envelope: a }), bytes.toHex(rootKey), 'opened');
  });
  await check('envelopes: malformed arguments are TypeErrors', async () => {
    const e = file.envelopes.find((x) => x.kind === 'password');
    const base = { kind: e.kind, lockSecret: h(e.lock_secret), userId: e.user_id, key: h(e.sealed_key) };
    const bad = [
      { ...base, kind: 'passkey' }, { ...base, kind: undefined }, { ...base, kind: 'legacy-vault' }, { ...base, lockSecret: new Uint8Array(32) },
      { ...base, lockSecret: Array.from(h(e.lock_secret)) }, { ...base, userId: 'not-a-uuid' }, { ...base, userId: undefined },
      { ...base, key: new Uint8Array(31) }, { ...base, key: undefined }, { ...base, nonce: new Uint8Array(11) },
    ];
    for (const [n, args] of bad.entries()) await expectTypeError(() => R.sealEnvelope(args), `seal case ${n + 1}`);
    for (const [n, args] of bad.slice(0, 7).entries()) await expectTypeError(() => R.openEnvelope({ ...args, envelope: e.envelope }), `open case ${n + 1}`);
    await expectTypeError(() => R.wrapKeyBytes(new Uint8Array(64), 'legacy-vault'), 'wrapKeyBytes');
    for (const fn of [R.vaultKeyV2Bytes, R.analyticsRootV2Bytes, R.signingSeedBytes, R.deriveRootKeys]) {
      await expectTypeError(() => fn(new Uint8Array(64)), fn.name);
    }
    return `${bad.length + 12} cases`;
  });

  for (const [i, v] of file.vault_entries.entries()) {
    const tag = `vault entry v2 ${i + 1} (${v.kind}, ${v.id.slice(0, 8)}…)`;
    const entry = { id: v.id, kind: v.kind, plaintext: v.plaintext, nonce: h(v.nonce) };
    const sealed = { id: v.id, kind: v.kind, sealed: v.sealed };
    await check(`${tag}: vault key and AAD`, async () => {
      expectHex(await R.vaultKeyV2Bytes(h(v.root_key)), v.vault_key, 'vault_key');
      expectEqual(new TextDecoder().decode(V.entryAAD(v.id, v.kind)), v.aad, 'aad');
      expectEqual(new TextDecoder().decode(V.entryAAD(v.id, v.kind, 2)), v.aad, 'aad');
    });
    await check(`${tag}: sealed with the raw and the derived key`, async () => {
      expectEqual(await V.sealEntry(h(v.vault_key), entry), v.sealed, 'sealed (raw key)');
      expectEqual(await V.sealEntry((await R.deriveRootKeys(h(v.root_key))).vaultKey, { ...entry, format: 2 }), v.sealed, 'sealed (derived key)');
    });
    await check(`${tag}: opens with the key alone and as { key, legacyKey }`, async () => {
      const { vaultKey } = await R.deriveRootKeys(h(v.root_key));
      expectEqual(await V.openEntry(vaultKey, sealed), v.plaintext, 'plaintext');
      expectEqual(await V.openEntry({ key: vaultKey, legacyKey: h(vaultFile.vectors[0].vault_key) }, sealed), v.plaintext, 'plaintext');
      expectEqual(await V.openEntry({ key: vaultKey }, { ...sealed, id: v.id.toUpperCase() }), v.plaintext, 'uppercase id');
    });
    await check(`${tag}: the AAD binds id, kind and format; tampering, another key or version fail`, async () => {
      const key = h(v.vault_key);
      const raw = bytes.fromBase64Url(v.sealed);
      const withByte = (index, value) => {
        const copy = raw.slice();
        copy[index < 0 ? copy.length + index : index] = value;
        return bytes.toBase64Url(copy);
      };
      const otherID = v.id.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      const otherKey = file.vault_entries.find((w) => w.vault_key !== v.vault_key).vault_key;
      await expectThrows(() => V.openEntry(key, { ...sealed, id: otherID }), 'decryption_failed');
      await expectThrows(() => V.openEntry(key, { ...sealed, kind: `${v.kind}x` }), 'decryption_failed');
      await expectThrows(() => V.openEntry(h(otherKey), sealed), 'decryption_failed');
      await expectThrows(() => V.openEntry({ key: h(otherKey), legacyKey: key }, sealed), 'decryption_failed');
      await expectThrows(() => V.openEntry(key, { ...sealed, sealed: withByte(-1, raw.at(-1) ^ 1) }), 'decryption_failed');
      await expectThrows(() => V.openEntry(key, { ...sealed, sealed: withByte(1, raw[1] ^ 1) }), 'decryption_failed');
      await expectThrows(() => V.openEntry(key, { ...sealed, sealed: withByte(0, 1) }), 'decryption_failed'); // read as format 1
      for (const version of [0, 3, 0x82, 255]) await expectThrows(() => V.openEntry(key, { ...sealed, sealed: withByte(0, version) }), 'unsupported_version');
      await expectThrows(() => V.openEntry({ legacyKey: key }, sealed), 'no_key');
      await expectThrows(() => V.openEntry(key, { ...sealed, sealed: bytes.toBase64Url(raw.subarray(0, 28)) }), 'invalid_entry');
    });
  }
  await check('vault: format 2 has random nonces; layout 0x02 || nonce || ciphertext || tag', async () => {
    const v = file.vault_entries[0];
    const { vaultKey } = await R.deriveRootKeys(h(v.root_key));
    const entry = { id: v.id, kind: v.kind, plaintext: v.plaintext };
    const [a, b] = [await V.sealEntry(vaultKey, entry), await V.sealEntry(vaultKey, entry)];
    if (a === b) throw new Error('two seals of the same entry are equal');
    const raw = bytes.fromBase64Url(a);
    expectEqual(raw[0], 2, 'version byte');
    expectEqual(raw.length, 1 + 12 + bytes.utf8(v.plaintext).length + 16, 'length');
    expectEqual(await V.openEntry(vaultKey, { id: v.id, kind: v.kind, sealed: a }), v.plaintext, 'round trip');
  });
  await check('vault: a format-1 entry opens with legacyKey, not with the format-2 key alone', async () => {
    const old = vaultFile.vectors[0];
    const { vaultKey } = await R.deriveRootKeys(h(file.vault_entries[0].root_key));
    const sealed = { id: old.id, kind: old.kind, sealed: old.sealed };
    expectEqual(await V.openEntry({ key: vaultKey, legacyKey: h(old.vault_key) }, sealed), old.plaintext, 'with legacyKey');
    await expectThrows(() => V.openEntry(vaultKey, sealed), 'decryption_failed');
    await expectThrows(() => V.openEntry({ key: vaultKey }, sealed), 'decryption_failed');
  });

  await check(`vault: rememberRootKey keeps the format-2 key, the format-1 key and the analytics root${globalThis.indexedDB ? ' in IndexedDB' : ' (no IndexedDB: still returned)'}`, async () => {
    const v = file.vault_entries.find((e) => file.derivations.some((d) => d.root_key === e.root_key));
    const d = file.derivations.find((x) => x.root_key === v.root_key);
    const old = vaultFile.vectors[0];
    const remembered = await V.rememberRootKey(h(v.root_key), { legacyVaultKey: h(old.vault_key) });
    const keys = globalThis.indexedDB
      ? { key: await V.loadVaultKey(), legacyKey: await V.loadLegacyVaultKey(), analyticsRoot: await A.loadAnalyticsRoot() }
      : { key: remembered.vaultKey, legacyKey: remembered.legacyKey, analyticsRoot: (await R.deriveRootKeys(h(v.root_key))).analyticsRoot };
    for (const [name, key] of Object.entries(keys)) expectEqual(key?.extractable, false, `${name} extractable`);
    expectEqual(await V.openEntry(keys, { id: v.id, kind: v.kind, sealed: v.sealed }), v.plaintext, 'format 2');
    expectEqual(await V.openEntry(keys, { id: old.id, kind: old.kind, sealed: old.sealed }), old.plaintext, 'format 1');
    expectEqual(await A.analyticsID(keys.analyticsRoot, d.analytics_ids[0].client_id, d.analytics_ids[0].month), d.analytics_ids[0].id, 'analytics id');
    if (globalThis.indexedDB) {
      expectEqual(await V.forgetVaultKey(), true, 'forgotten');
      expectEqual(await V.loadVaultKey(), null, 'vault key after forgetting');
      expectEqual(await V.loadLegacyVaultKey(), null, 'legacy key after forgetting');
      expectEqual(await A.forgetAnalyticsRoot(), true, 'analytics root forgotten');
    }
    const failed = await V.rememberRootKey(new Uint8Array(31));
    expectEqual(failed.vaultKey === null && failed.legacyKey === null, true, 'a bad root key fails soft');
  });
  if (globalThis.indexedDB) {
    await check('vault: putEntry seals format 2 with the stored root-derived key, never with the key a browser kept before the root key', async () => {
      const old = vaultFile.vectors[0];
      const sent = [];
      const fetchImpl = async (url, init) => {
        sent.push(JSON.parse(init.body).ciphertext);
        return { status: 201 };
      };
      // A browser signed in before the root key kept its export key's format-1 key as "vault_key".
      const preRootKey = await V.deriveVaultKey(h(old.export_key));
      await A.withKeyStore('readwrite', (store) => store.put(preRootKey, 'vault_key'));
      expectEqual(await V.loadVaultKey(), null, 'the format-1 key is not a vault key to write with');
      expectEqual(await V.putEntry({ kind: 'signin', value: { n: 0 }, fetch: fetchImpl }), null, 'nothing recorded');
      expectEqual(sent.length, 0, 'nothing sent');
      const v = file.vault_entries[0];
      await V.rememberRootKey(h(v.root_key));
      expectEqual(await A.withKeyStore('readonly', (store) => store.get('vault_key')), undefined, 'the old record is deleted at sign-in');
      const next = await V.putEntry({ kind: 'signin', value: { n: 2 }, fetch: fetchImpl });
      expectEqual(bytes.fromBase64Url(sent[0])[0], 2, 'format with the stored format-2 key');
      expectEqual(await V.openEntry(h(v.vault_key), { id: next, kind: 'signin', sealed: sent[0] }), '{"n":2}', 'opened');
      expectEqual(await V.forgetVaultKey(), true, 'forgotten');
      expectEqual(await A.forgetAnalyticsRoot(), true, 'analytics root forgotten');
    });
  }
  for (const [i, c] of file.recovery_codes.entries()) {
    await check(`recovery code ${i + 1} (${c.code}): from bytes, and ${c.typed.length} ways of typing it`, () => {
      const made = R.recoveryCodeFromBytes(h(c.bytes));
      expectEqual(made.code, c.code, 'code');
      expectEqual(made.normalized, c.normalized, 'normalized');
      expectEqual(R.normalizeRecoveryCode(c.code), c.normalized, 'the code as shown');
      for (const typed of c.typed) expectEqual(R.normalizeRecoveryCode(typed), c.normalized, `typed ${JSON.stringify(typed)}`);
      expectEqual(R.parseRecoveryCode(c.typed.at(-1)), c.normalized, 'parsed');
    });
  }
  await check('recovery codes: what is not a code normalizes to null', async () => {
    for (const typed of file.invalid_recovery_codes) {
      expectEqual(R.normalizeRecoveryCode(typed), null, `typed ${JSON.stringify(typed)}`);
      await expectThrows(() => R.parseRecoveryCode(typed), 'invalid_recovery_code');
    }
    for (const typed of [undefined, null, 42, ['7K3M']]) expectEqual(R.normalizeRecoveryCode(typed), null, String(typed));
    return `${file.invalid_recovery_codes.length + 4} inputs`;
  });
  await check('recovery codes: fresh codes are 24 alphabet characters in six groups; bad byte counts are refused', async () => {
    const a = R.generateRecoveryCode();
    const b = R.generateRecoveryCode();
    if (!/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/.test(a.code)) throw new Error(`bad code ${a.code}`);
    expectEqual(a.code.replaceAll('-', ''), a.normalized, 'normalized');
    expectEqual(R.normalizeRecoveryCode(a.code), a.normalized, 'round trip');
    if (a.normalized === b.normalized) throw new Error('two codes are equal');
    for (const bad of [new Uint8Array(14), new Uint8Array(16), Array(15).fill(0), undefined]) {
      await expectTypeError(() => R.recoveryCodeFromBytes(bad), `${bad?.length} bytes`);
    }
  });
}

/**
 * signing-key.js against signing-key-v1.json: the Ed25519 public key and DID of each root key's
 * signing seed, and the registration proof, byte for byte (Ed25519 signatures are deterministic);
 * the private key is never extractable; proofs that must not verify do not.
 */
async function signingKeyChecks(L, check, expectHex, expectThrows, file) {
  const S = L.signingKey;
  const { fromHex: h } = L.bytes;
  const expectEqual = (actual, expected, what) => {
    if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
  };
  if (file.proofs.length < 3 || file.invalid_proofs.length < 4) throw new Error('signing-key-v1.json: expected 3 proofs and 4 invalid ones');
  await check('signing key: constants', () => expectEqual(S.PROOF_LABEL, 'flowsta signing key proof v1', 'PROOF_LABEL'));
  for (const [i, v] of file.proofs.entries()) {
    const tag = `signing key ${i + 1} (${v.root_key.slice(0, 8)}…)`;
    await check(`${tag}: public key, DID, proof message and signature`, async () => {
      const key = await S.signingKeyOf(h(v.root_key));
      expectHex(key.publicKey, v.public_key, 'public_key');
      expectEqual(key.did, v.did, 'did');
      expectEqual(S.didKeyOf(h(v.public_key)), v.did, 'didKeyOf');
      expectHex(S.proofMessage(v.did, h(v.challenge)), v.message, 'message');
      expectHex(await S.sign(key.privateKey, h(v.message)), v.signature, 'signature');
      expectEqual(key.privateKey.extractable, false, 'private key extractable');
      expectEqual([...key.privateKey.usages].join(), 'sign', 'private key usages');
    });
  }
  await check('signing key: proofs that must not verify do not', async () => {
    const subtle = globalThis.crypto.subtle;
    for (const v of file.invalid_proofs) {
      let valid = false;
      try {
        const key = await subtle.importKey('raw', h(v.public_key), { name: 'Ed25519' }, false, ['verify']);
        valid = await subtle.verify({ name: 'Ed25519' }, key, h(v.signature), S.proofMessage(S.didKeyOf(h(v.public_key)), h(v.challenge)));
      } catch {
        valid = false;
      }
      if (valid) throw new Error(`${v.description}: verified`);
    }
    return `${file.invalid_proofs.length} refused`;
  });
  await check('signing key: malformed keys are refused', async () => {
    await expectThrows(() => S.didKeyOf(new Uint8Array(31)), null, 'a 31-byte key');
    await expectThrows(() => S.signingKeyOf(new Uint8Array(31)), null, 'a 31-byte root key');
    expectEqual(S.base58btc(Uint8Array.from([0, 0, 1])), '112', 'leading zeros');
  });
}

/**
 * sign-it.js against sign-it-v1.json (PyNaCl): each statement byte for byte, its signature under
 * the vector's key (imported as signing-key.js does), and no tampered statement verifying.
 */
async function signItChecks(L, check, expectHex, expectThrows, file) {
  const S = L.signIt;
  const { fromHex: h, concat } = L.bytes;
  if (file.statements.length < 5 || file.tampered.length < 7) throw new Error('sign-it-v1.json: expected 5 statements and 7 tampered ones');
  const subtle = globalThis.crypto.subtle;
  const PKCS8 = h('302e020100300506032b657004220420');
  for (const [i, v] of file.statements.entries()) {
    await check(`sign it statement ${i + 1} (${v.intent}, ${v.signed_at}): bytes and signature`, async () => {
      const bytes = S.statement(v.did, v, v.signed_at);
      expectHex(bytes, v.message, 'statement');
      const privateKey = await subtle.importKey('pkcs8', concat(PKCS8, h(v.seed)), { name: 'Ed25519' }, false, ['sign']);
      const [signature] = await S.signFiles({ privateKey, did: v.did }, [v], v.signed_at);
      expectHex(signature, v.signature, 'signature');
    });
  }
  await check('sign it: tampered statements do not verify', async () => {
    for (const v of file.tampered) {
      const key = await subtle.importKey('raw', h(v.public_key), { name: 'Ed25519' }, false, ['verify']);
      if (await subtle.verify({ name: 'Ed25519' }, key, h(v.signature), S.statement(v.did, v, v.signed_at))) throw new Error(`${v.description}: verified`);
    }
    return `${file.tampered.length} refused`;
  });
  await check('sign it: malformed fields are refused', async () => {
    const good = file.statements[1];
    await expectThrows(() => S.statement(good.did, { ...good, intent: 'authorship\nforged=1' }, good.signed_at), null);
    await expectThrows(() => S.statement(good.did, { ...good, file_hash: good.file_hash.toUpperCase() }, good.signed_at), null);
    await expectThrows(() => S.statement(good.did, { ...good, content_rights: { license: 'a\nb' } }, good.signed_at), null);
    await expectThrows(() => S.statement(good.did, good, '2026-12-04T05:00:00.000Z'), null);
    await expectThrows(() => S.statement('did:web:example.com', good, good.signed_at), null);
  });
}
