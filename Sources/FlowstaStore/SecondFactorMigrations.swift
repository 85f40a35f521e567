import FluentKit
import SQLKit

/// v20: how the user signed in (OIDC `amr`, issue #20) on sessions and on grants, whose snapshot
/// codes and refresh tokens copy, and on grants the `acr` reported. Empty on older rows, which
/// read as a password sign-in.
struct AuthenticationMethodsV20: AsyncMigration {
    var name: String { "v20-authentication-methods" }

    static let grantTables = ["oauth_grants", "oauth_codes", "oauth_refresh_tokens"]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema(SessionModel.schema).field("amr", .string).update()
        for table in Self.grantTables {
            try await database.schema(table).field("amr", .string).update()
            try await database.schema(table).field("acr", .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for table in Self.grantTables {
            try await database.schema(table).deleteField("acr").update()
            try await database.schema(table).deleteField("amr").update()
        }
        try await database.schema(SessionModel.schema).deleteField("amr").update()
    }
}

/// v21: the app setting "require a second factor" (issue #20).
struct AppSecondFactorV21: AsyncMigration {
    var name: String { "v21-app-second-factor" }

    func prepare(on database: any Database) async throws {
        try await database.schema("apps").field("require_second_factor", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("apps").deleteField("require_second_factor").update()
    }
}

/// v22: the organization policy "members need a second factor" (issue #20).
struct OrganizationSecondFactorV22: AsyncMigration {
    var name: String { "v22-organization-second-factor" }

    func prepare(on database: any Database) async throws {
        try await database.schema("organizations").field("require_second_factor", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organizations").deleteField("require_second_factor").update()
    }
}

/// v23: passkeys (issue #20): the credential id (base64url, unique), its public key and counter,
/// the user's name for it, and the client-sealed root key envelope of a PRF passkey.
struct PasskeysV23: AsyncMigration {
    var name: String { "v23-passkeys" }

    func prepare(on database: any Database) async throws {
        try await database.schema("passkeys")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("credential_id", .string, .required)
            .field("public_key", .data, .required)
            .field("algorithm", .int, .required)
            .field("sign_count", .int64, .required)
            .field("name", .string, .required)
            .field("backup_eligible", .bool, .required)
            .field("root_key_envelope", .data)
            .field("created_at", .datetime, .required)
            .unique(on: "credential_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX passkeys_user ON passkeys (user_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("passkeys").delete()
    }
}

/// v24: users' signing keys (issue #21): the Ed25519 public key and its DID (unique, ever),
/// revoked when a newer key replaces it.
struct SigningKeysV24: AsyncMigration {
    var name: String { "v24-user-signing-keys" }

    func prepare(on database: any Database) async throws {
        try await database.schema("user_signing_keys")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("public_key", .data, .required)
            .field("did", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "did")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX user_signing_keys_user ON user_signing_keys (user_id, created_at)").run()
        // At most one current key per user, whatever races.
        try await sql.raw("CREATE UNIQUE INDEX user_signing_keys_current ON user_signing_keys (user_id) WHERE revoked_at IS NULL").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("user_signing_keys").delete()
    }
}

/// Device keys (issue #21): agents' Ed25519 keys the user approved, and agents' pending requests
/// to add one (keyed hashes of their code and poll secret).
struct DeviceKeysV27: AsyncMigration {
    var name: String { "v27-device-keys" }

    func prepare(on database: any Database) async throws {
        try await database.schema("device_keys")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("public_key", .data, .required)
            .field("did", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .unique(on: "public_key")
            .create()
        try await database.schema("device_key_enrolments")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_code_hash", .string, .required)
            .field("poll_secret_hash", .string, .required)
            .field("name", .string, .required)
            .field("public_key", .data, .required)
            .field("status", .string, .required)
            .field("device_key_id", .uuid)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_code_hash")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX device_keys_user ON device_keys (user_id, created_at)").run()
        try await sql.raw("CREATE INDEX device_key_enrolments_expiry ON device_key_enrolments (expires_at)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["device_key_enrolments", "device_keys"] { try await database.schema(table).delete() }
    }
}
