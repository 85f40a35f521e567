import FluentKit

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
