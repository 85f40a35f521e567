import FlowstaCore
import FluentKit
import Foundation
import SQLKit

/// ``SharedCounters`` in the database: one row per key and window, counted by one upsert, so
/// every instance on the same PostgreSQL database sees the same count. Rows are purged by the
/// retention job an hour after their window ends.
public struct FluentSharedCounters: SharedCounters {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    public func increment(_ key: String, window: Int, now: Date) async throws -> SharedCount {
        let (index, end) = SharedCount.window(of: now, length: window)
        struct Row: Decodable { var count: Int }
        let row = try await store.sql.raw("""
            INSERT INTO shared_counters (key, count, window_end) VALUES (\(bind: "\(key):\(window):\(index)"), 1, \(bind: end))
            ON CONFLICT (key) DO UPDATE SET count = shared_counters.count + 1
            RETURNING count
            """).first(decoding: Row.self)
        return SharedCount(count: row?.count ?? 1, windowEnd: end)
    }

    public func count(_ key: String, window: Int, now: Date) async throws -> SharedCount {
        let (index, end) = SharedCount.window(of: now, length: window)
        struct Row: Decodable { var count: Int }
        let row = try await store.sql.select().column("count").from("shared_counters")
            .where("key", .equal, "\(key):\(window):\(index)").first(decoding: Row.self)
        return SharedCount(count: row?.count ?? 0, windowEnd: end)
    }

    public func purge(before: Date) async throws -> Int {
        try await store.deleteInBatches(from: "shared_counters", key: ["key"]) { $0.where("window_end", .lessThan, before) }
    }
}
