import Foundation

/// The clock engines read; injected so tests can cross expiry boundaries exactly.
public protocol TimeSource: Sendable {
    /// The current instant.
    var now: Date { get }
}

/// The wall clock.
public struct SystemTimeSource: TimeSource {
    public init() {}
    public var now: Date { Date() }
}
