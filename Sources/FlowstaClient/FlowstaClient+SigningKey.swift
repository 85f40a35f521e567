import Crypto
import FlowstaCore
import FlowstaCrypto
import Foundation

/// A registered signing key of the signed-in user (`GET /auth/signing-keys`).
public struct FlowstaSigningKey: Sendable, Equatable, Decodable {
    /// The key's `did:key`.
    public var did: String
    /// The Ed25519 public key, base64url.
    public var publicKey: String
    /// RFC 3339 times; `revokedAt` is `nil` for the current key.
    public var createdAt: String
    public var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case did
        case publicKey = "public_key"
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
    }
}

extension FlowstaClient {
    struct SigningKeyChallenge: Decodable {
        var challengeID: String
        var challenge: String
        enum CodingKeys: String, CodingKey {
            case challenge
            case challengeID = "challenge_id"
        }
    }

    struct SigningKeyList: Decodable {
        var signingKeys: [FlowstaSigningKey]
        enum CodingKeys: String, CodingKey { case signingKeys = "signing_keys" }
    }

    /// Registers the signing key derived from the user's root key (``RootKey/signingKey``) with
    /// its proof of possession: its DID becomes the account's. ``register(username:password:displayName:email:)``
    /// does this for new accounts; call it for an account without a `did`. Replacing another
    /// current key needs a sign-in within the last 5 minutes.
    @discardableResult
    public func registerSigningKey() async throws -> FlowstaSigningKey {
        guard isSignedIn, let rootKey else { throw FlowstaClientError.notSignedIn }
        let issued: SigningKeyChallenge = try await call("POST", "auth/signing-keys/challenge", [String: String]())
        guard let challenge = Base64URL.decode(issued.challenge) else { throw FlowstaClientError.invalidResponse("the signing key challenge is not base64url") }
        let key = rootKey.signingKey
        let proof = try SigningKeyProof.prove(key, challenge: challenge)
        return try await call("POST", "auth/signing-keys", [
            "challenge_id": issued.challengeID,
            "public_key": Base64URL.encode([UInt8](key.publicKey.rawRepresentation)),
            "signature": Base64URL.encode(proof.signature),
        ])
    }

    /// The user's signing keys, newest first (the current one has no `revokedAt`).
    public func signingKeys() async throws -> [FlowstaSigningKey] {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        let list: SigningKeyList = try await call("GET", "auth/signing-keys", nil as [String: String]?)
        return list.signingKeys
    }
}
