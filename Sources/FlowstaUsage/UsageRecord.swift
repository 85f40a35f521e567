import Foundation

/// The route groups usage is counted by.
public enum RouteGroup: String, Sendable, CaseIterable, Codable {
    case token, userinfo, introspect, revoke, management
}

/// Whose request it was: the organization, and the app for OAuth endpoints (`nil` for the
/// management API).
public struct MeteringKey: Sendable, Hashable {
    public var organizationID: UUID
    public var appID: UUID?
    public var group: RouteGroup
    /// Hours since 1970-01-01T00:00Z.
    public var hour: Int

    public init(organizationID: UUID, appID: UUID?, group: RouteGroup, hour: Int) {
        self.organizationID = organizationID
        self.appID = appID
        self.group = group
        self.hour = hour
    }

    public var hourStart: Date { Date(timeIntervalSince1970: TimeInterval(hour) * 3600) }
}

/// Counts and latencies of one key's requests.
public struct UsageCounts: Sendable, Equatable {
    public var requests: UInt64 = 0
    public var clientErrors: UInt64 = 0
    public var serverErrors: UInt64 = 0
    public var latency = LatencyHistogram()

    public init() {}

    public init(requests: UInt64, clientErrors: UInt64, serverErrors: UInt64, latency: LatencyHistogram) {
        self.requests = requests
        self.clientErrors = clientErrors
        self.serverErrors = serverErrors
        self.latency = latency
    }

    public mutating func merge(_ other: UsageCounts) {
        requests += other.requests
        clientErrors += other.clientErrors
        serverErrors += other.serverErrors
        latency.merge(other.latency)
    }
}

/// Storage of hourly usage rows.
public protocol UsageRepository: Sendable {
    /// Adds `batch` to the stored hourly rows (creating them), atomically per row, so
    /// instances flushing the same hour add up.
    func add(_ batch: [MeteringKey: UsageCounts]) async throws
    /// The hourly rows of one organization in `[from, to)`, optionally of one app.
    func hourly(organizationID: UUID, from: Date, to: Date, appID: UUID?) async throws -> [(MeteringKey, UsageCounts)]
    /// The same rows summed per period and route group by the store itself (apps merged).
    /// - Parameter periodStarts: the ascending first hours of the periods (hours since 1970); an
    ///   hour belongs to the last period starting at or before it.
    func summed(organizationID: UUID, from: Date, to: Date, appID: UUID?, periodStarts: [Int]) async throws -> [(periodStart: Int, group: RouteGroup, counts: UsageCounts)]
    /// Deletes the hourly rows of hours that started before `before` and the daily rows of days
    /// that started before it. - Returns: how many rows.
    func purge(before: Date) async throws -> Int
}

/// How long usage analytics are kept (P8: 2 years, aggregated).
public enum UsageRetention {
    public static let days = 2 * 366
}

extension UsageRepository {
    /// Sums ``hourly(organizationID:from:to:appID:)`` in memory (stores without SQL).
    public func summedInMemory(organizationID: UUID, from: Date, to: Date, appID: UUID?, periodStarts: [Int]) async throws -> [(periodStart: Int, group: RouteGroup, counts: UsageCounts)] {
        var sums: [Int: [RouteGroup: UsageCounts]] = [:]
        for (key, counts) in try await hourly(organizationID: organizationID, from: from, to: to, appID: appID) {
            let index = periodStarts.lastIndex { $0 <= key.hour } ?? 0
            sums[periodStarts[index], default: [:]][key.group, default: UsageCounts()].merge(counts)
        }
        return sums.flatMap { start, groups in groups.map { (start, $0.key, $0.value) } }
    }
}
