/// Errors raised by the OPRF and OPAQUE code.
public enum OPAQUEError: Error, Equatable, Sendable {
    /// A message or field has the wrong length.
    case invalidLength(field: String, expected: Int, actual: Int)
    /// Not a canonical ristretto255 encoding.
    case invalidElement
    /// The identity element where it is forbidden.
    case identityElement
    /// A non-canonical (>= group order) or zero scalar.
    case invalidScalar
    /// DeriveKeyPair found no non-zero scalar (RFC 9497 §3.2.1).
    case deriveKeyPairFailed
    /// The envelope did not authenticate: wrong password (client side).
    case envelopeRecoveryFailed
    /// The server MAC in KE2 did not verify (client side).
    case serverAuthenticationFailed
    /// The client MAC in KE3 did not verify (server side): wrong password.
    case clientAuthenticationFailed
    /// The key stretching function failed (bad parameters or out of memory).
    case ksfFailed
}
