/**
 * The server side of OPAQUE-3DH (RFC 9807 §5.2.2, §6.3.2.2, §6.4.3), for tests only: it produces
 * KE2 from the vector inputs and backs the in-process fake Flowsta server. `lib` holds the
 * Public/js modules (see `loadLibrary` in vectors-suite.mjs), so this file works in Node and in a browser.
 */

/** Creates a server from `oprfSeed`, `serverPrivateKey`, a fake record for unknown users and the context. */
export function createTestServer(lib, { oprfSeed, serverPrivateKey, fakeRecord, context = new Uint8Array(0) }) {
  const { bytes, group, oprf, primitives: P, errors } = lib;
  const serverPublicKey = group.scalarMultBase(serverPrivateKey);

  /** CreateRegistrationResponse (RFC 9807 §5.2.2). */
  async function createRegistrationResponse(request, credentialIdentifier) {
    const key = await P.oprfKey(oprfSeed, credentialIdentifier);
    return bytes.concat(oprf.blindEvaluate(key, request), serverPublicKey);
  }

  /** GenerateKE2 with caller-chosen randomness; `record` null answers with the fake record. */
  async function startLoginWith(ke1, record, credentialIdentifier, identities, randomness) {
    const { clientIdentity, serverIdentity } = identities;
    const { maskingNonce, serverNonce, serverKeyshareSeed } = randomness;
    errors.checkLength(ke1, P.KE1_LENGTH, 'KE1');
    const rec = record ?? fakeRecord;
    const clientPublicKey = rec.subarray(0, P.NPK);
    const maskingKey = rec.subarray(P.NPK, P.NPK + P.NH);
    const envelope = rec.subarray(P.NPK + P.NH);

    // CreateCredentialResponse (RFC 9807 §6.3.2.2).
    const key = await P.oprfKey(oprfSeed, credentialIdentifier);
    const evaluated = oprf.blindEvaluate(key, ke1.subarray(0, P.NOE));
    const pad = await P.credentialResponsePad(maskingKey, maskingNonce);
    const credentialResponse = bytes.concat(evaluated, maskingNonce, bytes.xor(pad, bytes.concat(serverPublicKey, envelope)));

    // AuthServerRespond (RFC 9807 §6.4.3).
    const credentials = P.cleartextCredentials(serverPublicKey, clientPublicKey, serverIdentity, clientIdentity);
    const keyshare = await P.deriveDiffieHellmanKeyPair(serverKeyshareSeed);
    const preamble = P.preamble({
      context, clientIdentity: credentials.clientIdentity, ke1, serverIdentity: credentials.serverIdentity,
      credentialResponse, serverNonce, serverPublicKeyshare: keyshare.publicKey,
    });
    const clientKeyshare = ke1.subarray(P.NOE + P.NN);
    const ikm = bytes.concat(
      group.scalarMult(keyshare.privateKey, clientKeyshare),
      group.scalarMult(serverPrivateKey, clientKeyshare),
      group.scalarMult(keyshare.privateKey, clientPublicKey),
    );
    const keys = await P.deriveKeys(ikm, preamble);
    const serverMac = await lib.sha512.hmacSha512(keys.serverMacKey, await lib.sha512.sha512(preamble));
    const expectedClientMac = await lib.sha512.hmacSha512(
      keys.clientMacKey, await lib.sha512.sha512(bytes.concat(preamble, serverMac)),
    );
    const ke2 = bytes.concat(credentialResponse, serverNonce, keyshare.publicKey, serverMac);
    return { ke2, state: { expectedClientMac, sessionKey: keys.sessionKey }, keys };
  }

  /** GenerateKE2 with fresh randomness. */
  function startLogin(ke1, record, credentialIdentifier, identities = {}) {
    return startLoginWith(ke1, record, credentialIdentifier, identities, {
      maskingNonce: bytes.randomBytes(P.NN), serverNonce: bytes.randomBytes(P.NN), serverKeyshareSeed: bytes.randomBytes(P.NSEED),
    });
  }

  /** ServerFinish (RFC 9807 §6.4.3): the client MAC is compared in constant time. */
  function finishLogin(state, ke3) {
    if (!bytes.constantTimeEqual(ke3, state.expectedClientMac)) {
      throw new errors.OpaqueError('client_authentication_failed');
    }
    return state.sessionKey;
  }

  return { serverPublicKey, createRegistrationResponse, startLoginWith, startLogin, finishLogin };
}
