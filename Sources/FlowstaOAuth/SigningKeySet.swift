import FlowstaCore
import FlowstaCrypto
import Foundation
import JWTKit

/// The signing keys in force: every published key (in a jwt-kit key collection, for signing
/// and verifying), the key each algorithm signs with now, and the JWKS document.
public struct SigningKeySet: Sendable {
    let collection: JWTKeyCollection
    let active: [SigningAlgorithm: String]
    /// The algorithm of every published key, by kid.
    let algorithms: [String: SigningAlgorithm]
    /// The public keys, newest first (`/.well-known/jwks.json`).
    public let jwks: [PublicJWK]

    /// Builds the set from stored keys, opening each private key with the KEK.
    /// - Throws: when a key does not open (wrong KEK) or is malformed.
    static func build(from stored: [StoredSigningKey], keyRing: KeyRing, now: Date) async throws -> SigningKeySet {
        let collection = JWTKeyCollection(defaultJWTSerializer: DefaultJWTSerializer(jsonEncoder: TokenJSONEncoder()))
        var active: [SigningAlgorithm: StoredSigningKey] = [:]
        var jwks: [PublicJWK] = []
        let live = stored.filter { ($0.retiresAt ?? .distantFuture) > now }.sorted { ($0.createdAt, $0.kid) > ($1.createdAt, $1.kid) }
        for key in live {
            let privateKey = try keyRing.open(key.sealedPrivateKey, context: StoredSigningKey.sealingContext(kid: key.kid))
            jwks.append(try await key.algorithm.install(privateKey: privateKey, kid: key.kid, in: collection))
            if key.retiresAt == nil, active[key.algorithm] == nil { active[key.algorithm] = key }
        }
        let algorithms = Dictionary(live.map { ($0.kid, $0.algorithm) }, uniquingKeysWith: { first, _ in first })
        return SigningKeySet(collection: collection, active: active.mapValues(\.kid), algorithms: algorithms, jwks: jwks)
    }

    /// Signs `payload` with the active key of `algorithm`.
    func sign(_ payload: some JWTPayload, algorithm: SigningAlgorithm, type: String) async throws -> String {
        guard let kid = active[algorithm] else {
            throw OAuthError(.serverError, "the server cannot sign tokens right now", cause: "no active \(algorithm.rawValue) key")
        }
        var header = JWTHeader()
        header.typ = type
        header.alg = algorithm.rawValue
        return try await collection.sign(payload, kid: JWKIdentifier(string: kid), header: header)
    }

    /// Verifies a token signed by one of the published keys (signature, `alg` matching the
    /// key, then the payload's own checks).
    /// - Throws: unless the header names a published `kid` with that key's own `alg` and
    ///   `typ` (no algorithm confusion, no `none`, no token types swapped).
    func verify<Payload: JWTPayload>(_ token: String, as _: Payload.Type, type: String) async throws -> Payload {
        guard let header = JOSEHeader(of: token), let algorithm = algorithms[header.kid], algorithm.rawValue == header.alg, header.typ == type
        else { throw OAuthError.invalidToken("the token header is not one of ours") }
        return try await collection.verify(token, as: Payload.self)
    }

    /// Whether `kid` is one of the published keys.
    func publishes(_ kid: String) -> Bool { algorithms[kid] != nil }
}

/// The JOSE header fields checked before verification.
struct JOSEHeader: Decodable {
    var alg: String
    var kid: String
    var typ: String?

    /// The header of a compact JWS, when it decodes.
    init?(of token: String) {
        guard let encoded = token.split(separator: ".", omittingEmptySubsequences: false).first,
              let json = Base64URL.decode(String(encoded)),
              let header = try? JSONDecoder().decode(JOSEHeader.self, from: Data(json))
        else { return nil }
        self = header
    }

    /// Whether the kid has the form of the kids this server makes (`es256-…`, see
    /// ``SigningKeyProvider``): only those are worth a reload when unknown.
    var looksLikeOurs: Bool {
        kid.utf8.count <= 64 && SigningAlgorithm.allCases.contains { kid.hasPrefix($0.rawValue.lowercased() + "-") }
    }
}
