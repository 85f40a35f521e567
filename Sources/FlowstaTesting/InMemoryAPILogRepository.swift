import FlowstaUsage
import Foundation

/// API log entries in memory.
public actor InMemoryAPILogRepository: APILogRepository {
    public private(set) var stored: [APILogEntry] = []

    public init() {}

    public func insert(_ entries: [APILogEntry]) { stored += entries }

    public func entries(organizationID: UUID, filter: APILogFilter, after: (Date, UUID)?, limit: Int) -> [APILogEntry] {
        stored.filter { entry in
            entry.organizationID == organizationID
                && filter.from.map { entry.occurredAt >= $0 } ?? true && filter.to.map { entry.occurredAt < $0 } ?? true
                && filter.appID.map { entry.appID == $0 } ?? true && filter.keyID.map { entry.keyID == $0 } ?? true
                && filter.statuses.map { $0.contains(entry.status) } ?? true && filter.method.map { entry.method == $0 } ?? true
                && after.map { (entry.occurredAt, entry.id.uuidString) > ($0.0, $0.1.uuidString) } ?? true
        }
        .sorted { ($0.occurredAt, $0.id.uuidString) < ($1.occurredAt, $1.id.uuidString) }
        .prefix(limit).map { $0 }
    }

    public func purge(before: Date) -> Int {
        let count = stored.count
        stored.removeAll { $0.occurredAt < before }
        return count - stored.count
    }
}
