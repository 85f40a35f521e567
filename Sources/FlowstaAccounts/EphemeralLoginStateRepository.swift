import FlowstaCore
import Foundation

/// Login states held in memory only, for single-process deployments (the embedded SQLite
/// store): the short-lived OPAQUE secrets between `KE2` and `KE3` never touch disk, and a login
/// costs two fewer database writes. Deployments that run several instances (PostgreSQL) keep
/// login states in the database so any instance can finish a login.
///
/// Bounded: expired states are dropped as new ones arrive, and beyond `capacity` the oldest
/// pending login is evicted (its client gets `invalid_login` and starts again).
public actor EphemeralLoginStateRepository: LoginStateRepository {
    private var states: [String: PendingLogin] = [:]
    /// Insertion order for expiry and eviction; consumed entries are skipped lazily.
    private var order: [String] = []
    private var head = 0
    private let capacity: Int
    private let time: any TimeSource

    public init(capacity: Int = 100_000, time: any TimeSource = SystemTimeSource()) {
        self.capacity = capacity
        self.time = time
    }

    public func insert(_ login: PendingLogin) {
        dropExpiredAndOverflow(now: time.now)
        states[login.handleHash] = login
        order.append(login.handleHash)
    }

    public func consume(handleHash: String) -> PendingLogin? {
        states.removeValue(forKey: handleHash)
    }

    public func deleteExpired(now: Date) -> Int {
        let expired = states.filter { $0.value.expiresAt <= now }.keys
        for key in expired { states[key] = nil }
        return expired.count
    }

    /// Number of pending logins held.
    public var count: Int { states.count }

    private func dropExpiredAndOverflow(now: Date) {
        while head < order.count {
            let key = order[head]
            guard let state = states[key] else {
                head += 1  // already consumed
                continue
            }
            guard state.expiresAt <= now || states.count >= capacity else { break }
            states[key] = nil
            head += 1
        }
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
