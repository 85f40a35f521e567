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

/// A bucket one login attempt draws on (``LoginThrottle/Limits/buckets(username:address:device:)``).
enum LoginBucket {
    case device(String)
    case username(String)
    case address([UInt8])
}

extension LoginThrottle.Limits {
    /// The buckets an attempt draws on, each with its per-minute limit: the device token's when
    /// the client presents one of this username (a browser where the user signed in before),
    /// else the username's; and the client address's. A limit of 0 leaves its bucket out, and
    /// so does an empty username (a passkey sign-in names no account before it is done: only
    /// the address is counted).
    func buckets(username: String, address: [UInt8]?, device: String?) -> [(LoginBucket, Int)] {
        var buckets: [(LoginBucket, Int)] = []
        if let device {
            if perDevice > 0 { buckets.append((.device(device), perDevice)) }
        } else if perUsername > 0, !username.isEmpty {
            buckets.append((.username(username), perUsername))
        }
        if perAddress > 0, let address { buckets.append((.address(address), perAddress)) }
        return buckets
    }
}

/// ``LoginThrottle``'s limits across every instance of a deployment (issue #19): attempts are
/// counted per minute in ``SharedCounters`` (PostgreSQL), under keyed hashes whose key is
/// derived from the KEK and changes every UTC day, so all instances agree on a key and nothing
/// stored names a user, a device or an address (P2); rows expire with their minute.
///
/// The same buckets as ``LoginThrottle`` (``LoginThrottle/Limits/buckets(username:address:device:)``),
/// counted in fixed one-minute windows,
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
        let keys = limits.buckets(username: username, address: address, device: device).map { bucket, limit in
            switch bucket {
            case .device(let device): (hasher.hash("login-device:" + device), limit)
            case .username(let username): (hasher.hash("login-username:" + username), limit)
            case .address(let address): (hasher.hash(Array("login-address:".utf8) + address), limit)
            }
        }
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
