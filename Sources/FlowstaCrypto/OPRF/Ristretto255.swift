import CSodium

/// The ristretto255 prime-order group (RFC 9496) over libsodium, with the
/// serialisation rules of RFC 9497 §2.1 and §4.1.
///
/// Elements and scalars are carried as 32-byte arrays; every function that
/// accepts bytes from the outside validates them first.
enum Ristretto255 {
    /// Ne: length of a serialised element.
    static let elementLength = 32
    /// Ns: length of a serialised scalar.
    static let scalarLength = 32
    /// The canonical encoding of the identity element.
    static let identityEncoding = [UInt8](repeating: 0, count: 32)

    /// DeserializeElement: the bytes must be a canonical ristretto255 encoding
    /// and must not be the identity element (RFC 9497 §2.1, §4.1.1).
    static func validateElement(_ bytes: [UInt8], field: String = "element") throws(OPAQUEError) {
        guard bytes.count == elementLength else {
            throw .invalidLength(field: field, expected: elementLength, actual: bytes.count)
        }
        Sodium.ensureInitialized()
        // crypto_core_ristretto255_is_valid_point accepts the identity, so the
        // identity is rejected separately below.
        guard bytes.withUnsafeBufferPointer({ crypto_core_ristretto255_is_valid_point($0.baseAddress!) }) == 1 else {
            throw .invalidElement
        }
        // RFC 9497 §2.1: DeserializeElement MUST fail for the identity element.
        // A canonical encoding of the identity is all zeroes.
        guard !Sodium.isZero(bytes) else { throw .identityElement }
    }

    /// `true` when `bytes` is a canonical scalar encoding (little-endian, < L).
    static func isCanonicalScalar(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == scalarLength else { return false }
        // Reduce the zero-extended 64-byte value; a canonical scalar is unchanged.
        return Sodium.constantTimeEqual(reduce(bytes + [UInt8](repeating: 0, count: 32)), bytes)
    }

    /// DeserializeScalar: canonical (< group order) and, for keys, non-zero
    /// (RFC 9497 §4.1.1, §2.1: private keys are non-zero scalars).
    static func validateScalar(_ bytes: [UInt8], field: String = "scalar") throws(OPAQUEError) {
        guard bytes.count == scalarLength else {
            throw .invalidLength(field: field, expected: scalarLength, actual: bytes.count)
        }
        guard isCanonicalScalar(bytes), !Sodium.isZero(bytes) else { throw .invalidScalar }
    }

    /// Reduces a 64-byte little-endian integer modulo the group order L.
    static func reduce(_ wide: [UInt8]) -> [UInt8] {
        precondition(wide.count == 64, "reduce expects 64 bytes")
        Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: scalarLength)
        out.withUnsafeMutableBufferPointer { o in
            wide.withUnsafeBufferPointer { crypto_core_ristretto255_scalar_reduce(o.baseAddress!, $0.baseAddress!) }
        }
        return out
    }

    /// The ristretto255 one-way map from 64 uniform bytes to an element (RFC 9496 §4.3.4).
    static func fromUniformBytes(_ uniform: [UInt8]) -> [UInt8] {
        precondition(uniform.count == 64, "fromUniformBytes expects 64 bytes")
        Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: elementLength)
        _ = out.withUnsafeMutableBufferPointer { o in
            uniform.withUnsafeBufferPointer { crypto_core_ristretto255_from_hash(o.baseAddress!, $0.baseAddress!) }
        }
        return out
    }

    /// `scalar * element`. Throws `.invalidElement` for a bad encoding and
    /// `.identityElement` when the product is the identity.
    static func scalarMult(_ scalar: [UInt8], _ element: [UInt8]) throws(OPAQUEError) -> [UInt8] {
        try validateElement(element)
        guard scalar.count == scalarLength else {
            throw .invalidLength(field: "scalar", expected: scalarLength, actual: scalar.count)
        }
        var out = [UInt8](repeating: 0, count: elementLength)
        // Returns -1 when the result is the identity (or the point is invalid, checked above).
        let rc = out.withUnsafeMutableBufferPointer { o in
            scalar.withUnsafeBufferPointer { s in
                element.withUnsafeBufferPointer { crypto_scalarmult_ristretto255(o.baseAddress!, s.baseAddress!, $0.baseAddress!) }
            }
        }
        guard rc == 0 else { throw .identityElement }
        return out
    }

    /// ScalarMultGen: `scalar * G`. Throws `.invalidScalar` for a zero scalar.
    static func scalarMultBase(_ scalar: [UInt8]) throws(OPAQUEError) -> [UInt8] {
        guard scalar.count == scalarLength else {
            throw .invalidLength(field: "scalar", expected: scalarLength, actual: scalar.count)
        }
        Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: elementLength)
        let rc = out.withUnsafeMutableBufferPointer { o in
            scalar.withUnsafeBufferPointer { crypto_scalarmult_ristretto255_base(o.baseAddress!, $0.baseAddress!) }
        }
        guard rc == 0 else { throw .invalidScalar }
        return out
    }

    /// ScalarInverse modulo L. Throws `.invalidScalar` for zero.
    static func invert(_ scalar: [UInt8]) throws(OPAQUEError) -> [UInt8] {
        guard scalar.count == scalarLength else {
            throw .invalidLength(field: "scalar", expected: scalarLength, actual: scalar.count)
        }
        Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: scalarLength)
        let rc = out.withUnsafeMutableBufferPointer { o in
            scalar.withUnsafeBufferPointer { crypto_core_ristretto255_scalar_invert(o.baseAddress!, $0.baseAddress!) }
        }
        guard rc == 0 else { throw .invalidScalar }
        return out
    }

    /// RandomScalar: a uniformly random non-zero scalar (libsodium never returns 0 here).
    static func randomScalar() -> [UInt8] {
        Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: scalarLength)
        out.withUnsafeMutableBufferPointer { crypto_core_ristretto255_scalar_random($0.baseAddress!) }
        return out
    }
}
