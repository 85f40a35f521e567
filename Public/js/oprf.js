/**
 * RFC 9497 OPRF, mode 0 (modeOPRF), suite ristretto255-SHA512, on 32-byte encodings.
 * Functions taking a blind exist so the RFC vectors can be replayed; `blind` draws a fresh one.
 */

import { OpaqueError } from './errors.js';
import { concat, i2osp2, isZero, utf8 } from './bytes.js';
import { sha512 } from './sha512.js';
import * as group from './ristretto255.js';

/** contextString = "OPRFV1-" || I2OSP(mode, 1) || "-" || "ristretto255-SHA512" (RFC 9497 §3.1), mode 0. */
export const CONTEXT_STRING = concat(utf8('OPRFV1-'), Uint8Array.of(0), utf8('-ristretto255-SHA512'));

/** Nh: length of the Finalize output. */
export const OUTPUT_LENGTH = 64;

/** DeriveKeyPair(seed, info) (RFC 9497 §3.2.1): returns `{privateKey, publicKey}`. */
export async function deriveKeyPair(seed, info) {
  if (seed.length !== 32) throw new OpaqueError('invalid_length', 'seed: expected 32 bytes');
  const deriveInput = concat(seed, i2osp2(info.length), info);
  // RFC 9497 §3.2.1: the DST is "DeriveKeyPair" || contextString.
  const dst = concat(utf8('DeriveKeyPair'), CONTEXT_STRING);
  for (let counter = 0; counter <= 255; counter++) {
    const privateKey = await group.hashToScalar(concat(deriveInput, Uint8Array.of(counter)), dst);
    if (!isZero(privateKey)) return { privateKey, publicKey: group.scalarMultBase(privateKey) };
  }
  // RFC 9497 §3.2.1: raise DeriveKeyPairError after 256 attempts.
  throw new OpaqueError('derive_key_pair_failed');
}

/** Blind(input) with a fresh random blind (RFC 9497 §3.3.1): returns `{blind, blindedElement}`. */
export function blind(input) {
  return blindWith(input, group.randomScalar());
}

/** Blind(input) with a caller-chosen blind; for test vectors only. */
export async function blindWith(input, blindScalar) {
  group.scalarFromBytes(blindScalar, 'blind');
  const inputElement = await group.hashToGroup(input, concat(utf8('HashToGroup-'), CONTEXT_STRING));
  // RFC 9497 §3.3.1: if inputElement == G.Identity(), raise InvalidInputError.
  if (group.isIdentity(inputElement)) throw new OpaqueError('identity_element', 'input maps to the identity');
  return { blind: blindScalar, blindedElement: group.encode(group.multiply(group.scalarFromBytes(blindScalar), inputElement)) };
}

/** BlindEvaluate(skS, blindedElement) (RFC 9497 §3.3.1); the element is validated first. */
export function blindEvaluate(privateKey, blindedElement) {
  return group.scalarMult(privateKey, blindedElement);
}

/** Finalize(input, blind, evaluatedElement) (RFC 9497 §3.3.1). */
export async function finalize(input, blindScalar, evaluatedElement) {
  const n = group.scalarMult(group.invertScalar(blindScalar), evaluatedElement);
  const hashInput = concat(i2osp2(input.length), input, i2osp2(n.length), n, utf8('Finalize'));
  return sha512(hashInput);
}
