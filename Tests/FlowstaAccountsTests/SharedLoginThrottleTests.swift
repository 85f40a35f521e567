import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Testing

/// Issue #19: with shared counters, the login limits hold across instances, and what the
/// counters hold names no user, device or address.
@Suite struct SharedLoginThrottleTests {
    /// Records the keys it is given, to check none carries a name or an address.
    actor RecordingCounters: SharedCounters {
        let inner = InMemorySharedCounters()
        var keys: [String] = []
        func increment(_ key: String, window: Int, now: Date) async throws -> SharedCount {
            keys.append(key)
            return await inner.increment(key, window: window, now: now)
        }
        func count(_ key: String, window: Int, now: Date) async throws -> SharedCount {
            keys.append(key)
            return await inner.count(key, window: window, now: now)
        }
        func purge(before: Date) async throws -> Int { await inner.purge(before: before) }
    }

    @Test func threeInstancesShareTheLimits() async throws {
        let clock = FixedTimeSource(Date(timeIntervalSince1970: 1_900_000_000))
        let counters = RecordingCounters()
        let keyRing = try KeyRing(kek: SecureRandom.bytes(32))
        let limits = LoginThrottle.Limits(perUsername: 10, perAddress: 25, perDevice: 5)
        let instances = (0..<3).map { _ in
            SharedLoginThrottle(limits: limits, counters: counters, hasher: { keyRing.keyedHasher(purpose: "shared-limits:\($0)") }, time: clock)
        }
        let address: [UInt8] = [192, 0, 2, 7]
        var allowed = 0
        for attempt in 0..<30 where await instances[attempt % 3].attempt(username: "alice", address: address, device: nil) == nil {
            allowed += 1
        }
        #expect(allowed == 10, "ten attempts on alice per minute for the whole deployment, not per instance")
        let wait = try #require(await instances[0].attempt(username: "alice", address: nil, device: nil))
        #expect(wait >= 1 && wait <= 60)
        // Alice's own browser (a device token) has its own bucket: the attacker cannot lock her out.
        #expect(await instances[1].attempt(username: "alice", address: nil, device: "device-1") == nil)
        // The address bucket (25) is shared too: 30 counted already, so another username from it waits.
        #expect(await instances[2].attempt(username: "bob", address: address, device: nil) != nil)
        #expect(await instances[2].attempt(username: "bob", address: [198, 51, 100, 1], device: nil) == nil)
        // A minute later everything is allowed again.
        clock.advance(by: 60)
        #expect(await instances[0].attempt(username: "alice", address: address, device: nil) == nil)

        let keys = await counters.keys
        #expect(!keys.isEmpty)
        #expect(keys.allSatisfy { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }, "keyed hashes only: no name, device or address")
        // Another day, another key: yesterday's counts cannot be linked to today's.
        clock.advance(by: 86_400)
        _ = await instances[0].attempt(username: "alice", address: nil, device: nil)
        let today = await counters.keys.last
        #expect(today.map { !keys.contains($0) } == true)
    }
}
