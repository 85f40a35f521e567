import Foundation

/// Counters every instance of a deployment shares (issue #19): limits that must hold for the
/// whole deployment, not per instance. Counts live in fixed windows; a key is opaque to the
/// store (callers pass keyed hashes, never an address or a name).
public protocol SharedCounters: Sendable {
    /// Adds one to `key`'s count in the `window`-second window that contains `now`.
    /// - Returns: the count in that window, this one included, and when the window ends.
    func increment(_ key: String, window: Int, now: Date) async throws -> SharedCount
    /// `key`'s count in the `window`-second window that contains `now`, without adding to it.
    func count(_ key: String, window: Int, now: Date) async throws -> SharedCount
    /// Deletes the counts of windows that ended before `before`.
    /// - Returns: how many were deleted.
    func purge(before: Date) async throws -> Int
}

/// One window's count (``SharedCounters/increment(_:window:now:)``).
public struct SharedCount: Sendable, Equatable {
    public var count: Int
    public var windowEnd: Date

    public init(count: Int, windowEnd: Date) {
        self.count = count
        self.windowEnd = windowEnd
    }

    /// The window containing `now`: its index (seconds since 1970 over the length) and end.
    public static func window(of now: Date, length: Int) -> (index: Int, end: Date) {
        let length = max(length, 1)
        let index = Int((now.timeIntervalSince1970 / Double(length)).rounded(.down))
        return (index, Date(timeIntervalSince1970: Double((index + 1) * length)))
    }

    /// Whole seconds from `now` to the end of the window, at least 1 (a `Retry-After`).
    public func secondsLeft(at now: Date) -> Int { max(1, Int(windowEnd.timeIntervalSince(now).rounded(.up))) }
}

/// ``SharedCounters`` in memory: the reference semantics for stores and for tests.
public actor InMemorySharedCounters: SharedCounters {
    private var counts: [String: SharedCount] = [:]

    public init() {}

    public func increment(_ key: String, window: Int, now: Date) -> SharedCount {
        let (index, end) = SharedCount.window(of: now, length: window)
        let slot = "\(key):\(window):\(index)"
        var count = counts[slot] ?? SharedCount(count: 0, windowEnd: end)
        count.count += 1
        counts[slot] = count
        return count
    }

    public func count(_ key: String, window: Int, now: Date) -> SharedCount {
        let (index, end) = SharedCount.window(of: now, length: window)
        return counts["\(key):\(window):\(index)"] ?? SharedCount(count: 0, windowEnd: end)
    }

    public func purge(before: Date) -> Int {
        let expired = counts.filter { $0.value.windowEnd < before }.map(\.key)
        for key in expired { counts[key] = nil }
        return expired.count
    }
}
