import FlowstaCore
import Foundation

/// Queues mail: ``send(_:)`` seals the message into the outbox and returns;
/// ``MailDeliveryService`` delivers it later.
public struct Mailer: Sendable {
    private let outbox: any OutboxRepository
    private let sealer: any MailSealer
    private let clock: any TimeSource
    private let makeID: @Sendable () -> UUID

    /// - Parameters:
    ///   - outbox: Where messages wait.
    ///   - sealer: Seals each message at rest.
    ///   - clock: Stamps `createdAt` (the `Date` header) and the first `nextAttemptAt`.
    ///   - makeID: Outbox ids; random unless a test replays them.
    public init(
        outbox: any OutboxRepository,
        sealer: any MailSealer,
        clock: any TimeSource,
        makeID: @escaping @Sendable () -> UUID = { UUID() }
    ) {
        self.outbox = outbox
        self.sealer = sealer
        self.clock = clock
        self.makeID = makeID
    }

    /// Validates, seals and enqueues `message`; it is due at once.
    ///
    /// - Returns: The outbox id.
    /// - Throws: ``MailError`` for a header field with a line break or an invalid address,
    ///   or the sealer's or repository's error.
    @discardableResult
    public func send(_ message: MailMessage) async throws -> UUID {
        try message.validate()
        let id = makeID()
        let now = clock.now
        let plaintext = try Array(JSONEncoder().encode(message))
        let sealed = try sealer.seal(plaintext, context: OutboxMessage.sealingContext(for: id))
        try await outbox.enqueue(OutboxMessage(id: id, sealedMessage: sealed, nextAttemptAt: now, createdAt: now))
        return id
    }

    /// The undelivered messages with their opened content, oldest first.
    ///
    /// - Throws: ``MailError/unreadableOutboxMessage`` when a row cannot be opened.
    public func list() async throws -> [(OutboxMessage, MailMessage)] {
        try await outbox.pending().map { ($0, try $0.open(with: sealer)) }
    }
}
