import FluentKit
import SQLKit

/// v28 (issue #22): the app settings for PKCE and logout, and what a grant keeps for the ID
/// tokens made from it — the claims the `claims` parameter asked for in the ID token, and a
/// keyed reference to the sign-in session (for `sid` and logout). Codes and refresh tokens copy
/// their grant (``FluentOAuthRepository/GrantSnapshot``), so they get the columns too.
struct OpenIDSessionsV28: AsyncMigration {
    var name: String { "v28-openid-sessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("apps")
            .field("require_pkce", .bool, .required, .sql(.default(true)))
            .update()
        try await database.schema("apps")
            .field("post_logout_redirect_uris", .string, .required, .sql(.default("[]")))
            .update()
        try await database.schema("apps").field("backchannel_logout_uri", .string).update()
        for table in ["oauth_grants", "oauth_codes", "oauth_refresh_tokens"] {
            try await database.schema(table).field("session_ref", .string).update()
            try await database.schema(table).field("id_token_claims", .string).update()
        }
        try await (database as! any SQLDatabase).raw("CREATE INDEX oauth_grants_session ON oauth_grants (session_ref)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX oauth_grants_session").run()
        for table in ["oauth_grants", "oauth_codes", "oauth_refresh_tokens"] {
            try await database.schema(table).deleteField("session_ref").update()
            try await database.schema(table).deleteField("id_token_claims").update()
        }
        for field in ["require_pkce", "post_logout_redirect_uris", "backchannel_logout_uri"] {
            try await database.schema("apps").deleteField(.key(FieldKey(stringLiteral: field))).update()
        }
    }
}

/// v29 (issue #22): the outbound delivery queue (back-channel logout tokens, webhooks), with the
/// mail outbox's claim step.
struct OutboundDeliveriesV29: AsyncMigration {
    var name: String { "v29-outbound-deliveries" }

    func prepare(on database: any Database) async throws {
        try await database.schema("outbound_deliveries")
            .field("id", .uuid, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("app_id", .uuid)
            .field("endpoint_id", .uuid)
            .field("url", .string, .required)
            .field("content_type", .string, .required)
            .field("body", .data, .required)
            .field("event", .string)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claim_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("delivered_at", .datetime)
            .field("last_status", .int)
            .field("last_error", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX outbound_deliveries_due ON outbound_deliveries (next_attempt_at) WHERE delivered_at IS NULL").run()
        try await sql.raw("CREATE INDEX outbound_deliveries_created ON outbound_deliveries (created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbound_deliveries").delete()
    }
}

/// v30 (issue #22): profile pictures, one per user, served from our own origin.
struct ProfilePicturesV30: AsyncMigration {
    var name: String { "v30-profile-pictures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("profile_pictures")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("token", .string, .required)
            .field("content_type", .string, .required)
            .field("bytes", .data, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "token")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("profile_pictures").delete()
    }
}

/// v31 (issue #22): organizations' webhook endpoints (secrets sealed under the KEK, the previous
/// one kept during a rotation, the run of failures that disables an endpoint), and the delivery
/// log's event id, latency and endpoint index.
struct WebhookEndpointsV31: AsyncMigration {
    var name: String { "v31-webhook-endpoints" }

    func prepare(on database: any Database) async throws {
        try await database.schema("webhook_endpoints")
            .field("id", .uuid, .identifier(auto: false))
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("url", .string, .required)
            .field("description", .string, .required)
            .field("events", .string, .required)
            .field("enabled", .bool, .required)
            .field("disabled_reason", .string)
            .field("sealed_secret", .data, .required)
            .field("sealed_previous_secret", .data)
            .field("previous_secret_expires_at", .datetime)
            .field("consecutive_failures", .int, .required)
            .field("failing_since", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX webhook_endpoints_organization ON webhook_endpoints (organization_id, created_at)").run()
        try await database.schema("outbound_deliveries").field("event_id", .string).update()
        try await database.schema("outbound_deliveries").field("last_latency_ms", .int).update()
        try await sql.raw("CREATE INDEX outbound_deliveries_endpoint ON outbound_deliveries (endpoint_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX outbound_deliveries_endpoint").run()
        try await database.schema("outbound_deliveries").deleteField("last_latency_ms").update()
        try await database.schema("outbound_deliveries").deleteField("event_id").update()
        try await database.schema("webhook_endpoints").delete()
    }
}
