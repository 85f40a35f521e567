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
        // One transaction, so a failed flush can be retried without counting twice; rows in a
        // fixed order, so concurrent flushes from several instances cannot deadlock.
        let ordered = batch.sorted { ($0.key.hour, $0.key.organizationID.uuidString, $0.key.appID?.uuidString ?? "", $0.key.group.rawValue)
            < ($1.key.hour, $1.key.organizationID.uuidString, $1.key.appID?.uuidString ?? "", $1.key.group.rawValue) }
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            for (key, counts) in ordered {
                for (table, period, value) in [("usage_hourly", "hour", key.hour), ("usage_daily", "day", Self.day(key.hour))] {
                    try await sql.raw(Self.upsert(table: table, period: period, value: value, key: key, counts: counts)).run()
                }
            }
        }
    }

    static func day(_ hour: Int) -> Int { hour >= 0 ? hour / 24 : -((-hour + 23) / 24) }

    static func upsert(table: String, period: String, value: Int, key: MeteringKey, counts: UsageCounts) -> SQLQueryString {
        let columns = ["organization_id", "app_id", "route_group", period] + counters
        let updates = counters.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", ")
        var query = SQLQueryString("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES (")
        query.appendInterpolation(bind: key.organizationID)
        query.appendLiteral(", ")
        query.appendInterpolation(bind: key.appID ?? noApp)
        query.appendLiteral(", ")
        query.appendInterpolation(bind: key.group.rawValue)
        query.appendLiteral(", ")
        query.appendInterpolation(bind: Int64(value))
        for count in [counts.requests, counts.clientErrors, counts.serverErrors] + counts.latency.counts {
            query.appendLiteral(", ")
            query.appendInterpolation(bind: Int64(clamping: count))
        }
        query.appendLiteral(") ON CONFLICT (organization_id, \(period), app_id, route_group) DO UPDATE SET \(updates)")
        return query
    }

    public func purge(before: Date) async throws -> Int {
        let hour = Int64((before.timeIntervalSince1970 / 3600).rounded(.down))
        let day = Int64(Self.day(Int(hour)))
        // Only whole days before the boundary leave the daily roll-up.
        let hourly = try await store.deleteInBatches(from: "usage_hourly") { $0.where("hour", .lessThan, hour) }
        let daily = try await store.deleteInBatches(from: "usage_daily") { $0.where("day", .lessThan, day) }
        return hourly + daily
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

    /// Sums in SQL (`GROUP BY` the period and route group), so only one row per period leaves
    /// the database: hours from the hourly rows; days and months from the daily roll-up for the
    /// whole UTC days of the range and from the hourly rows for its partial first and last day.
    public func summed(organizationID: UUID, from: Date, to: Date, appID: UUID?, periodStarts: [Int]) async throws -> [(periodStart: Int, group: RouteGroup, counts: UsageCounts)] {
        guard !periodStarts.isEmpty else { return [] }
        let firstHour = Int((from.timeIntervalSince1970 / 3600).rounded(.down))
        let endHour = Int((to.timeIntervalSince1970 / 3600).rounded(.up))
        let hourly = periodStarts.count > 1 && zip(periodStarts.dropFirst(), periodStarts).allSatisfy { $0 - $1 == 1 }
        let firstFullDay = Self.day(firstHour + 23)
        let endFullDay = Self.day(endHour)
        guard !hourly, firstFullDay < endFullDay else {
            return try await sum("usage_hourly", "hour", hourExpression: "hour", from: firstHour, to: endHour, organizationID, appID, periodStarts)
        }
        var parts = try await sum("usage_daily", "day", hourExpression: "(day * 24)", from: firstFullDay, to: endFullDay, organizationID, appID, periodStarts)
        if firstHour < firstFullDay * 24 {
            parts += try await sum("usage_hourly", "hour", hourExpression: "hour", from: firstHour, to: firstFullDay * 24, organizationID, appID, periodStarts)
        }
        if endFullDay * 24 < endHour {
            parts += try await sum("usage_hourly", "hour", hourExpression: "hour", from: endFullDay * 24, to: endHour, organizationID, appID, periodStarts)
        }
        return parts
    }

    /// One `GROUP BY` over `table` rows with `column` in `[from, to)`; `hourExpression` turns a
    /// row's period column into hours since 1970.
    private func sum(
        _ table: String, _ column: String, hourExpression hour: String, from: Int, to: Int,
        _ organizationID: UUID, _ appID: UUID?, _ periodStarts: [Int]
    ) async throws -> [(periodStart: Int, group: RouteGroup, counts: UsageCounts)] {
        let steps = zip(periodStarts.dropFirst(), periodStarts).map { $0 - $1 }
        let period: String
        if periodStarts.count == 1 {
            period = String(periodStarts[0])
        } else if steps.allSatisfy({ $0 == 1 }) {
            period = hour
        } else if steps.allSatisfy({ $0 == 24 }) && periodStarts[0] % 24 == 0 {
            period = "(\(hour) / 24) * 24"
        } else {
            // Integers produced here, never input: safe to inline.
            let branches = zip(periodStarts, periodStarts.dropFirst()).map { "WHEN \(hour) < \($1) THEN \($0)" }.joined(separator: " ")
            period = "CASE \(branches) ELSE \(periodStarts.last!) END"
        }
        // PostgreSQL sums bigints into numeric: cast back. SQLite's SUM of integers is an integer.
        let sums = Self.counters.map { store.engine == .postgres ? "CAST(SUM(\($0)) AS BIGINT) AS \($0)" : "SUM(\($0)) AS \($0)" }.joined(separator: ", ")
        var query = SQLQueryString("SELECT \(unsafeRaw: period) AS period, route_group, \(unsafeRaw: sums) FROM \(unsafeRaw: table) WHERE organization_id = ")
        query.appendInterpolation(bind: organizationID)
        query.appendLiteral(" AND \(column) >= ")
        query.appendInterpolation(bind: Int64(from))
        query.appendLiteral(" AND \(column) < ")
        query.appendInterpolation(bind: Int64(to))
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
