import Crypto

/// RFC 9497 OPRF, mode 0 (modeOPRF), suite ristretto255-SHA512.
///
/// Scalars and elements are 32-byte serialisations. The public entry points
/// draw their randomness from libsodium; the internal overloads take it as
/// a parameter so the RFC test vectors can be replayed.
public enum OPRF {
    /// The suite identifier (RFC 9497 §4.1).
    public static let suiteIdentifier = "ristretto255-SHA512"

    /// contextString = "OPRFV1-" || I2OSP(mode, 1) || "-" || identifier (RFC 9497 §3.1), mode 0.
    public static let contextString: [UInt8] = Array("OPRFV1-".utf8) + [0x00] + Array("-ristretto255-SHA512".utf8)

    /// Nh: length of the Finalize output.
    public static let outputLength = 64

    /// DeriveKeyPair(seed, info) (RFC 9497 §3.2.1). Returns (skS, pkS).
    public static func deriveKeyPair(seed: [UInt8], info: [UInt8]) throws -> (privateKey: [UInt8], publicKey: [UInt8]) {
        guard seed.count == 32 else {
            throw OPAQUEError.invalidLength(field: "seed", expected: 32, actual: seed.count)
        }
        guard info.count <= 0xFFFF else { throw OPAQUEError.deriveKeyPairFailed }
        let deriveInput = seed + [UInt8].i2osp2(info.count) + info
        // DeriveKeyPair uses DST "DeriveKeyPair" || contextString (RFC 9497 §3.2.1).
        let dst = Array("DeriveKeyPair".utf8) + contextString
        for counter in 0...255 {
            let sk = HashToCurve.hashToScalar(deriveInput + [UInt8(counter)], dst: dst)
            if !Sodium.isZero(sk) {
                return (sk, try Ristretto255.scalarMultBase(sk))
            }
        }
        // RFC 9497 §3.2.1: raise DeriveKeyPairError after 256 attempts.
        throw OPAQUEError.deriveKeyPairFailed
    }

    /// Blind(input) with a fresh random blind (RFC 9497 §3.3.1).
    public static func blind(input: [UInt8]) throws -> (blind: [UInt8], blindedElement: [UInt8]) {
        try blind(input: input, blind: Ristretto255.randomScalar())
    }

    /// Blind(input) with a caller-chosen blind (for test vectors).
    static func blind(input: [UInt8], blind: [UInt8]) throws -> (blind: [UInt8], blindedElement: [UInt8]) {
        try Ristretto255.validateScalar(blind, field: "blind")
        let inputElement = HashToCurve.hashToGroup(input, contextString: contextString)
        // RFC 9497 §3.3.1: if inputElement == G.Identity(), raise InvalidInputError.
        guard !Sodium.isZero(inputElement) else { throw OPAQUEError.identityElement }
        return (blind, try Ristretto255.scalarMult(blind, inputElement))
    }

    /// BlindEvaluate(skS, blindedElement) (RFC 9497 §3.3.1). The blinded element is
    /// validated (canonical, non-identity) before use.
    public static func blindEvaluate(privateKey: [UInt8], blindedElement: [UInt8]) throws -> [UInt8] {
        try Ristretto255.validateScalar(privateKey, field: "oprf_key")
        return try Ristretto255.scalarMult(privateKey, blindedElement)
    }

    /// Finalize(input, blind, evaluatedElement) (RFC 9497 §3.3.1).
    public static func finalize(input: [UInt8], blind: [UInt8], evaluatedElement: [UInt8]) throws -> [UInt8] {
        guard input.count <= 0xFFFF else {
            throw OPAQUEError.invalidLength(field: "input", expected: 0xFFFF, actual: input.count)
        }
        try Ristretto255.validateScalar(blind, field: "blind")
        let n = try Ristretto255.scalarMult(try Ristretto255.invert(blind), evaluatedElement)
        let hashInput = [UInt8].i2osp2(input.count) + input
            + [UInt8].i2osp2(n.count) + n
            + Array("Finalize".utf8)
        return Array(SHA512.hash(data: hashInput))
    }
}
