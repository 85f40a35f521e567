/**
 * The user's root key (docs/keys.md): 32 random bytes made in this browser, from which the vault
 * key (format 2), the analytics root and the signing seed derive. The server only ever holds it
 * sealed in envelopes, each opened by one lock secret (the OPAQUE export key of the password or of
 * the recovery code); a `legacy-vault` envelope, locked by the root key itself, carries the vault
 * key of format 1 of accounts older than the root key.
 *
 *   vault_key      = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta vault v2", L: 32)
 *   analytics_root = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta analytics v2", L: 32)
 *   signing_seed   = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta signing v1", L: 32)   (reserved)
 *
 *   wrap_key = HKDF-SHA512(ikm: lock_secret, salt: empty, info: utf8("flowsta envelope v1:" kind), L: 32)
 *   aad      = utf8("flowsta envelope v1:" kind ":" user_id)            (user_id: lowercase UUID)
 *   envelope = 0x01 || nonce (12) || AES-256-GCM(wrap_key, nonce, sealed_key (32), aad)   (61 bytes)
 *
 * The recovery code is 15 random bytes written as 24 characters of Crockford's base32, in six
 * groups of four; typed back, it is normalized to the 24 characters that are the "password" of
 * the user's recovery OPAQUE record.
 * Known answers: Tests/FlowstaCryptoTests/Vectors/root-key-v1.json (Tests/support/root_key_vectors.py).
 *
 * vault.js imports this module and this module imports vault.js (for the format-1 vault key);
 * neither uses the other while loading, only when called, so either may be imported first.
 */

import { ANALYTICS_INFO_V2 } from './analytics.js';
import { concat, fromBase64Url, randomBytes, toBase64Url, utf8 } from './bytes.js';
import { VAULT_INFO_V2, vaultKeyBytes } from './vault.js';

/** The kinds of envelope, each named after where its lock secret comes from. */
export const ENVELOPE_KINDS = Object.freeze(['password', 'recovery', 'legacy-vault', 'passkey']);

/** The HKDF info string of the signing seed (reserved for the user's Ed25519 key). */
export const SIGNING_INFO = 'flowsta signing v1';

/** The prefix of an envelope's wrap-key info and AAD. */
export const ENVELOPE_LABEL = 'flowsta envelope v1';

/** The first byte of an envelope. */
export const ENVELOPE_VERSION = 1;

/** The size of an envelope in bytes: version, nonce, sealed key, tag. */
export const ENVELOPE_LENGTH = 1 + 12 + 32 + 16;

/** The recovery code's alphabet (Crockford's base32: no I, L, O or U). */
export const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const KEY_LENGTH = 32;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
const RECOVERY_BYTES = 15;
const RECOVERY_LENGTH = 24;
const LOCK_SECRET_LENGTHS = Object.freeze({ password: 64, recovery: 64, 'legacy-vault': 32, passkey: 32 });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NORMALIZED_RECOVERY_CODE = /^[0-9A-HJKMNP-TV-Z]{24}$/;
const AES_GCM = { name: 'AES-GCM', length: 256 };
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256', length: 256 };

const subtle = () => globalThis.crypto.subtle;

/**
 * A root-key failure. `code` is one of: `invalid_envelope` (not base64url, or not 61 bytes),
 * `unsupported_version` (61 bytes whose first byte is not 0x01), `decryption_failed` (another
 * lock secret, user or kind, or a tampered envelope), `invalid_recovery_code` (a typed recovery
 * code that does not normalize; see `parseRecoveryCode`). Messages never contain secret values.
 */
export class RootKeyError extends Error {
  constructor(code, message = code) {
    super(message);
    this.name = 'RootKeyError';
    this.code = code;
  }
}

/** Throws `TypeError` unless `bytes` is a Uint8Array of `length` bytes. */
function expectBytes(bytes, length, name) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) throw new TypeError(`${name}: expected ${length} bytes`);
}

/** Throws `TypeError` unless `kind` is one of ENVELOPE_KINDS. */
function expectKind(kind) {
  if (!ENVELOPE_KINDS.includes(kind)) throw new TypeError(`kind: expected one of ${ENVELOPE_KINDS.join(', ')}`);
}

/** Throws `TypeError` unless `lockSecret` has the length of `kind`'s lock secret. */
function expectLockSecret(lockSecret, kind) {
  expectKind(kind);
  expectBytes(lockSecret, LOCK_SECRET_LENGTHS[kind], 'lockSecret');
}

/** The canonical (lowercase) form of the UUID `userId`; `TypeError` for anything else. */
function canonicalUserId(userId) {
  const canonical = typeof userId === 'string' ? userId.toLowerCase() : '';
  if (!UUID.test(canonical)) throw new TypeError('userId: expected a UUID');
  return canonical;
}

/** HKDF-SHA512 parameters with an empty salt (RFC 5869: HashLen zero bytes). */
const hkdfParams = (info) => ({ name: 'HKDF', hash: 'SHA-512', salt: new Uint8Array(0), info: utf8(info) });

/** 32 bytes of HKDF-SHA512(`ikm`, `info`). */
async function hkdfBytes(ikm, info) {
  const base = await subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await subtle().deriveBits(hkdfParams(info), base, KEY_LENGTH * 8));
}

/** HKDF-SHA512(`ikm`, `info`) as a non-extractable `CryptoKey` of `algorithm` for `usages`. */
async function hkdfKey(ikm, info, algorithm, usages) {
  const base = await subtle().importKey('raw', ikm, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(hkdfParams(info), base, algorithm, false, usages);
}

/** A fresh root key: 32 bytes from the platform CSPRNG (`crypto.getRandomValues`). */
export function generateRootKey() {
  return randomBytes(KEY_LENGTH);
}

/** The info string of a wrap key: "flowsta envelope v1:" kind. */
const wrapInfo = (kind) => `${ENVELOPE_LABEL}:${kind}`;

/**
 * The wrap key of `kind` under `lockSecret` (64 bytes for `password` and `recovery`, 32 for
 * `legacy-vault`) as 32 raw bytes. For known-answer tests only: sealing and opening use a
 * non-extractable key.
 */
export async function wrapKeyBytes(lockSecret, kind) {
  expectLockSecret(lockSecret, kind);
  return hkdfBytes(lockSecret, wrapInfo(kind));
}

/**
 * The AAD of an envelope: utf8("flowsta envelope v1:" kind ":" user_id), the user id in
 * lowercase. Throws `TypeError` for an unknown kind or a user id that is not a UUID.
 */
export function envelopeAAD(kind, userId) {
  expectKind(kind);
  return utf8(`${ENVELOPE_LABEL}:${kind}:${canonicalUserId(userId)}`);
}

/** The AES-GCM parameters of an envelope. */
const envelopeParams = (nonce, kind, userId) =>
  ({ name: 'AES-GCM', iv: nonce, additionalData: envelopeAAD(kind, userId), tagLength: TAG_LENGTH * 8 });

/**
 * Seals `key` (32 bytes: the root key, or for `legacy-vault` the vault key of format 1) in an
 * envelope of `kind` for the user `userId`, under `lockSecret`; resolves to its base64url (no
 * padding, 82 characters). `nonce` (12 bytes) is for known-answer tests only: by default it is
 * fresh from the platform CSPRNG. Throws `TypeError` on a bad argument.
 */
export async function sealEnvelope({ kind, lockSecret, userId, key, nonce } = {}) {
  expectLockSecret(lockSecret, kind);
  const canonical = canonicalUserId(userId);
  expectBytes(key, KEY_LENGTH, 'key');
  const iv = nonce ?? randomBytes(NONCE_LENGTH);
  expectBytes(iv, NONCE_LENGTH, 'nonce');
  const wrapKey = await hkdfKey(lockSecret, wrapInfo(kind), AES_GCM, ['encrypt']);
  const sealed = new Uint8Array(await subtle().encrypt(envelopeParams(iv, kind, canonical), wrapKey, key));
  return toBase64Url(concat(Uint8Array.of(ENVELOPE_VERSION), iv, sealed));
}

/** The bytes of `envelope` (base64url); `RootKeyError` unless it is a version 1 envelope. */
function envelopeBytes(envelope) {
  let bytes;
  try {
    bytes = fromBase64Url(envelope);
  } catch {
    throw new RootKeyError('invalid_envelope', 'the envelope is not base64url');
  }
  if (bytes.length !== ENVELOPE_LENGTH) throw new RootKeyError('invalid_envelope', `an envelope has ${ENVELOPE_LENGTH} bytes`);
  if (bytes[0] !== ENVELOPE_VERSION) throw new RootKeyError('unsupported_version', `unsupported envelope version ${bytes[0]}`);
  return bytes;
}

/**
 * Opens an envelope of `kind` for the user `userId` with `lockSecret`: resolves to the 32-byte
 * key it holds. Throws `RootKeyError` (`invalid_envelope`, `unsupported_version`,
 * `decryption_failed`) when `envelope` is malformed, of another version, or does not
 * authenticate under this lock secret, user and kind; `TypeError` on a bad argument.
 */
export async function openEnvelope({ kind, lockSecret, userId, envelope } = {}) {
  expectLockSecret(lockSecret, kind);
  const canonical = canonicalUserId(userId);
  const bytes = envelopeBytes(envelope);
  const wrapKey = await hkdfKey(lockSecret, wrapInfo(kind), AES_GCM, ['decrypt']);
  try {
    const params = envelopeParams(bytes.subarray(1, 1 + NONCE_LENGTH), kind, canonical);
    return new Uint8Array(await subtle().decrypt(params, wrapKey, bytes.subarray(1 + NONCE_LENGTH)));
  } catch {
    throw new RootKeyError('decryption_failed', 'the envelope does not open with this lock secret, user and kind');
  }
}

/** Throws `TypeError` unless `rootKey` is 32 bytes. */
const expectRootKey = (rootKey) => expectBytes(rootKey, KEY_LENGTH, 'rootKey');

/** The vault key of format 2 of `rootKey` as 32 raw bytes. For known-answer tests only. */
export async function vaultKeyV2Bytes(rootKey) {
  expectRootKey(rootKey);
  return hkdfBytes(rootKey, VAULT_INFO_V2);
}

/** The analytics root of `rootKey` as 32 raw bytes. For known-answer tests only. */
export async function analyticsRootV2Bytes(rootKey) {
  expectRootKey(rootKey);
  return hkdfBytes(rootKey, ANALYTICS_INFO_V2);
}

/** The signing seed of `rootKey` as 32 raw bytes (reserved for the user's Ed25519 key). */
export async function signingSeedBytes(rootKey) {
  expectRootKey(rootKey);
  return hkdfBytes(rootKey, SIGNING_INFO);
}

/**
 * The keys of `rootKey` (32 bytes) as non-extractable `CryptoKey`s: `vaultKey` (AES-256-GCM,
 * `['encrypt', 'decrypt']`, for entries of format 2) and `analyticsRoot` (HMAC-SHA256,
 * `['sign']`, for `analyticsID`). Throws `TypeError` unless `rootKey` is 32 bytes.
 */
export async function deriveRootKeys(rootKey) {
  expectRootKey(rootKey);
  const [vaultKey, analyticsRoot] = await Promise.all([
    hkdfKey(rootKey, VAULT_INFO_V2, AES_GCM, ['encrypt', 'decrypt']),
    hkdfKey(rootKey, ANALYTICS_INFO_V2, HMAC_SHA256, ['sign']),
  ]);
  return { vaultKey, analyticsRoot };
}

/**
 * The vault key of format 1 of `exportKey` (the 64-byte OPAQUE export key of the password) as
 * 32 raw bytes: what a `legacy-vault` envelope seals for an account older than the root key.
 */
export function legacyVaultKeyBytes(exportKey) {
  return vaultKeyBytes(exportKey);
}

/**
 * The recovery code of 15 bytes: `{ code, normalized }`, `normalized` the 24 alphabet
 * characters (the 120 bits big-endian, 5 bits a character, most significant first) and `code`
 * the same in six groups of four joined by '-'. Throws `TypeError` unless `bytes` is 15 bytes.
 */
export function recoveryCodeFromBytes(bytes) {
  expectBytes(bytes, RECOVERY_BYTES, 'bytes');
  let normalized = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff; // at most 12 bits are ever pending
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      normalized += RECOVERY_ALPHABET[(buffer >> bits) & 31];
    }
  }
  return { code: normalized.match(/.{4}/g).join('-'), normalized };
}

/** A fresh recovery code (15 bytes from the platform CSPRNG): `{ code, normalized }`. */
export function generateRecoveryCode() {
  return recoveryCodeFromBytes(randomBytes(RECOVERY_BYTES));
}

/**
 * Reads a typed recovery code: ASCII spaces and hyphens are removed, ASCII letters uppercased
 * (only ASCII: 'ı'.toUpperCase() is 'I'), `O` read as `0`, `I` and `L` as `1`. Returns the 24
 * normalized characters, or null when anything else remains (or `typed` is not a string).
 */
export function normalizeRecoveryCode(typed) {
  if (typeof typed !== 'string') return null;
  const normalized = typed
    .replace(/[ -]/g, '')
    .replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return NORMALIZED_RECOVERY_CODE.test(normalized) ? normalized : null;
}

/**
 * `normalizeRecoveryCode` for forms: the 24 normalized characters, or `RootKeyError`
 * (`invalid_recovery_code`) when `typed` is not a recovery code.
 */
export function parseRecoveryCode(typed) {
  const normalized = normalizeRecoveryCode(typed);
  if (normalized === null) {
    throw new RootKeyError('invalid_recovery_code', `a recovery code has ${RECOVERY_LENGTH} characters of ${RECOVERY_ALPHABET}`);
  }
  return normalized;
}
