/**
 * Sizes, key derivation, the envelope and the 3DH key schedule of OPAQUE-3DH with
 * ristretto255-SHA512 (RFC 9807 §4, §6.4.2), shared by the client and the test server.
 */

import { OpaqueError, checkLength } from './errors.js';
import { concat, constantTimeEqual, i2osp2, utf8 } from './bytes.js';
import { hkdfExpand, hkdfExtract, hmacSha512, sha512 } from './sha512.js';
import { deriveKeyPair } from './oprf.js';

/** Nh = Nx = Nm: hash, HKDF-Extract and MAC output length. */
export const NH = 64;
/** Npk: public key length. */
export const NPK = 32;
/** Nsk: private key length. */
export const NSK = 32;
/** Noe: serialized OPRF element length. */
export const NOE = 32;
/** Nok: OPRF key length. */
export const NOK = 32;
/** Nn: nonce length. */
export const NN = 32;
/** Nseed: key-derivation seed length. */
export const NSEED = 32;
/** Envelope: nonce[Nn] || auth_tag[Nm]. */
export const ENVELOPE_LENGTH = NN + NH;
/** RegistrationRecord: client_public_key[Npk] || masking_key[Nh] || envelope (RFC 9807 §5.1). */
export const RECORD_LENGTH = NPK + NH + ENVELOPE_LENGTH;
/** KE1: blinded_message || client_nonce || client_public_keyshare (RFC 9807 §6.1). */
export const KE1_LENGTH = NOE + NN + NPK;
/** credential_response: evaluated_message || masking_nonce || masked_response (RFC 9807 §6.1). */
export const CREDENTIAL_RESPONSE_LENGTH = NOE + NN + NPK + ENVELOPE_LENGTH;
/** KE2: credential_response || server_nonce || server_public_keyshare || server_mac (RFC 9807 §6.1). */
export const KE2_LENGTH = CREDENTIAL_RESPONSE_LENGTH + NN + NPK + NH;
/** KE3: client_mac (RFC 9807 §6.1). */
export const KE3_LENGTH = NH;

/** DeriveDiffieHellmanKeyPair(seed) = DeriveKeyPair(seed, "OPAQUE-DeriveDiffieHellmanKeyPair") (RFC 9807 §6.4.1). */
export function deriveDiffieHellmanKeyPair(seed) {
  return deriveKeyPair(seed, utf8('OPAQUE-DeriveDiffieHellmanKeyPair'));
}

/** oprf_key = DeriveKeyPair(Expand(oprf_seed, credential_identifier || "OprfKey", Nok), "OPAQUE-DeriveKeyPair") (RFC 9807 §5.2.2). */
export async function oprfKey(oprfSeed, credentialIdentifier) {
  const seed = await hkdfExpand(oprfSeed, concat(credentialIdentifier, utf8('OprfKey')), NOK);
  return (await deriveKeyPair(seed, utf8('OPAQUE-DeriveKeyPair'))).privateKey;
}

/** randomized_password = Extract("", oprf_output || Stretch(oprf_output)) (RFC 9807 §5.2.3, §6.3.2.3). */
export async function randomizedPassword(oprfOutput, ksf) {
  let stretched;
  try {
    stretched = await ksf(oprfOutput);
  } catch {
    throw new OpaqueError('ksf_failed');
  }
  return hkdfExtract(new Uint8Array(0), concat(oprfOutput, stretched));
}

/** masking_key = Expand(randomized_password, "MaskingKey", Nh) (RFC 9807 §5.2.3). */
export function maskingKey(randomizedPwd) {
  return hkdfExpand(randomizedPwd, utf8('MaskingKey'), NH);
}

/** credential_response_pad = Expand(masking_key, masking_nonce || "CredentialResponsePad", Npk + Nn + Nm) (RFC 9807 §6.3.2.2). */
export function credentialResponsePad(maskingKeyBytes, maskingNonce) {
  return hkdfExpand(maskingKeyBytes, concat(maskingNonce, utf8('CredentialResponsePad')), NPK + ENVELOPE_LENGTH);
}

/** Checks an optional identity: `<1..2^16-1>` bytes (RFC 9807 §4.1.2). */
export function checkIdentity(identity, field) {
  if (identity !== undefined && identity !== null && (identity.length === 0 || identity.length > 0xffff)) {
    throw new OpaqueError('invalid_length', `${field}: must be 1 to 65535 bytes`);
  }
}

/**
 * CreateCleartextCredentials (RFC 9807 §4.1.2): identities default to the public keys.
 * Returns `{serverIdentity, clientIdentity, bytes}`.
 */
export function cleartextCredentials(serverPublicKey, clientPublicKey, serverIdentity, clientIdentity) {
  const s = serverIdentity ?? serverPublicKey;
  const c = clientIdentity ?? clientPublicKey;
  return { serverIdentity: s, clientIdentity: c, bytes: concat(serverPublicKey, i2osp2(s.length), s, i2osp2(c.length), c) };
}

/** auth_key, export_key and the private-key seed bound to the envelope nonce (RFC 9807 §4.1.2). */
async function envelopeKeys(randomizedPwd, nonce) {
  return {
    authKey: await hkdfExpand(randomizedPwd, concat(nonce, utf8('AuthKey')), NH),
    exportKey: await hkdfExpand(randomizedPwd, concat(nonce, utf8('ExportKey')), NH),
    seed: await hkdfExpand(randomizedPwd, concat(nonce, utf8('PrivateKey')), NSEED),
  };
}

/** Store (RFC 9807 §4.1.2): returns `{envelope, clientPublicKey, maskingKey, exportKey, authKey}`. */
export async function storeEnvelope(randomizedPwd, serverPublicKey, serverIdentity, clientIdentity, envelopeNonce) {
  checkLength(envelopeNonce, NN, 'envelope_nonce');
  const keys = await envelopeKeys(randomizedPwd, envelopeNonce);
  const { publicKey: clientPublicKey } = await deriveDiffieHellmanKeyPair(keys.seed);
  const credentials = cleartextCredentials(serverPublicKey, clientPublicKey, serverIdentity, clientIdentity);
  const authTag = await hmacSha512(keys.authKey, concat(envelopeNonce, credentials.bytes));
  return {
    envelope: concat(envelopeNonce, authTag),
    clientPublicKey,
    maskingKey: await maskingKey(randomizedPwd),
    exportKey: keys.exportKey,
    authKey: keys.authKey,
  };
}

/**
 * Recover (RFC 9807 §4.1.3): returns `{clientPrivateKey, credentials, exportKey}`.
 * Throws `envelope_recovery_failed` when the tag does not verify (wrong password or fake record).
 */
export async function recoverEnvelope(randomizedPwd, serverPublicKey, envelope, serverIdentity, clientIdentity) {
  checkLength(envelope, ENVELOPE_LENGTH, 'envelope');
  const nonce = envelope.subarray(0, NN);
  const authTag = envelope.subarray(NN);
  const keys = await envelopeKeys(randomizedPwd, nonce);
  const { privateKey, publicKey } = await deriveDiffieHellmanKeyPair(keys.seed);
  const credentials = cleartextCredentials(serverPublicKey, publicKey, serverIdentity, clientIdentity);
  const expectedTag = await hmacSha512(keys.authKey, concat(nonce, credentials.bytes));
  // RFC 9807 §4.1.3: compare the tags in constant time; abort with EnvelopeRecoveryError.
  if (!constantTimeEqual(authTag, expectedTag)) throw new OpaqueError('envelope_recovery_failed');
  return { clientPrivateKey: privateKey, credentials, exportKey: keys.exportKey };
}

/** Expand-Label(Secret, Label, Context, Length) (RFC 9807 §6.4.2.1). */
export function expandLabel(secret, label, context, length) {
  const fullLabel = utf8(`OPAQUE-${label}`);
  // RFC 9807 §6.4.2.1: label and context are encoded with one-byte lengths.
  if (fullLabel.length > 255 || context.length > 255) throw new RangeError('Expand-Label: label or context too long');
  const info = concat(i2osp2(length), Uint8Array.of(fullLabel.length), fullLabel, Uint8Array.of(context.length), context);
  return hkdfExpand(secret, info, length);
}

/**
 * DeriveKeys(ikm, preamble) (RFC 9807 §6.4.2.2):
 * returns `{handshakeSecret, serverMacKey, clientMacKey, sessionKey}`.
 */
export async function deriveKeys(ikm, preamble) {
  const prk = await hkdfExtract(new Uint8Array(0), ikm);
  const preambleHash = await sha512(preamble);
  const handshakeSecret = await expandLabel(prk, 'HandshakeSecret', preambleHash, NH);
  const sessionKey = await expandLabel(prk, 'SessionKey', preambleHash, NH);
  const empty = new Uint8Array(0);
  return {
    handshakeSecret,
    serverMacKey: await expandLabel(handshakeSecret, 'ServerMAC', empty, NH),
    clientMacKey: await expandLabel(handshakeSecret, 'ClientMAC', empty, NH),
    sessionKey,
  };
}

/** Preamble (RFC 9807 §6.4.2.1), prefixed with "OPAQUEv1-". */
export function preamble({ context, clientIdentity, ke1, serverIdentity, credentialResponse, serverNonce, serverPublicKeyshare }) {
  return concat(
    utf8('OPAQUEv1-'), i2osp2(context.length), context,
    i2osp2(clientIdentity.length), clientIdentity, ke1,
    i2osp2(serverIdentity.length), serverIdentity,
    credentialResponse, serverNonce, serverPublicKeyshare,
  );
}
