import Foundation

/// When to try a failed message again, and when to give up.
public struct OutboxRetryPolicy: Sendable, Equatable {
    /// The wait after the first failure; it doubles with each further failure.
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    /// Failures after which a message is given up.
    public var maxAttempts: Int

    /// 1 min, 2 min, 4 min … capped at 6 h; given up after 10 failures (about 8.5 h).
    public init(baseDelay: TimeInterval = 60, maxDelay: TimeInterval = 6 * 3600, maxAttempts: Int = 10) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
    }

    /// The next attempt after a transient failure.
    ///
    /// - Parameters:
    ///   - attempts: Failures so far, this one included (1 after the first).
    ///   - now: The time of this failure.
    /// - Returns: The time of the next attempt, or `nil` to give up.
    public func nextAttempt(afterFailures attempts: Int, now: Date) -> Date? {
        guard attempts < maxAttempts else { return nil }
        let exponent = min(max(attempts - 1, 0), 40)
        return now.addingTimeInterval(min(baseDelay * pow(2, Double(exponent)), maxDelay))
    }
}
