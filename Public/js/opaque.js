/**
 * OPAQUE-3DH client (RFC 9807) with OPRF ristretto255-SHA512, HKDF/HMAC-SHA512 and, by default,
 * the Flowsta KSF: Argon2id m = 19456 KiB, t = 2, p = 1, 16-byte zero salt, 64-byte output.
 *
 * Public methods draw their randomness from `crypto.getRandomValues`; the `…With` methods take it
 * as arguments and exist only so tests can replay the RFC vectors.
 */

import { OpaqueError, checkLength } from './errors.js';
import { concat, constantTimeEqual, randomBytes, utf8, xor } from './bytes.js';
import { hmacSha512, sha512 } from './sha512.js';
import { argon2id } from './argon2id.js';
import * as group from './ristretto255.js';
import * as oprf from './oprf.js';
import * as P from './opaque-primitives.js';

export { OpaqueError } from './errors.js';

/** The production KSF (DESIGN §4): Argon2id m = 19456 KiB, t = 2, p = 1, zero salt, Nh-byte output. */
export function argon2idKSF(input) {
  return argon2id({ password: input, salt: new Uint8Array(16), parallelism: 1, memory: 19456, iterations: 2, tagLength: P.NH });
}

/** Stretch(x) = x, the KSF of the RFC 9807 test vectors; never use it for real passwords. */
export function identityKSF(input) {
  return input;
}

// Client states are opaque handles; their secrets live here, out of reach of logging and
// serialization, and are dropped once the state is used.
const secrets = new WeakMap();

/** Client state between the first and second message of registration or login. */
class ClientState {
  toJSON() {
    return '<redacted>';
  }
}

function newState(values) {
  const state = Object.freeze(new ClientState());
  secrets.set(state, values);
  return state;
}

function takeState(state) {
  const values = secrets.get(state);
  if (!values) throw new TypeError('unknown or already used OPAQUE client state');
  secrets.delete(state);
  return values;
}

const passwordBytes = (password) => (typeof password === 'string' ? utf8(password) : Uint8Array.from(password));

/** The OPAQUE-3DH client. `context` must match the server's (empty for Flowsta). */
export class OpaqueClient {
  /** Creates a client; `ksf` is `(Uint8Array) => Uint8Array | Promise<Uint8Array>`. */
  constructor({ context = new Uint8Array(0), ksf = argon2idKSF } = {}) {
    // RFC 9807 §6.4.2.1: the context is encoded with a 2-byte length.
    if (context.length > 0xffff) throw new OpaqueError('invalid_length', 'context: longer than 65535 bytes');
    this.context = context;
    this.ksf = ksf;
  }

  /** CreateRegistrationRequest (RFC 9807 §5.2.1): returns `{request, state}`. */
  startRegistration(password) {
    return this.startRegistrationWith(password, group.randomScalar());
  }

  /** CreateRegistrationRequest with a caller-chosen blind (test vectors only). */
  async startRegistrationWith(password, blind) {
    const input = passwordBytes(password);
    const { blindedElement } = await oprf.blindWith(input, blind);
    return { request: blindedElement, state: newState({ password: input, blind }) };
  }

  /** FinalizeRegistrationRequest (RFC 9807 §5.2.3): returns `{record, exportKey}`. */
  async finishRegistration(state, response, identities = {}) {
    const { record, exportKey } = await this.finishRegistrationWith(state, response, identities, randomBytes(P.NN));
    return { record, exportKey };
  }

  /**
   * FinalizeRegistrationRequest with a caller-chosen envelope nonce (test vectors only); also returns
   * the intermediate values `randomizedPassword`, `clientPublicKey`, `maskingKey`, `authKey`, `envelope`.
   */
  async finishRegistrationWith(state, response, { clientIdentity, serverIdentity } = {}, envelopeNonce) {
    const { password, blind } = takeState(state);
    P.checkIdentity(clientIdentity, 'client_identity');
    P.checkIdentity(serverIdentity, 'server_identity');
    checkLength(response, P.NOE + P.NPK, 'registration_response');
    const evaluated = response.subarray(0, P.NOE);
    const serverPublicKey = response.subarray(P.NOE);
    // RFC 9497 §2.1: both fields are deserialized elements; invalid encodings and the identity are rejected.
    group.deserializeElement(evaluated, 'evaluated_message');
    group.deserializeElement(serverPublicKey, 'server_public_key');
    const oprfOutput = await oprf.finalize(password, blind, evaluated);
    password.fill(0);
    const randomizedPassword = await P.randomizedPassword(oprfOutput, this.ksf);
    const stored = await P.storeEnvelope(randomizedPassword, serverPublicKey, serverIdentity, clientIdentity, envelopeNonce);
    const record = concat(stored.clientPublicKey, stored.maskingKey, stored.envelope);
    return { record, randomizedPassword, ...stored };
  }

  /** GenerateKE1 (RFC 9807 §6.3.2.1, §6.4.3): returns `{ke1, state}`. */
  startLogin(password) {
    return this.startLoginWith(password, {
      blind: group.randomScalar(), clientNonce: randomBytes(P.NN), clientKeyshareSeed: randomBytes(P.NSEED),
    });
  }

  /** GenerateKE1 with caller-chosen blind, nonce and keyshare seed (test vectors only). */
  async startLoginWith(password, { blind, clientNonce, clientKeyshareSeed }) {
    checkLength(clientNonce, P.NN, 'client_nonce');
    checkLength(clientKeyshareSeed, P.NSEED, 'client_keyshare_seed');
    const input = passwordBytes(password);
    const { blindedElement } = await oprf.blindWith(input, blind);
    const keyshare = await P.deriveDiffieHellmanKeyPair(clientKeyshareSeed);
    const ke1 = concat(blindedElement, clientNonce, keyshare.publicKey);
    return { ke1, state: newState({ password: input, blind, clientSecret: keyshare.privateKey, ke1 }) };
  }

  /**
   * GenerateKE3 (RFC 9807 §6.3.2.3, §6.4.3): returns `{ke3, sessionKey, exportKey}`.
   * Throws `envelope_recovery_failed` for a wrong password or an unknown user, and
   * `server_authentication_failed` when the server MAC does not verify.
   */
  async finishLogin(state, ke2, { clientIdentity, serverIdentity } = {}) {
    const { password, blind, clientSecret, ke1 } = takeState(state);
    P.checkIdentity(clientIdentity, 'client_identity');
    P.checkIdentity(serverIdentity, 'server_identity');
    checkLength(ke2, P.KE2_LENGTH, 'KE2');
    const credentialResponse = ke2.subarray(0, P.CREDENTIAL_RESPONSE_LENGTH);
    const evaluated = ke2.subarray(0, P.NOE);
    const maskingNonce = ke2.subarray(P.NOE, P.NOE + P.NN);
    const maskedResponse = ke2.subarray(P.NOE + P.NN, P.CREDENTIAL_RESPONSE_LENGTH);
    const serverNonce = ke2.subarray(P.CREDENTIAL_RESPONSE_LENGTH, P.CREDENTIAL_RESPONSE_LENGTH + P.NN);
    const serverKeyshare = ke2.subarray(P.CREDENTIAL_RESPONSE_LENGTH + P.NN, P.CREDENTIAL_RESPONSE_LENGTH + P.NN + P.NPK);
    const serverMac = ke2.subarray(P.CREDENTIAL_RESPONSE_LENGTH + P.NN + P.NPK);
    group.deserializeElement(evaluated, 'evaluated_message');
    group.deserializeElement(serverKeyshare, 'server_public_keyshare');

    // RecoverCredentials (RFC 9807 §6.3.2.3).
    const oprfOutput = await oprf.finalize(password, blind, evaluated);
    password.fill(0);
    const randomizedPassword = await P.randomizedPassword(oprfOutput, this.ksf);
    const pad = await P.credentialResponsePad(await P.maskingKey(randomizedPassword), maskingNonce);
    const unmasked = xor(pad, maskedResponse);
    const serverPublicKey = unmasked.subarray(0, P.NPK);
    const recovered = await P.recoverEnvelope(
      randomizedPassword, serverPublicKey, unmasked.subarray(P.NPK), serverIdentity, clientIdentity,
    );

    // AuthClientFinalize (RFC 9807 §6.4.3); scalarMult validates server_public_key.
    const ikm = concat(
      group.scalarMult(clientSecret, serverKeyshare),
      group.scalarMult(clientSecret, serverPublicKey),
      group.scalarMult(recovered.clientPrivateKey, serverKeyshare),
    );
    const preamble = P.preamble({
      context: this.context, clientIdentity: recovered.credentials.clientIdentity, ke1,
      serverIdentity: recovered.credentials.serverIdentity, credentialResponse, serverNonce,
      serverPublicKeyshare: serverKeyshare,
    });
    const keys = await P.deriveKeys(ikm, preamble);
    const expectedServerMac = await hmacSha512(keys.serverMacKey, await sha512(preamble));
    // RFC 9807 §6.4.3: server_mac MUST be compared in constant time; abort with ServerAuthenticationError.
    if (!constantTimeEqual(serverMac, expectedServerMac)) throw new OpaqueError('server_authentication_failed');
    const ke3 = await hmacSha512(keys.clientMacKey, await sha512(concat(preamble, expectedServerMac)));
    return { ke3, sessionKey: keys.sessionKey, exportKey: recovered.exportKey };
  }
}
