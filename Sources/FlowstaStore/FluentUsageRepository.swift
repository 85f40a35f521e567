import FlowstaUsage
import FluentKit
import Foundation
import SQLKit

/// ``UsageRepository`` on the Fluent database.
public struct FluentUsageRepository: UsageRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    /// The management API's rows (no app) use the zero UUID.
    static let noApp = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    static let counters = ["requests", "client_errors", "server_errors"] + CreateUsageV7.bucketColumns

    public func add(_ batch: [MeteringKey: UsageCounts]) async throws {
        guard !batch.isEmpty else { return }
        let columns = ["organization_id", "app_id", "route_group", "hour"] + Self.counters
        let updates = Self.counters.map { "\($0) = usage_hourly.\($0) + excluded.\($0)" }.joined(separator: ", ")
        // One transaction, so a failed flush can be retried without counting twice; rows in a
        // fixed order, so concurrent flushes from several instances cannot deadlock.
        let ordered = batch.sorted { ($0.key.hour, $0.key.organizationID.uuidString, $0.key.appID?.uuidString ?? "", $0.key.group.rawValue)
            < ($1.key.hour, $1.key.organizationID.uuidString, $1.key.appID?.uuidString ?? "", $1.key.group.rawValue) }
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            for (key, counts) in ordered {
                var query = SQLQueryString("INSERT INTO usage_hourly (\(unsafeRaw: columns.joined(separator: ", "))) VALUES (")
                query.appendInterpolation(bind: key.organizationID)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: key.appID ?? Self.noApp)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: key.group.rawValue)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: Int64(key.hour))
                for value in [counts.requests, counts.clientErrors, counts.serverErrors] + counts.latency.counts {
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: Int64(clamping: value))
                }
                query.appendLiteral(") ON CONFLICT (organization_id, hour, app_id, route_group) DO UPDATE SET \(updates)")
                try await sql.raw(query).run()
            }
        }
    }

    public func hourly(organizationID: UUID, from: Date, to: Date, appID: UUID?) async throws -> [(MeteringKey, UsageCounts)] {
        let firstHour = Int64((from.timeIntervalSince1970 / 3600).rounded(.down))
        let endHour = Int64((to.timeIntervalSince1970 / 3600).rounded(.up))
        let select = store.sql.select().column("hour").column("route_group").columns(Self.counters)
            .from("usage_hourly")
            .where("organization_id", .equal, organizationID)
            .where("hour", .greaterThanOrEqual, firstHour).where("hour", .lessThan, endHour)
        if let appID { select.where("app_id", .equal, appID) }
        let rows = try await select.all()
        return try rows.compactMap { row in
            guard let group = RouteGroup(rawValue: try row.decode(column: "route_group", as: String.self)) else { return nil }
            let values = try Self.counters.map { UInt64(clamping: try row.decode(column: $0, as: Int64.self)) }
            let counts = UsageCounts(
                requests: values[0], clientErrors: values[1], serverErrors: values[2],
                latency: LatencyHistogram(counts: Array(values[3...]))
            )
            let key = MeteringKey(organizationID: organizationID, appID: appID, group: group, hour: Int(try row.decode(column: "hour", as: Int64.self)))
            return (key, counts)
        }
    }

    /// Sums in SQL (`GROUP BY` the period and route group), so a year of hourly rows leaves the
    /// database as one row per period: hour and day periods by arithmetic on the hour column,
    /// months (uneven) by a `CASE` over their first hours.
    public func summed(organizationID: UUID, from: Date, to: Date, appID: UUID?, periodStarts: [Int]) async throws -> [(periodStart: Int, group: RouteGroup, counts: UsageCounts)] {
        guard let firstStart = periodStarts.first else { return [] }
        let steps = zip(periodStarts.dropFirst(), periodStarts).map { $0 - $1 }
        let period: String
        if steps.allSatisfy({ $0 == 1 }) {
            period = "hour"
        } else if steps.allSatisfy({ $0 == 24 }) && firstStart % 24 == 0 {
            period = "(hour / 24) * 24"
        } else {
            // Integers produced here, never input: safe to inline.
            let branches = zip(periodStarts, periodStarts.dropFirst()).map { "WHEN hour < \($1) THEN \($0)" }.joined(separator: " ")
            period = "CASE \(branches) ELSE \(periodStarts.last!) END"
        }
        let sums = Self.counters.map { "CAST(SUM(\($0)) AS BIGINT) AS \($0)" }.joined(separator: ", ")
        let firstHour = Int64((from.timeIntervalSince1970 / 3600).rounded(.down))
        let endHour = Int64((to.timeIntervalSince1970 / 3600).rounded(.up))
        var query = SQLQueryString("SELECT \(unsafeRaw: period) AS period, route_group, \(unsafeRaw: sums) FROM usage_hourly WHERE organization_id = ")
        query.appendInterpolation(bind: organizationID)
        query.appendLiteral(" AND hour >= ")
        query.appendInterpolation(bind: firstHour)
        query.appendLiteral(" AND hour < ")
        query.appendInterpolation(bind: endHour)
        if let appID {
            query.appendLiteral(" AND app_id = ")
            query.appendInterpolation(bind: appID)
        }
        query.appendLiteral(" GROUP BY period, route_group")
        return try await store.sql.raw(query).all().compactMap { row in
            guard let group = RouteGroup(rawValue: try row.decode(column: "route_group", as: String.self)) else { return nil }
            let values = try Self.counters.map { UInt64(clamping: try row.decode(column: $0, as: Int64.self)) }
            let counts = UsageCounts(requests: values[0], clientErrors: values[1], serverErrors: values[2], latency: LatencyHistogram(counts: Array(values[3...])))
            return (Int(try row.decode(column: "period", as: Int64.self)), group, counts)
        }
    }
}
