/** The error raised by the OPRF, ristretto255 and OPAQUE modules. */

/**
 * A protocol or encoding failure. `code` is one of: `invalid_length`, `invalid_element`,
 * `identity_element`, `invalid_scalar`, `derive_key_pair_failed`, `envelope_recovery_failed`,
 * `server_authentication_failed`, `client_authentication_failed`, `ksf_failed`.
 * Messages never contain secret values.
 */
export class OpaqueError extends Error {
  /** Creates an error with a stable machine-readable `code`. */
  constructor(code, message = code) {
    super(message);
    this.name = 'OpaqueError';
    this.code = code;
  }
}

/** Throws `invalid_length` unless `bytes` is a byte array of exactly `expected` bytes. */
export function checkLength(bytes, expected, field) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== expected) {
    throw new OpaqueError('invalid_length', `${field}: expected ${expected} bytes`);
  }
}
