import FlowstaUsage
import Foundation

/// Analytics ids and monthly counts in memory.
public actor InMemoryMAURepository: MAURepository {
    struct Key: Hashable {
        var appID: UUID
        var month: UsageMonth
    }

    private(set) var ids: [Key: Set<AnalyticsID>] = [:]
    private(set) var members: [Key: Set<String>] = [:]
    var monthly: [Key: (organizationID: UUID, count: Int, closed: Bool)] = [:]

    public init() {}

    /// Every stored id row (for tests).
    public var storedIDCount: Int { ids.values.reduce(0) { $0 + $1.count } }

    public func record(_ entries: [MAUEntry]) -> Set<MAUEntry> {
        var new: Set<MAUEntry> = []
        for entry in entries {
            let key = Key(appID: entry.appID, month: entry.month)
            guard ids[key, default: []].insert(entry.analyticsID).inserted else { continue }
            new.insert(entry)
            monthly[key, default: (entry.organizationID, 0, false)].count += 1
        }
        return new
    }

    public func contains(_ entry: MAUEntry) -> Bool {
        ids[Key(appID: entry.appID, month: entry.month)]?.contains(entry.analyticsID) ?? false
    }

    public func counts(appID: UUID, months: ClosedRange<UsageMonth>) -> [MAUCount] {
        monthly.filter { $0.key.appID == appID && months.contains($0.key.month) }
            .map { MAUCount(month: $0.key.month, activeUsers: $0.value.count, closed: $0.value.closed) }
            .sorted { $0.month < $1.month }
    }

    public func organizationTotal(organizationID: UUID, month: UsageMonth) -> Int {
        monthly.filter { $0.key.month == month && $0.value.organizationID == organizationID }.reduce(0) { $0 + $1.value.count }
    }

    public func close(monthsBefore month: UsageMonth) -> MAUCloseResult {
        var result = MAUCloseResult()
        for (key, value) in monthly where key.month < month && !value.closed {
            monthly[key] = (value.organizationID, ids[key]?.count ?? 0, true)
            result.monthsClosed += 1
        }
        for key in ids.keys where key.month < month {
            result.idsDeleted += ids.removeValue(forKey: key)?.count ?? 0
        }
        for key in members.keys where key.month < month { members.removeValue(forKey: key) }
        return result
    }

    public func claimMember(_ member: String, appID: UUID, month: UsageMonth) -> Bool {
        members[Key(appID: appID, month: month), default: []].insert(member).inserted
    }

    public func releaseMember(_ member: String, appID: UUID, month: UsageMonth) {
        members[Key(appID: appID, month: month)]?.remove(member)
    }

    /// Every stored member key (for tests).
    public var storedMemberCount: Int { members.values.reduce(0) { $0 + $1.count } }

    public func purgeCounts(monthsBefore month: UsageMonth) -> Int {
        let old = monthly.keys.filter { $0.month < month }
        for key in old { monthly.removeValue(forKey: key) }
        return old.count
    }
}
