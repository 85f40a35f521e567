import FlowstaMail
import Foundation
import Testing

@Suite struct OutboxRetryPolicyTests {
    @Test(arguments: [(1, 60.0), (2, 120), (3, 240), (8, 7680), (9, 15360), (10, nil), (11, nil)])
    func doublesTheWait(failures: Int, wait: TimeInterval?) {
        let policy = OutboxRetryPolicy()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(policy.nextAttempt(afterFailures: failures, now: now).map { $0.timeIntervalSince(now) } == wait)
    }

    @Test func capsTheWait() {
        let policy = OutboxRetryPolicy(maxAttempts: 20)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(policy.nextAttempt(afterFailures: 10, now: now) == now.addingTimeInterval(6 * 3600))
        #expect(policy.nextAttempt(afterFailures: 19, now: now) == now.addingTimeInterval(6 * 3600))
        #expect(policy.nextAttempt(afterFailures: 20, now: now) == nil)
    }
}
