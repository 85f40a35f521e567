import FlowstaCore
import FlowstaCrypto
import Foundation

/// In-memory rate limiting of login attempts (issue #15 §2.2), per client address, per
/// username and per known device.
///
/// - Addresses are only ever held as an HMAC under a random key that lives in memory and is
///   replaced every UTC day (P2); nothing here is persisted.
/// - The per-username limit applies to clients that do not present a device token of that
///   username, i.e. clients that have never signed in to it. A browser where the user signed in
///   before is limited on its own bucket instead: an attacker who exhausts the username's
///   bucket cannot lock the real user out of their own devices.
/// - Memory is bounded and each attempt is O(1): buckets live in two generations swapped every
///   minute (a bucket untouched for a minute has refilled, so dropping it loses nothing) or
///   when the current one holds ``capacity`` keys; a refused attempt creates no bucket.
public actor LoginThrottle {
    /// Attempts allowed per minute; `0` disables that limit.
    public struct Limits: Sendable {
        /// Per username, for clients without a device token of it.
        public var perUsername: Int
        /// Per client address (IPv4 address or IPv6 /64).
        public var perAddress: Int
        /// Per device token (a browser where the user signed in before).
        public var perDevice: Int
        public init(perUsername: Int = 10, perAddress: Int = 60, perDevice: Int = 10) {
            self.perUsername = perUsername
            self.perAddress = perAddress
            self.perDevice = perDevice
        }
    }

    /// Keys held per generation (two generations at most).
    public static let capacity = 50_000
    static let generationLength: TimeInterval = 60

    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let limits: Limits
    private let time: any TimeSource
    private var current: [String: Bucket] = [:]
    private var previous: [String: Bucket] = [:]
    private var generationStart: Date
    private var addressHasher = KeyedHasher.ephemeral()
    private var day: Int

    public init(limits: Limits = Limits(), time: any TimeSource = SystemTimeSource()) {
        self.limits = limits
        self.time = time
        self.day = Self.day(of: time.now)
        self.generationStart = time.now
    }

    /// The number of buckets held (for tests of the memory bound).
    public var trackedKeys: Int { current.count + previous.count }

    /// Records one attempt.
    /// - Parameters:
    ///   - address: the client address's throttle key (see the server's address resolver).
    ///   - device: the id of a valid device token for this username, if the client sent one.
    /// - Returns: `nil` when allowed, else the seconds to wait before retrying.
    public func attempt(username: String, address: [UInt8]?, device: String? = nil) -> Int? {
        let now = time.now
        rotate(now)
        let keys = limits.buckets(username: username, address: address, device: device).map { bucket, limit in
            switch bucket {
            case .device(let device): ("d:" + device, limit)
            case .username(let username): ("u:" + username, limit)
            case .address(let address): ("a:" + addressHasher.hash(address), limit)
            }
        }
        var buckets: [Bucket] = []
        var wait = 0
        for (key, limit) in keys {
            let rate = Double(limit) / 60
            let stored = current[key] ?? previous[key]
            let tokens = stored.map { min(Double(limit), $0.tokens + now.timeIntervalSince($0.updated) * rate) } ?? Double(limit)
            if tokens < 1 { wait = max(wait, Int(((1 - tokens) / rate).rounded(.up))) }
            buckets.append(Bucket(tokens: tokens, updated: now))
        }
        // A refused attempt changes nothing (and adds no bucket).
        guard wait == 0 else { return max(wait, 1) }
        for ((key, _), bucket) in zip(keys, buckets) {
            current[key] = Bucket(tokens: bucket.tokens - 1, updated: now)
        }
        return nil
    }

    private func rotate(_ now: Date) {
        let today = Self.day(of: now)
        if today != day {
            day = today
            addressHasher = KeyedHasher.ephemeral()
            current.removeAll()
            previous.removeAll()
            generationStart = now
            return
        }
        if now.timeIntervalSince(generationStart) >= Self.generationLength || current.count >= Self.capacity {
            previous = current
            current = [:]
            generationStart = now
        }
    }

    private static func day(of date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }
}
