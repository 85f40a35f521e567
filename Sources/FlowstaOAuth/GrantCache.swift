import Foundation
import Synchronization

/// Grants read on the hot path (introspection, userinfo), cached for a few seconds.
final class GrantCache: Sendable {
    private struct Entry {
        var grant: StoredGrant
        var until: Date
    }

    private let lifetime: TimeInterval
    private let capacity: Int
    private let entries = Mutex<[UUID: Entry]>([:])

    init(lifetime: TimeInterval = 5, capacity: Int = 100_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func get(_ id: UUID, now: Date) -> StoredGrant? {
        entries.withLock { entries in
            guard let entry = entries[id], entry.until > now else { return nil }
            return entry.grant
        }
    }

    func put(_ grant: StoredGrant, now: Date) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[grant.id] = Entry(grant: grant, until: now.addingTimeInterval(lifetime))
        }
    }

    func remove(_ id: UUID) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
