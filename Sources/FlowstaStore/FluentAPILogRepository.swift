import FlowstaUsage
import FluentKit
import Foundation
import SQLKit

/// ``APILogRepository`` on the Fluent database.
public struct FluentAPILogRepository: APILogRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Codable {
        var id: UUID
        var organization_id: UUID
        var app_id: UUID?
        var key_id: UUID?
        var occurred_at: Date
        var method: String
        var route: String
        var status: Int
        var latency_ms: Double
        var request_id: String

        static let columns = ["id", "organization_id", "app_id", "key_id", "occurred_at", "method", "route", "status", "latency_ms", "request_id"]

        var entry: APILogEntry {
            APILogEntry(
                id: id, organizationID: organization_id, appID: app_id, keyID: key_id, occurredAt: occurred_at, method: method,
                route: route, status: status, latencyMilliseconds: latency_ms, requestID: request_id
            )
        }
    }

    /// In statements of 90 rows (900 bound values, under SQLite's limit).
    public func insert(_ entries: [APILogEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            for start in stride(from: 0, to: entries.count, by: 90) {
                let insert = sql.insert(into: "api_logs").columns(Row.columns)
                for entry in entries[start..<min(start + 90, entries.count)] {
                    insert.values(
                        SQLBind(entry.id), SQLBind(entry.organizationID), SQLBind(entry.appID), SQLBind(entry.keyID), SQLBind(entry.occurredAt),
                        SQLBind(entry.method), SQLBind(entry.route), SQLBind(entry.status), SQLBind(entry.latencyMilliseconds), SQLBind(entry.requestID)
                    )
                }
                try await insert.run()
            }
        }
    }

    public func entries(organizationID: UUID, filter: APILogFilter, after: (Date, UUID)?, limit: Int) async throws -> [APILogEntry] {
        let select = store.sql.select().columns(Row.columns).from("api_logs").where("organization_id", .equal, organizationID)
        if let from = filter.from { select.where("occurred_at", .greaterThanOrEqual, SQLBind(from)) }
        if let to = filter.to { select.where("occurred_at", .lessThan, SQLBind(to)) }
        if let appID = filter.appID { select.where("app_id", .equal, appID) }
        if let keyID = filter.keyID { select.where("key_id", .equal, keyID) }
        if let statuses = filter.statuses {
            select.where("status", .greaterThanOrEqual, statuses.lowerBound).where("status", .lessThanOrEqual, statuses.upperBound)
        }
        if let method = filter.method { select.where("method", .equal, method) }
        if let (time, id) = after {
            select.where { group in
                group.where("occurred_at", .greaterThan, SQLBind(time))
                    .orWhere { inner in inner.where("occurred_at", .equal, SQLBind(time)).where("id", .greaterThan, SQLBind(id)) }
            }
        }
        return try await select.orderBy("occurred_at").orderBy("id").limit(limit).all(decoding: Row.self).map(\.entry)
    }

    public func purge(before: Date) async throws -> Int {
        try await purge(before: before, batch: FlowstaDatabase.deleteBatch)
    }

    /// - Parameter batch: rows per delete statement (the benchmark compares sizes).
    public func purge(before: Date, batch: Int) async throws -> Int {
        try await store.deleteInBatches(from: "api_logs", key: ["id"], batch: batch) { $0.where("occurred_at", .lessThan, SQLBind(before)) }
    }
}
