import FluentKit
import SQLKit

/// Versioned schema migrations, applied in order and recorded by Fluent.
enum SchemaMigrations {
    static let all: [any AsyncMigration] = [CreateAccountsV1(), CreatePlatformV2(), CreateAppsV3(), CreateInvitesV4(), CreateMailOutboxV5(), CreateOAuthV6(), CreateUsageV7(), CreateAPILogsV8(), CreateMAUV9(), CreateVaultV10(), CreateJobLeasesV11(), CreateNoticesV12(), OrganizationDeletionV13(), CreateBillingV14(), HardeningV15(), RootKeysV16(), OutboxClaimsV17(), SharedCountersV18(), SecondFactorsV19(), AuthenticationMethodsV20(), AppSecondFactorV21(), OrganizationSecondFactorV22(), PasskeysV23(), SigningKeysV24(), SignItV25(), DeviceAuthorizationsV26(), DeviceKeysV27(), OpenIDSessionsV28(), OutboundDeliveriesV29(), ProfilePicturesV30(), WebhookEndpointsV31()]
}

/// v1: accounts, sessions, login states, server secrets.
struct CreateAccountsV1: AsyncMigration {
    var name: String { "v1-accounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema)
            .id()
            .field("username", .string, .required)
            .field("username_normalized", .string, .required)
            .field("credential_identifier", .string, .required)
            .field("display_name", .string)
            .field("email_sealed", .data)
            .field("email_index", .string)
            .field("agent_public_key", .data)
            .field("opaque_record", .data, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "username_normalized")
            .unique(on: "email_index")
            .create()
        try await database.schema(SessionModel.schema)
            .field("token_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await database.schema(LoginStateModel.schema)
            .field("handle_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("sealed_state", .data, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await database.schema(ServerSecretModel.schema)
            .field("name", .string, .identifier(auto: false))
            .field("sealed_value", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [LoginStateModel.schema, SessionModel.schema, ServerSecretModel.schema, UserModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// v10: the user vault (P4): client-sealed entries — id, owner, kind, ciphertext; no time.
struct CreateVaultV10: AsyncMigration {
    var name: String { "v10-vault" }

    func prepare(on database: any Database) async throws {
        try await database.schema("vault_entries")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("ciphertext", .data, .required)
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX vault_entries_user ON vault_entries (user_id, id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("vault_entries").delete()
    }
}

/// v11: leases, so that one instance at a time runs a periodic job (the retention job) when
/// several share PostgreSQL.
struct CreateJobLeasesV11: AsyncMigration {
    var name: String { "v11-job-leases" }

    func prepare(on database: any Database) async throws {
        try await database.schema("job_leases")
            .field("name", .string, .identifier(auto: false))
            .field("holder", .uuid, .required)
            .field("expires_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_leases").delete()
    }
}

/// v12: notices (policy and terms changes, service, API and billing announcements).
struct CreateNoticesV12: AsyncMigration {
    var name: String { "v12-notices" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notices")
            .id()
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("published_at", .datetime, .required)
            .field("effective_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notices").delete()
    }
}

/// v13: organizations an owner deleted (deactivated, restorable for 30 days, then purged).
struct OrganizationDeletionV13: AsyncMigration {
    var name: String { "v13-organization-deletion" }

    func prepare(on database: any Database) async throws {
        try await database.schema("organizations").field("deleted_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organizations").deleteField("deleted_at").update()
    }
}

/// v14: billing. `billing_accounts` belongs to the organization (cascade); invoices, usage
/// reports and webhook event ids do not: billing records outlive the organization's purge
/// (7 years, P8).
struct CreateBillingV14: AsyncMigration {
    var name: String { "v14-billing" }

    func prepare(on database: any Database) async throws {
        try await database.schema("billing_accounts")
            .field("organization_id", .uuid, .identifier(auto: false), .references("organizations", "id", onDelete: .cascade))
            .field("customer_id", .string)
            .field("subscription_id", .string)
            .field("subscription_status", .string)
            .field("subscribed_plan", .string)
            .field("current_period_end", .datetime)
            .field("cancel_at_period_end", .bool, .required)
            .field("scheduled_plan", .string)
            .field("scheduled_at", .datetime)
            .field("grace_until", .datetime)
            .field("suspended", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "customer_id")
            .create()
        try await database.schema("billing_invoices")
            .field("id", .string, .identifier(auto: false))
            .field("organization_id", .uuid, .required)
            .field("number", .string)
            .field("status", .string, .required)
            .field("currency", .string, .required)
            .field("amount_due", .int64, .required)
            .field("amount_paid", .int64, .required)
            .field("total", .int64, .required)
            .field("period_start", .datetime, .required)
            .field("period_end", .datetime, .required)
            .field("issued_at", .datetime, .required)
            .field("hosted_invoice_url", .string)
            .field("pdf_url", .string)
            .field("billing_name", .string, .required)
            .field("billing_address", .string)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("billing_usage_reports")
            .field("organization_id", .uuid, .required)
            .field("month", .string, .required)
            .field("customer_id", .string, .required)
            .field("quantity", .int64, .required)
            .field("claimed_at", .datetime, .required)
            .field("reported_at", .datetime)
            .compositeIdentifier(over: "organization_id", "month")
            .create()
        try await database.schema("billing_events")
            .field("id", .string, .identifier(auto: false))
            .field("type", .string, .required)
            .field("received_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX billing_invoices_organization ON billing_invoices (organization_id, issued_at)").run()
        try await sql.raw("CREATE INDEX billing_invoices_issued ON billing_invoices (issued_at)").run()
    }

    func revert(on database: any Database) async throws {
        for schema in ["billing_events", "billing_usage_reports", "billing_invoices", "billing_accounts"] {
            try await database.schema(schema).delete()
        }
    }
}

/// v15 (issue #15): a rotated refresh token gets at most one successor within the grace
/// window (`graced_at`); an invite is mailed a bounded number of times (`sends`); one account
/// counts once per app and month (`mau_members`: keyed hashes of user and app, never an
/// analytics id, deleted when the month closes).
struct HardeningV15: AsyncMigration {
    var name: String { "v15-hardening" }

    func prepare(on database: any Database) async throws {
        try await database.schema("oauth_refresh_tokens").field("graced_at", .datetime).update()
        try await database.schema("invites").field("sends", .int, .required, .sql(.default(1))).update()
        try await database.schema("mau_members")
            .field("app_id", .uuid, .required)
            .field("month", .int64, .required)
            .field("member_key", .string, .required)
            .unique(on: "app_id", "month", "member_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mau_members").delete()
        try await database.schema("invites").deleteField("sends").update()
        try await database.schema("oauth_refresh_tokens").deleteField("graced_at").update()
    }
}

/// v16 (issue #16): the users' key envelopes (and the recovery code's OPAQUE record), single-use
/// account tokens (recovery, reset and verification links; keyed hashes only), verified
/// addresses, and an index to list a user's sessions.
struct RootKeysV16: AsyncMigration {
    var name: String { "v16-root-keys" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema).field("email_verified", .bool, .required, .sql(.default(false))).update()
        let sql = database as! any SQLDatabase
        // The blind index now marks a verified address; no address was verified before.
        try await sql.update(UserModel.schema).set("email_index", to: SQLLiteral.null).run()
        try await database.schema("root_key_envelopes")
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("envelope", .data, .required)
            .field("opaque_record", .data)
            .field("credential_identifier", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "kind")
            .create()
        try await database.schema("account_tokens")
            .field("token_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("binding", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await sql.raw("CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose, created_at)").run()
        try await sql.raw("CREATE INDEX sessions_user ON sessions (user_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX sessions_user").run()
        try await database.schema("account_tokens").delete()
        try await database.schema("root_key_envelopes").delete()
        try await database.schema(UserModel.schema).deleteField("email_verified").update()
    }
}

/// v17: mail delivery claims (issue #19): the delivery round holding a message, so instances
/// sharing a PostgreSQL database send each message once.
struct OutboxClaimsV17: AsyncMigration {
    var name: String { "v17-outbox-claims" }

    func prepare(on database: any Database) async throws {
        try await database.schema("mail_outbox").field("claim_id", .uuid).update()
        try await (database as! any SQLDatabase).raw("CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE delivered_at IS NULL").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX mail_outbox_due").run()
        try await database.schema("mail_outbox").deleteField("claim_id").update()
    }
}

/// v18: counters all instances share (issue #19): login throttles and plan rate limits that
/// hold for the whole deployment. Keys are keyed hashes; rows are short-lived (unlogged on
/// PostgreSQL: a crash may lose the counts of the current minute, nothing else).
struct SharedCountersV18: AsyncMigration {
    var name: String { "v18-shared-counters" }

    func prepare(on database: any Database) async throws {
        try await database.schema("shared_counters")
            .field("key", .string, .identifier(auto: false))
            .field("count", .int, .required)
            .field("window_end", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE shared_counters SET UNLOGGED").run()
        }
        try await sql.raw("CREATE INDEX shared_counters_window_end ON shared_counters (window_end)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("shared_counters").delete()
    }
}

/// v19: second factors (issue #20): one authenticator per user, its secret sealed under the KEK,
/// and backup codes stored as keyed hashes.
struct SecondFactorsV19: AsyncMigration {
    var name: String { "v19-second-factors" }

    func prepare(on database: any Database) async throws {
        try await database.schema("totp_factors")
            .field("user_id", .uuid, .identifier(auto: false), .references(UserModel.schema, "id", onDelete: .cascade))
            .field("sealed_secret", .data, .required)
            .field("confirmed_at", .datetime)
            .field("last_used_step", .int64)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("backup_codes")
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime, .required)
            .compositeIdentifier(over: "user_id", "code_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("backup_codes").delete()
        try await database.schema("totp_factors").delete()
    }
}
