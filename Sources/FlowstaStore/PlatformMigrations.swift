import FluentKit

/// v2: the developer platform — organizations, memberships, API keys, audit events.
struct CreatePlatformV2: AsyncMigration {
    var name: String { "v2-platform" }

    func prepare(on database: any Database) async throws {
        try await database.schema("organizations")
            .id()
            .field("name", .string, .required)
            .field("contact_email_sealed", .data)
            .field("billing_address", .string)
            .field("plan", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("memberships")
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "organization_id", "user_id")
            .create()
        try await database.schema("api_keys")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("prefix", .string, .required)
            .field("key_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_day", .string)
            .field("expires_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "key_hash")
            .create()
        try await database.schema("audit_events")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("occurred_at", .datetime, .required)
            .field("actor_type", .string, .required)
            .field("actor_id", .uuid, .required)
            .field("action", .string, .required)
            .field("target_type", .string, .required)
            .field("target_id", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in ["audit_events", "api_keys", "memberships", "organizations"] {
            try await database.schema(schema).delete()
        }
    }
}

/// v3: apps (OAuth clients). Redirect URIs and scopes are JSON arrays in text columns.
struct CreateAppsV3: AsyncMigration {
    var name: String { "v3-apps" }

    func prepare(on database: any Database) async throws {
        try await database.schema("apps")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("client_id", .string, .required)
            .field("name", .string, .required)
            .field("description", .string)
            .field("type", .string, .required)
            .field("redirect_uris", .string, .required)
            .field("allowed_scopes", .string, .required)
            .field("logo_url", .string)
            .field("privacy_url", .string)
            .field("terms_url", .string)
            .field("active", .bool, .required)
            .field("secret_hash", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "client_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("apps").delete()
    }
}

/// v4: pending invites (address sealed, token hashed, unique per organization and address).
struct CreateInvitesV4: AsyncMigration {
    var name: String { "v4-invites" }

    func prepare(on database: any Database) async throws {
        try await database.schema("invites")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("email_sealed", .data, .required)
            .field("email_index", .string, .required)
            .field("role", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .unique(on: "organization_id", "email_index")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("invites").delete()
    }
}

/// v5: the mail outbox. Messages are sealed (recipient, subject and body alike).
struct CreateMailOutboxV5: AsyncMigration {
    var name: String { "v5-mail-outbox" }

    func prepare(on database: any Database) async throws {
        try await database.schema("mail_outbox")
            .id()
            .field("sealed_message", .data, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("delivered_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("last_error", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mail_outbox").delete()
    }
}
