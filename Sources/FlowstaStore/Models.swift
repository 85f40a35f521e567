import FluentKit
import Foundation

/// `users`: one row per account. Email only sealed + blind index (P6); no password (P1).
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "username_normalized") var usernameNormalized: String
    @Field(key: "credential_identifier") var credentialIdentifier: String
    @OptionalField(key: "display_name") var displayName: String?
    @OptionalField(key: "email_sealed") var emailSealed: Data?
    @OptionalField(key: "email_index") var emailIndex: String?
    @Field(key: "email_verified") var emailVerified: Bool
    @OptionalField(key: "agent_public_key") var agentPublicKey: Data?
    @Field(key: "opaque_record") var opaqueRecord: Data
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// `sessions`: keyed hash of the session token, never the token.
final class SessionModel: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(custom: "token_hash", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

/// `login_states`: sealed OPAQUE server state between KE2 and KE3, keyed by the hashed login id.
final class LoginStateModel: Model, @unchecked Sendable {
    static let schema = "login_states"

    @ID(custom: "handle_hash", generatedBy: .user) var id: String?
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "sealed_state") var sealedState: Data
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

/// `server_secrets`: named secrets sealed under the KEK.
final class ServerSecretModel: Model, @unchecked Sendable {
    static let schema = "server_secrets"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "sealed_value") var sealedValue: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
