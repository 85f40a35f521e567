import FlowstaCore
import FlowstaCrypto
import Foundation

/// In-memory rate limiting of login attempts per username and per client address (P2).
///
/// Addresses are only ever held as an HMAC under a random key that lives in memory and is
/// replaced every UTC day (the buckets are dropped with it); nothing here is persisted.
public actor LoginThrottle {
    /// Attempts allowed per minute; `0` disables that limit.
    public struct Limits: Sendable {
        public var perUsername: Int
        public var perAddress: Int
        public init(perUsername: Int = 10, perAddress: Int = 60) {
            self.perUsername = perUsername
            self.perAddress = perAddress
        }
    }

    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let limits: Limits
    private let time: any TimeSource
    private var buckets: [String: Bucket] = [:]
    private var addressHasher = KeyedHasher.ephemeral()
    private var day: Int

    public init(limits: Limits = Limits(), time: any TimeSource = SystemTimeSource()) {
        self.limits = limits
        self.time = time
        self.day = Self.day(of: time.now)
    }

    /// Records one attempt.
    /// - Returns: `nil` when allowed, else the seconds to wait before retrying.
    public func attempt(username: String, address: [UInt8]?) -> Int? {
        let now = time.now
        rotateIfNewDay(now)
        var keys: [(String, Int)] = []
        if limits.perUsername > 0 { keys.append(("u:" + username, limits.perUsername)) }
        if limits.perAddress > 0, let address { keys.append(("a:" + addressHasher.hash(address), limits.perAddress)) }
        var wait = 0
        for (key, limit) in keys {
            let rate = Double(limit) / 60
            var bucket = buckets[key] ?? Bucket(tokens: Double(limit), updated: now)
            bucket.tokens = min(Double(limit), bucket.tokens + now.timeIntervalSince(bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens < 1 {
                wait = max(wait, Int(((1 - bucket.tokens) / rate).rounded(.up)))
            }
            buckets[key] = bucket
        }
        guard wait == 0 else { return max(wait, 1) }
        for (key, _) in keys { buckets[key]?.tokens -= 1 }
        if buckets.count > 100_000 { prune(now) }
        return nil
    }

    private func rotateIfNewDay(_ now: Date) {
        let today = Self.day(of: now)
        guard today != day else { return }
        day = today
        addressHasher = KeyedHasher.ephemeral()
        buckets.removeAll()
    }

    /// Drops buckets that have refilled completely (they hold no information).
    private func prune(_ now: Date) {
        buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < 60 }
    }

    private static func day(of date: Date) -> Int { Int(date.timeIntervalSince1970 / 86_400) }
}
