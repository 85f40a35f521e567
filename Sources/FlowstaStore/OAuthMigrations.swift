import FluentKit
import SQLKit

/// v6: OAuth 2.0 / OIDC state — signing keys (sealed), grants, codes and refresh tokens (hashed),
/// remembered consents; and each app's ID token algorithm.
struct CreateOAuthV6: AsyncMigration {
    var name: String { "v6-oauth" }

    func prepare(on database: any Database) async throws {
        try await database.schema("apps").field("id_token_alg", .string).update()
        try await database.schema("oauth_signing_keys")
            .field("kid", .string, .identifier(auto: false))
            .field("algorithm", .string, .required)
            .field("sealed_private_key", .data, .required)
            .field("created_at", .datetime, .required)
            .field("retires_at", .datetime)
            .create()
        try await database.schema("oauth_grants")
            .id()
            .field("user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("client_id", .string, .required)
            .field("scope", .string, .required)
            .field("auth_time", .datetime, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .create()
        try await database.schema("oauth_codes")
            .field("code_hash", .string, .identifier(auto: false))
            .grantSnapshot()
            .field("redirect_uri", .string)
            .field("code_challenge", .string, .required)
            .field("nonce", .string)
            .field("expires_at", .datetime, .required)
            .field("consumed_at", .datetime)
            .create()
        try await database.schema("oauth_refresh_tokens")
            .field("token_hash", .string, .identifier(auto: false))
            .grantSnapshot()
            .field("expires_at", .datetime, .required)
            .field("rotated_at", .datetime)
            .create()
        try await database.schema("oauth_consents")
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("scope", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id", "app_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX oauth_grants_user_app ON oauth_grants (user_id, app_id)").run()
        try await sql.raw("CREATE INDEX oauth_refresh_tokens_grant ON oauth_refresh_tokens (grant_id)").run()
        try await sql.raw("CREATE INDEX oauth_codes_grant ON oauth_codes (grant_id)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["oauth_consents", "oauth_refresh_tokens", "oauth_codes", "oauth_grants", "oauth_signing_keys"] {
            try await database.schema(table).delete()
        }
        try await database.schema("apps").deleteField("id_token_alg").update()
    }
}

extension SchemaBuilder {
    /// The grant a code or refresh token belongs to, copied into its row
    /// (``FluentOAuthRepository/GrantSnapshot``).
    func grantSnapshot() -> Self {
        field("grant_id", .uuid, .required, .references("oauth_grants", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required)
            .field("app_id", .uuid, .required)
            .field("client_id", .string, .required)
            .field("scope", .string, .required)
            .field("auth_time", .datetime, .required)
            .field("granted_at", .datetime, .required)
    }
}

/// Device authorizations (RFC 8628): keyed hashes of the device code and the user code, the
/// answer, and the polling state; purged once expired.
struct DeviceAuthorizationsV26: AsyncMigration {
    var name: String { "v26-device-authorizations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("device_authorizations")
            .field("id", .uuid, .identifier(auto: false))
            .field("device_code_hash", .string, .required)
            .field("user_code_hash", .string, .required)
            .field("client_id", .string, .required)
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("scope", .string, .required)
            .field("status", .string, .required)
            .field("grant_id", .uuid)
            .field("poll_interval", .int, .required)
            .field("last_polled_at", .datetime)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "device_code_hash")
            .unique(on: "user_code_hash")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX device_authorizations_expiry ON device_authorizations (expires_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("device_authorizations").delete()
    }
}
