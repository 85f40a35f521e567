import FluentKit
import FlowstaUsage
import SQLKit

/// v7: hourly (and daily) usage per organization, app (the zero UUID for the management API, so the unique
/// key has no NULL), route group and hour, with the latency histogram as one column per bucket so
/// concurrent flushes add up in a single `INSERT … ON CONFLICT DO UPDATE`.
struct CreateUsageV7: AsyncMigration {
    var name: String { "v7-usage" }

    static var bucketColumns: [String] { (0..<LatencyHistogram.bucketCount).map { String(format: "l%02d", $0) } }

    func prepare(on database: any Database) async throws {
        // The same counters per hour and per UTC day (a roll-up written by the same flush, so a
        // year-long report reads 365 rows per key instead of 8,760).
        for (table, period) in [("usage_hourly", "hour"), ("usage_daily", "day")] {
            var schema = database.schema(table)
                .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
                .field("app_id", .uuid, .required)
                .field("route_group", .string, .required)
                .field(FieldKey(stringLiteral: period), .int64, .required)
                .field("requests", .int64, .required)
                .field("client_errors", .int64, .required)
                .field("server_errors", .int64, .required)
            for column in Self.bucketColumns {
                schema = schema.field(.definition(name: .key(FieldKey(stringLiteral: column)), dataType: .int64, constraints: [.required]))
            }
            try await schema.unique(on: "organization_id", FieldKey(stringLiteral: period), "app_id", "route_group").create()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("usage_daily").delete()
        try await database.schema("usage_hourly").delete()
    }
}

/// v8: the API log, one row per metered request (no address, agent, query or body), kept 90 days.
struct CreateAPILogsV8: AsyncMigration {
    var name: String { "v8-api-logs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("api_logs")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("app_id", .uuid)
            .field("key_id", .uuid)
            .field("occurred_at", .datetime, .required)
            .field("method", .string, .required)
            .field("route", .string, .required)
            .field("status", .int, .required)
            .field("latency_ms", .double, .required)
            .field("request_id", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX api_logs_org_time ON api_logs (organization_id, occurred_at, id)").run()
        try await sql.raw("CREATE INDEX api_logs_time ON api_logs (occurred_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_logs").delete()
    }
}

/// v9: zero-knowledge MAU (P5). `mau_ids` holds exactly `(app_id, month, analytics_id)` for
/// open months — no user, session, time or anything else — and `mau_monthly` the running
/// count per app and month, which becomes the final count when the month is closed and its
/// ids deleted. Months are months since year 0 (`UsageMonth.index`).
struct CreateMAUV9: AsyncMigration {
    var name: String { "v9-mau" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        // The three columns are the primary key and the whole row: on SQLite a WITHOUT ROWID
        // table, so each id is written once (no separate rowid table beside the index).
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE TABLE mau_ids (app_id TEXT NOT NULL, month INTEGER NOT NULL, analytics_id BLOB NOT NULL,
                  PRIMARY KEY (app_id, month, analytics_id)) WITHOUT ROWID
                """).run()
        } else {
            try await sql.raw("""
                CREATE TABLE mau_ids (app_id UUID NOT NULL, month BIGINT NOT NULL, analytics_id BYTEA NOT NULL,
                  PRIMARY KEY (app_id, month, analytics_id))
                """).run()
        }
        try await database.schema("mau_monthly")
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("app_id", .uuid, .required)
            .field("month", .int64, .required)
            .field("active_users", .int64, .required)
            .field("closed", .bool, .required)
            .unique(on: "app_id", "month")
            .create()
        try await sql.raw("CREATE INDEX mau_monthly_org ON mau_monthly (organization_id, month)").run()
        try await sql.raw("CREATE INDEX mau_monthly_open ON mau_monthly (closed, month)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mau_monthly").delete()
        try await database.schema("mau_ids").delete()
    }
}
