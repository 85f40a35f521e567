import FlowstaCore
import FlowstaCrypto
import Foundation

/// What limits login attempts (``LoginThrottle`` on one instance, ``SharedLoginThrottle`` for
/// several).
public protocol LoginLimiter: Sendable {
    /// Records one attempt.
    /// - Returns: `nil` when allowed, else the seconds to wait before retrying.
    func attempt(username: String, address: [UInt8]?, device: String?) async -> Int?
}

extension LoginThrottle: LoginLimiter {}

/// ``LoginThrottle``'s limits across every instance of a deployment (issue #19): attempts are
/// counted per minute in ``SharedCounters`` (PostgreSQL), under keyed hashes whose key is
/// derived from the KEK and changes every UTC day, so all instances agree on a key and nothing
/// stored names a user, a device or an address (P2); rows expire with their minute.
///
/// The same buckets as ``LoginThrottle``: per username for clients without a device token of
/// it, per device token otherwise, and per client address. Counted in fixed one-minute windows,
/// so a burst across a minute's edge can reach twice a limit.
public struct SharedLoginThrottle: LoginLimiter {
    static let window = 60

    let limits: LoginThrottle.Limits
    let counters: any SharedCounters
    /// The keyed hasher of a UTC day (days since 1970).
    let hasher: @Sendable (Int) -> KeyedHasher
    let time: any TimeSource

    public init(limits: LoginThrottle.Limits, counters: any SharedCounters, hasher: @escaping @Sendable (Int) -> KeyedHasher, time: any TimeSource) {
        self.limits = limits
        self.counters = counters
        self.hasher = hasher
        self.time = time
    }

    public func attempt(username: String, address: [UInt8]?, device: String?) async -> Int? {
        let now = time.now
        let hasher = hasher(Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
        var keys: [(String, Int)] = []
        if let device {
            if limits.perDevice > 0 { keys.append((hasher.hash("login-device:" + device), limits.perDevice)) }
        } else if limits.perUsername > 0 {
            keys.append((hasher.hash("login-username:" + username), limits.perUsername))
        }
        if limits.perAddress > 0, let address { keys.append((hasher.hash(Array("login-address:".utf8) + address), limits.perAddress)) }
        var wait = 0
        for (key, limit) in keys {
            do {
                let count = try await counters.increment(key, window: Self.window, now: now)
                if count.count > limit { wait = max(wait, count.secondsLeft(at: now)) }
            } catch {
                // The store is down: the sign-in that follows needs it too and fails there.
                continue
            }
        }
        return wait == 0 ? nil : wait
    }
}
