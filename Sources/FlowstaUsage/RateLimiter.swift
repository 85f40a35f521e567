import FlowstaCore
import Foundation
import Synchronization

/// Token buckets per organization for the management API rate of its plan (DESIGN §7): a
/// bucket holds one second's worth of requests (the burst) and refills continuously at the
/// plan's rate. In memory, per instance; one lock and a little arithmetic per request.
public final class RateLimiter: Sendable {
    /// The answer for one request: whether it may proceed, and what the `RateLimit` and
    /// `RateLimit-Policy` fields (draft-ietf-httpapi-ratelimit-headers) and `Retry-After` say.
    public struct Decision: Sendable, Equatable {
        public var allowed: Bool
        /// Requests per second (the quota of a 1-second window).
        public var limit: Int
        /// Whole requests left in the bucket after this one.
        public var remaining: Int
        /// Seconds until the bucket is full again (rounded up).
        public var reset: Int
        /// Seconds until one request is allowed again (refused requests; at least 1).
        public var retryAfter: Int
    }

    struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let buckets = Mutex<[UUID: Bucket]>([:])
    private let time: any TimeSource
    /// Buckets kept before idle (full) ones are dropped.
    static let pruneThreshold = 10_000

    /// - Parameter time: the clock buckets refill by (the server's; a wall clock set back only
    ///   pauses refilling).
    public init(time: any TimeSource = SystemTimeSource()) { self.time = time }

    /// Takes one request from the organization's bucket.
    public func take(_ organizationID: UUID, ratePerSecond rate: Int) -> Decision {
        take(organizationID, ratePerSecond: rate, now: time.now)
    }

    /// The same at a given instant (tests).
    public func take(_ organizationID: UUID, ratePerSecond rate: Int, now: Date) -> Decision {
        let capacity = Double(max(rate, 1))
        return buckets.withLock { buckets in
            if buckets.count >= Self.pruneThreshold { Self.prune(&buckets, now: now) }
            var bucket = buckets[organizationID] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = now.timeIntervalSince(bucket.updated)
            bucket.tokens = min(capacity, bucket.tokens + max(0, elapsed) * capacity)
            bucket.updated = max(bucket.updated, now)
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[organizationID] = bucket
            let missing = capacity - bucket.tokens
            return Decision(
                allowed: allowed, limit: Int(capacity), remaining: Int(bucket.tokens.rounded(.down)),
                reset: Int((missing / capacity).rounded(.up)),
                retryAfter: allowed ? 0 : max(1, Int(((1 - bucket.tokens) / capacity).rounded(.up)))
            )
        }
    }

    /// Drops buckets that have refilled (they would start full anyway).
    static func prune(_ buckets: inout [UUID: Bucket], now: Date) {
        buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < 1 }
    }
}

/// What limits the management API to its plan's rate (``RateLimiter`` on one instance,
/// ``SharedRateLimiter`` for several).
public protocol APIRateLimiter: Sendable {
    /// Takes one request from the organization's allowance.
    func take(_ organizationID: UUID, ratePerSecond rate: Int) async -> RateLimiter.Decision
}

extension RateLimiter: APIRateLimiter {}

/// The plan's rate across every instance of a deployment (issue #19): requests are counted per
/// organization and second in ``SharedCounters`` (PostgreSQL), so three instances allow the
/// plan's rate, not three times it. One window per second (no burst beyond the rate). The key
/// is the organization id (not personal data).
public struct SharedRateLimiter: APIRateLimiter {
    let counters: any SharedCounters
    let time: any TimeSource

    public init(counters: any SharedCounters, time: any TimeSource) {
        self.counters = counters
        self.time = time
    }

    public func take(_ organizationID: UUID, ratePerSecond rate: Int) async -> RateLimiter.Decision {
        let capacity = max(rate, 1)
        let now = time.now
        guard let count = try? await counters.increment("api-rate:" + organizationID.uuidString.lowercased(), window: 1, now: now) else {
            // The store is down: the request that follows needs it too and fails there.
            return RateLimiter.Decision(allowed: true, limit: capacity, remaining: 0, reset: 1, retryAfter: 0)
        }
        let allowed = count.count <= capacity
        let left = count.secondsLeft(at: now)
        return RateLimiter.Decision(
            allowed: allowed, limit: capacity, remaining: max(0, capacity - count.count), reset: left, retryAfter: allowed ? 0 : left
        )
    }
}
