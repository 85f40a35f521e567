import FlowstaUsage
import Foundation

/// Hourly usage rows in memory.
public actor InMemoryUsageRepository: UsageRepository {
    public private(set) var rows: [MeteringKey: UsageCounts] = [:]

    public init() {}

    public func add(_ batch: [MeteringKey: UsageCounts]) {
        for (key, counts) in batch { rows[key, default: UsageCounts()].merge(counts) }
    }

    public func purge(before: Date) -> Int {
        let hour = Int((before.timeIntervalSince1970 / 3600).rounded(.down))
        let old = rows.keys.filter { $0.hour < hour }
        for key in old { rows.removeValue(forKey: key) }
        return old.count
    }

    public func hourly(organizationID: UUID, from: Date, to: Date, appID: UUID?) -> [(MeteringKey, UsageCounts)] {
        let first = Int((from.timeIntervalSince1970 / 3600).rounded(.down))
        let end = Int((to.timeIntervalSince1970 / 3600).rounded(.up))
        return rows.filter { key, _ in
            key.organizationID == organizationID && key.hour >= first && key.hour < end && (appID == nil || key.appID == appID)
        }.map { ($0.key, $0.value) }
    }

    public func summed(organizationID: UUID, from: Date, to: Date, appID: UUID?, periodStarts: [Int]) async throws -> [(periodStart: Int, group: RouteGroup, counts: UsageCounts)] {
        try await summedInMemory(organizationID: organizationID, from: from, to: to, appID: appID, periodStarts: periodStarts)
    }
}
