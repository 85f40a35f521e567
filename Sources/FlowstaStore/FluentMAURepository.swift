import FlowstaUsage
import FluentKit
import Foundation
import SQLKit

/// ``MAURepository`` on the Fluent database.
public struct FluentMAURepository: MAURepository {
    let store: FlowstaDatabase
    /// Rows per statement (3 bound values each: 3,000 values, under SQLite's 32,766 and
    /// PostgreSQL's 65,535).
    static let rowsPerStatement = 1_000
    /// Ids deleted per statement when a month closes (short locks).
    static let deleteBatch = 500

    public init(store: FlowstaDatabase) { self.store = store }

    public func record(_ entries: [MAUEntry]) async throws -> Set<MAUEntry> {
        guard !entries.isEmpty else { return [] }
        // Per app and month, ids ascending: a fixed order, so concurrent batches from several
        // instances cannot deadlock.
        let groups = Dictionary(grouping: Set(entries)) { Group(appID: $0.appID, month: Int64($0.month.index)) }
            .sorted { ($0.key.appID, $0.key.month) < ($1.key.appID, $1.key.month) }
        let engine = store.engine
        return try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            var new: Set<MAUEntry> = []
            for (group, members) in groups {
                let byID = Dictionary(members.map { ($0.analyticsID, $0) }, uniquingKeysWith: { first, _ in first })
                let ids = byID.keys.sorted()
                // Typed values written as literals (hex blobs, a UUID, an integer: no text from
                // outside reaches the SQL), so a statement of 1,000 rows binds nothing — binding
                // goes through Codable per value and was most of the cost.
                let prefix = "(" + Self.uuidLiteral(group.appID, engine) + ", " + String(group.month) + ", "
                for start in stride(from: 0, to: ids.count, by: Self.rowsPerStatement) {
                    var statement = "INSERT INTO mau_ids (app_id, month, analytics_id) VALUES "
                    statement.reserveCapacity(Self.rowsPerStatement * 100)
                    for (offset, id) in ids[start..<min(start + Self.rowsPerStatement, ids.count)].enumerated() {
                        if offset > 0 { statement += ", " }
                        statement += prefix + Self.blobLiteral(id.bytes, engine) + ")"
                    }
                    statement += " ON CONFLICT (app_id, month, analytics_id) DO NOTHING RETURNING analytics_id"
                    for row in try await sql.raw(SQLQueryString(statement)).all() {
                        let bytes = [UInt8](try row.decode(column: "analytics_id", as: Data.self))
                        if let id = AnalyticsID(bytes: bytes), let entry = byID[id] { new.insert(entry) }
                    }
                }
                let added = members.filter { new.contains($0) }
                guard let first = added.first else { continue }
                try await sql.raw("""
                    INSERT INTO mau_monthly (organization_id, app_id, month, active_users, closed)
                    VALUES (\(bind: first.organizationID), \(bind: group.appID), \(bind: group.month), \(bind: Int64(added.count)), \(bind: false))
                    ON CONFLICT (app_id, month) DO UPDATE SET active_users = mau_monthly.active_users + excluded.active_users
                    """).run()
            }
            return new
        }
    }

    /// A UUID as the drivers store it: text on SQLite (its Codable form), `uuid` on PostgreSQL.
    static func uuidLiteral(_ id: UUID, _ engine: FlowstaDatabase.Engine) -> String {
        engine == .sqlite ? "'" + id.uuidString + "'" : "'" + id.uuidString + "'::uuid"
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    static func blobLiteral(_ bytes: [UInt8], _ engine: FlowstaDatabase.Engine) -> String {
        var hex = [UInt8]()
        hex.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        let digits = String(decoding: hex, as: UTF8.self)
        return engine == .sqlite ? "X'" + digits + "'" : "'\\x" + digits + "'::bytea"
    }

    struct Group: Hashable {
        var appID: UUID
        var month: Int64
    }


    public func contains(_ entry: MAUEntry) async throws -> Bool {
        try await store.sql.select().column(SQLLiteral.numeric("1"), as: "found").from("mau_ids")
            .where("app_id", .equal, entry.appID).where("month", .equal, Int64(entry.month.index))
            .where("analytics_id", .equal, Data(entry.analyticsID.bytes))
            .limit(1).first() != nil
    }

    public func counts(appID: UUID, months: ClosedRange<UsageMonth>) async throws -> [MAUCount] {
        let rows = try await store.sql.select().columns("month", "active_users", "closed").from("mau_monthly")
            .where("app_id", .equal, appID)
            .where("month", .greaterThanOrEqual, Int64(months.lowerBound.index)).where("month", .lessThanOrEqual, Int64(months.upperBound.index))
            .orderBy("month").all()
        return try rows.compactMap { row in
            guard let month = UsageMonth(index: Int(try row.decode(column: "month", as: Int64.self))) else { return nil }
            return MAUCount(month: month, activeUsers: Int(try row.decode(column: "active_users", as: Int64.self)), closed: try row.decode(column: "closed", as: Bool.self))
        }
    }

    public func organizationTotal(organizationID: UUID, month: UsageMonth) async throws -> Int {
        let row = try await store.sql.raw("""
            SELECT CAST(COALESCE(SUM(active_users), 0) AS BIGINT) AS total FROM mau_monthly
            WHERE organization_id = \(bind: organizationID) AND month = \(bind: Int64(month.index))
            """).first()
        return Int(try row?.decode(column: "total", as: Int64.self) ?? 0)
    }

    public func close(monthsBefore month: UsageMonth) async throws -> MAUCloseResult {
        var result = MAUCloseResult()
        let limit = Int64(month.index)
        // 1. Final counts from the ids, then the month is closed (ids are no longer accepted
        //    for it: only the current month, and the previous one for an hour, are).
        let open = try await store.sql.select().columns("app_id", "month").from("mau_monthly")
            .where("closed", .equal, false).where("month", .lessThan, limit).all()
        for row in open {
            let appID = try row.decode(column: "app_id", as: UUID.self)
            let month = try row.decode(column: "month", as: Int64.self)
            try await store.sql.raw("""
                UPDATE mau_monthly SET closed = \(bind: true),
                  active_users = (SELECT COUNT(*) FROM mau_ids WHERE app_id = \(bind: appID) AND month = \(bind: month))
                WHERE app_id = \(bind: appID) AND month = \(bind: month)
                """).run()
            result.monthsClosed += 1
        }
        // 2. The ids go, a batch at a time (also what an interrupted run left).
        while true {
            let batch = try await store.sql.select().columns("app_id", "month", "analytics_id").from("mau_ids")
                .where("month", .lessThan, limit).limit(Self.deleteBatch).all()
            guard !batch.isEmpty else { break }
            let keys = try batch.map { row in
                (Group(appID: try row.decode(column: "app_id", as: UUID.self), month: try row.decode(column: "month", as: Int64.self)),
                 try row.decode(column: "analytics_id", as: Data.self))
            }
            for (group, rows) in Dictionary(grouping: keys, by: \.0) {
                try await store.sql.delete(from: "mau_ids").where("app_id", .equal, group.appID).where("month", .equal, group.month)
                    .where("analytics_id", .in, rows.map(\.1)).run()
            }
            result.idsDeleted += keys.count
        }
        // 3. The accounts' member keys of those months go with them.
        _ = try await store.deleteInBatches(from: "mau_members", key: ["app_id", "month", "member_key"]) { $0.where("month", .lessThan, limit) }
        return result
    }

    public func claimMember(_ member: String, appID: UUID, month: UsageMonth) async throws -> Bool {
        try await !store.sql.insert(into: "mau_members").columns("app_id", "month", "member_key")
            .values(SQLBind(appID), SQLBind(Int64(month.index)), SQLBind(member))
            .ignoringConflicts(with: ["app_id", "month", "member_key"])
            .returning("member_key").all().isEmpty
    }

    public func releaseMember(_ member: String, appID: UUID, month: UsageMonth) async throws {
        try await store.sql.delete(from: "mau_members").where("app_id", .equal, appID).where("month", .equal, Int64(month.index))
            .where("member_key", .equal, member).run()
    }

    public func purgeCounts(monthsBefore month: UsageMonth) async throws -> Int {
        try await store.deleteInBatches(from: "mau_monthly", key: ["app_id", "month"]) { $0.where("month", .lessThan, Int64(month.index)) }
    }
}
