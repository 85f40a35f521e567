import FlowstaAccounts
import FlowstaTesting
import Foundation
import Testing

/// Issue #15 §2.2: the login throttle cannot be used to lock a user out, holds bounded memory
/// and refuses without growing.
@Suite struct LoginThrottleTests {
    static let address: [UInt8] = [4, 192, 0, 2, 1]

    @Test func aKnownDeviceIsNotLockedOutByAnAttackOnTheUsername() async {
        let time = FixedTimeSource()
        let throttle = LoginThrottle(limits: .init(perUsername: 3, perAddress: 1000, perDevice: 3), time: time)
        // An attacker (no device token) exhausts the username.
        for n in 0..<3 { #expect(await throttle.attempt(username: "victim", address: [4, 203, 0, 113, UInt8(n)]) == nil) }
        #expect(await throttle.attempt(username: "victim", address: [4, 203, 0, 113, 9]) != nil)
        // The user's own browser presents its device token: its own bucket.
        #expect(await throttle.attempt(username: "victim", address: Self.address, device: "device-1") == nil)
        // A device token is limited too (a stolen one does not allow unlimited guessing).
        for _ in 0..<2 { #expect(await throttle.attempt(username: "victim", address: Self.address, device: "device-1") == nil) }
        #expect(await throttle.attempt(username: "victim", address: Self.address, device: "device-1") != nil)
        time.advance(by: 60)
        #expect(await throttle.attempt(username: "victim", address: [4, 203, 0, 113, 9]) == nil, "refilled after a minute")
    }

    @Test func refusedAttemptsAddNoBucketsAndMemoryIsBounded() async {
        let time = FixedTimeSource()
        let throttle = LoginThrottle(limits: .init(perUsername: 1, perAddress: 1), time: time)
        #expect(await throttle.attempt(username: "a", address: Self.address) == nil)
        let tracked = await throttle.trackedKeys
        for n in 0..<100 {
            // The address is spent: each of these is refused and must leave nothing behind.
            #expect(await throttle.attempt(username: "user\(n)", address: Self.address) != nil)
        }
        #expect(await throttle.trackedKeys == tracked)
        // Many distinct clients: never more than two generations of buckets.
        for n in 0..<(LoginThrottle.capacity * 3) {
            _ = await throttle.attempt(username: "u\(n)", address: nil)
        }
        #expect(await throttle.trackedKeys <= 2 * LoginThrottle.capacity)
        // Buckets untouched for two minutes are gone.
        time.advance(by: 61)
        _ = await throttle.attempt(username: "x", address: nil)
        time.advance(by: 61)
        _ = await throttle.attempt(username: "y", address: nil)
        #expect(await throttle.trackedKeys <= 2)
    }
}
