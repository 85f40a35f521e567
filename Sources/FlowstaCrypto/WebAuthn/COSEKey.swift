import Crypto
import CryptoExtras
import Foundation

/// A credential public key as WebAuthn carries it: a COSE key (RFC 9052 §7, RFC 9053) of one of
/// the algorithms Flowsta accepts — ES256 (P-256, `alg` -7), EdDSA (Ed25519, -8) and RS256
/// (RSASSA-PKCS1-v1_5 with SHA-256, 2048 bits or more, -257).
public enum COSEKey: Sendable {
    case es256(P256.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)
    case rs256(_RSA.Signing.PublicKey)

    /// The COSE algorithm identifiers accepted, in the order a relying party prefers them
    /// (`pubKeyCredParams`).
    public static let algorithms = [-7, -8, -257]

    /// Why a COSE key is refused.
    public enum Failure: Error, Equatable, Sendable {
        case malformed(String)
        case unsupportedAlgorithm(Int?)
    }

    /// Reads a COSE key map. - Throws: ``Failure``.
    public init(_ value: CBORValue) throws(Failure) {
        let kty = value[int: 1]?.int
        let alg = value[int: 3]?.int
        switch (kty, alg) {
        case (2, -7):  // EC2, ES256
            guard value[int: -1]?.int == 1 else { throw .malformed("ES256 needs curve P-256 (crv 1)") }
            guard let x = value[int: -2]?.byteString, let y = value[int: -3]?.byteString, x.count == 32, y.count == 32,
                  let key = try? P256.Signing.PublicKey(rawRepresentation: x + y) else {
                throw .malformed("an ES256 key needs 32-byte x and y of a point on P-256")
            }
            self = .es256(key)
        case (1, -8):  // OKP, EdDSA
            guard value[int: -1]?.int == 6 else { throw .malformed("EdDSA needs curve Ed25519 (crv 6)") }
            guard let x = value[int: -2]?.byteString, x.count == 32, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: x) else {
                throw .malformed("an Ed25519 key needs a 32-byte x")
            }
            self = .ed25519(key)
        case (3, -257):  // RSA, RS256
            guard let n = value[int: -1]?.byteString, let e = value[int: -2]?.byteString, n.count <= 1024, !e.isEmpty, e.count <= 8,
                  let key = try? _RSA.Signing.PublicKey(n: n, e: e) else {
                throw .malformed("an RS256 key needs n of 2048 to 8192 bits and e")
            }
            self = .rs256(key)
        default:
            throw .unsupportedAlgorithm(alg)
        }
    }

    /// The COSE `alg` of the key.
    public var algorithm: Int {
        switch self {
        case .es256: -7
        case .ed25519: -8
        case .rs256: -257
        }
    }

    /// Whether `signature` is this key's over `message` (ES256 signatures are DER-encoded, as
    /// WebAuthn §6.5.6 has them).
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        switch self {
        case .es256(let key):
            guard let decoded = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(decoded, for: message)
        case .ed25519(let key):
            return key.isValidSignature(signature, for: message)
        case .rs256(let key):
            return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: message, padding: .insecurePKCS1v1_5)
        }
    }
}
