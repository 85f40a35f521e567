import Foundation
import Synchronization

/// Values read on the hot path (introspection, userinfo), kept for a few seconds: an announced
/// change removes its entry at once (``CacheChanges``); the lifetime bounds a lost announcement.
/// Bounded: at capacity the cache starts over.
final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var until: Date
    }

    private let lifetime: TimeInterval
    private let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    init(lifetime: TimeInterval = 5, capacity: Int = 100_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func get(_ key: Key, now: Date) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.until > now else { return nil }
            return entry.value
        }
    }

    func put(_ key: Key, _ value: Value, now: Date) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, until: now.addingTimeInterval(lifetime))
        }
    }

    func remove(_ key: Key) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    func removeAll() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }
}
