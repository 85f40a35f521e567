import FlowstaAccounts
import FlowstaCore
import FlowstaHTTP
import Foundation
import Hummingbird

/// The user's signing key (issue #21): a challenge, the registration with its proof of
/// possession, and the list of keys (the current one and the revoked ones).
extension AccountController {
    func addSigningKeyRoutes(signedIn me: RouterGroup<AuthenticatedRequestContext>) {
        me.post("signing-keys/challenge", use: signingKeyChallenge)
        me.post("signing-keys", use: registerSigningKey)
        me.get("signing-keys", use: listSigningKeys)
    }

    @Sendable func signingKeyChallenge(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let issued = try await accounts.signingKeyChallenge(context.session)
        return try Self.noStore(SigningKeyChallengeResponse(
            challengeID: issued.challengeID, challenge: Base64URL.encode(issued.challenge), expiresAt: issued.expiresAt
        ))
    }

    @Sendable func registerSigningKey(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(SigningKeyRegistrationBody.self, from: request)
        let key = try await accounts.registerSigningKey(
            context.session, challengeID: body.challengeID, publicKey: body.publicKey, signature: body.signature
        )
        return try JSONResponse(value: SigningKeyDTO(key), status: .created).build()
    }

    @Sendable func listSigningKeys(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try JSONResponse(value: SigningKeyListResponse(signingKeys: try await accounts.signingKeys(context.session).map(SigningKeyDTO.init))).build()
    }

    struct SigningKeyChallengeResponse: Encodable {
        var challengeID: String
        var challenge: String
        var expiresAt: Date
        enum CodingKeys: String, CodingKey {
            case challenge
            case challengeID = "challenge_id"
            case expiresAt = "expires_at"
        }
    }

    struct SigningKeyRegistrationBody: Decodable {
        var challengeID: String
        var publicKey: String
        var signature: String
        enum CodingKeys: String, CodingKey {
            case signature
            case challengeID = "challenge_id"
            case publicKey = "public_key"
        }
    }

    /// A registered key; `revoked_at` is `null` for the current one.
    struct SigningKeyDTO: Encodable {
        var did: String
        var publicKey: String
        var createdAt: Date
        var revokedAt: Date?
        enum CodingKeys: String, CodingKey {
            case did
            case publicKey = "public_key"
            case createdAt = "created_at"
            case revokedAt = "revoked_at"
        }

        init(_ key: StoredUserSigningKey) {
            did = key.did
            publicKey = Base64URL.encode(key.publicKey)
            createdAt = key.createdAt
            revokedAt = key.revokedAt
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(did, forKey: .did)
            try container.encode(publicKey, forKey: .publicKey)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(revokedAt, forKey: .revokedAt)
        }
    }

    struct SigningKeyListResponse: Encodable {
        var signingKeys: [SigningKeyDTO]
        enum CodingKeys: String, CodingKey { case signingKeys = "signing_keys" }
    }
}
