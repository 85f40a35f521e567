import Crypto
import FlowstaCore
import CryptoExtras
import Foundation
import JWTKit

/// The JWS algorithms tokens are signed with.
public enum SigningAlgorithm: String, Sendable, CaseIterable, Codable {
    /// RSASSA-PKCS1-v1_5 with SHA-256, RSA-2048: the OIDC default for ID tokens.
    case rs256 = "RS256"
    /// ECDSA P-256 with SHA-256: the default for access tokens.
    case es256 = "ES256"
    /// Ed25519.
    case edDSA = "EdDSA"

    /// A fresh private key in the form it is sealed at rest (RSA: PKCS#1 DER; P-256 and
    /// Ed25519: the raw scalar).
    func generatePrivateKey() throws -> [UInt8] {
        switch self {
        case .rs256: [UInt8](try _RSA.Signing.PrivateKey(keySize: .bits2048).derRepresentation)
        case .es256: [UInt8](P256.Signing.PrivateKey().rawRepresentation)
        case .edDSA: [UInt8](Curve25519.Signing.PrivateKey().rawRepresentation)
        }
    }

    /// Adds the key to `collection` and returns its public JWK (RFC 7517 / RFC 7518 §6 / RFC 8037).
    /// Our tokens' JSON is written by hand (``TokenJSONEncoder``).
    private static let serializer = DefaultJWTSerializer(jsonEncoder: TokenJSONEncoder())

    func install(privateKey bytes: [UInt8], kid: String, in collection: JWTKeyCollection) async throws -> PublicJWK {
        let identifier = JWKIdentifier(string: kid)
        switch self {
        case .rs256:
            let backing = try _RSA.Signing.PrivateKey(derRepresentation: bytes)
            let key = try Insecure.RSA.PrivateKey(backing: backing)
            await collection.add(rsa: key, digestAlgorithm: .sha256, kid: identifier, serializer: Self.serializer)
            let primitives = try key.publicKey.getKeyPrimitives()
            return PublicJWK(kty: "RSA", kid: kid, alg: rawValue, n: Base64URL.encode(primitives.modulus), e: Base64URL.encode(primitives.publicExponent))
        case .es256:
            let key = try ES256PrivateKey(backing: P256.Signing.PrivateKey(rawRepresentation: bytes))
            await collection.add(ecdsa: key, kid: identifier, serializer: Self.serializer)
            let point = [UInt8](try P256.Signing.PrivateKey(rawRepresentation: bytes).publicKey.x963Representation)
            return PublicJWK(kty: "EC", kid: kid, alg: rawValue, crv: "P-256", x: Base64URL.encode(point[1..<33]), y: Base64URL.encode(point[33..<65]))
        case .edDSA:
            let backing = try Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
            await collection.add(eddsa: EdDSA.PrivateKey(backing: backing), kid: identifier, serializer: Self.serializer)
            return PublicJWK(kty: "OKP", kid: kid, alg: rawValue, crv: "Ed25519", x: Base64URL.encode(backing.publicKey.rawRepresentation))
        }
    }

    /// The hash whose left half is `at_hash` (OIDC Core §3.1.3.6; SHA-512 for Ed25519).
    func accessTokenHash(_ token: String) -> String {
        let digest: [UInt8] = switch self {
        case .rs256, .es256: Array(SHA256.hash(data: Array(token.utf8)))
        case .edDSA: Array(SHA512.hash(data: Array(token.utf8)))
        }
        return Base64URL.encode(digest.prefix(digest.count / 2))
    }
}

/// A public key as published in the JWKS.
public struct PublicJWK: Codable, Sendable, Equatable {
    public var kty: String
    public var use = "sig"
    public var kid: String
    public var alg: String
    public var n: String?
    public var e: String?
    public var crv: String?
    public var x: String?
    public var y: String?

    init(kty: String, kid: String, alg: String, n: String? = nil, e: String? = nil, crv: String? = nil, x: String? = nil, y: String? = nil) {
        self.kty = kty
        self.kid = kid
        self.alg = alg
        self.n = n
        self.e = e
        self.crv = crv
        self.x = x
        self.y = y
    }
}
