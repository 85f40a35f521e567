import FluentKit
import SQLKit

/// Sign It (issue #21): signing requests waiting for the user, published signatures, and the
/// apps a user approves without a click.
struct SignItV25: AsyncMigration {
    var name: String { "v25-sign-it" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sign_requests")
            .field("id", .uuid, .identifier(auto: false))
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("client_id", .string, .required)
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("files", .string, .required)
            .field("redirect_uri", .string)
            .field("state", .string)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("decided_at", .datetime)
            .create()
        try await database.schema("signatures")
            .field("id", .uuid, .identifier(auto: false))
            .field("file_hash", .data, .required)
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("signing_key_id", .uuid, .required, .references("user_signing_keys", "id", onDelete: .cascade))
            .field("public_key", .data, .required)
            .field("did", .string, .required)
            .field("signature", .data, .required)
            .field("signed_at", .datetime, .required)
            .field("intent", .string, .required)
            .field("ai_generation", .string, .required)
            .field("license", .string)
            .field("commercial_licensing", .string)
            .field("ai_training", .string)
            .field("contact_preference", .string)
            .field("request_id", .uuid)
            .field("organization_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("revocation_reason", .string)
            // A key signs a file once.
            .unique(on: "file_hash", "signing_key_id")
            .create()
        try await database.schema("sign_it_remembered")
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("app_id", .uuid, .required, .references("apps", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "app_id")
            .create()
        let sql = database as! any SQLDatabase
        for statement in [
            "CREATE INDEX sign_requests_user_app ON sign_requests (user_id, app_id, status)",
            "CREATE INDEX sign_requests_expiry ON sign_requests (expires_at)",
            "CREATE INDEX signatures_file ON signatures (file_hash, created_at)",
            "CREATE INDEX signatures_user ON signatures (user_id, created_at)",
            "CREATE INDEX signatures_organization ON signatures (organization_id, created_at)",
            "CREATE INDEX signatures_request ON signatures (request_id)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["sign_it_remembered", "signatures", "sign_requests"] { try await database.schema(table).delete() }
    }
}
