import FlowstaAccounts
import FlowstaPlatform
import Synchronization

/// A ``PlatformMailer`` that keeps what it is asked to send.
public final class CapturingMailer: PlatformMailer, AccountMailer {
    public struct Sent: Sendable, Equatable {
        public var to: String
        public var subject: String
        public var text: String
    }

    private let sent = Mutex<[Sent]>([])

    public init() {}

    public func send(to address: String, subject: String, text: String) async throws {
        sent.withLock { $0.append(Sent(to: address, subject: subject, text: text)) }
    }

    /// Everything sent so far.
    public var messages: [Sent] { sent.withLock { $0 } }
}
