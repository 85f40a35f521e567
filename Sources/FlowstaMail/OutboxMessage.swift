import Foundation

/// A row of the mail outbox: one sealed ``MailMessage`` and its delivery state.
///
/// A message that was given up keeps `deliveredAt == nil` and has `nextAttemptAt` set to
/// ``OutboxMessage/never``, so it stays visible in `flowsta mail outbox` but is never due.
public struct OutboxMessage: Sendable, Equatable {
    /// `nextAttemptAt` of a message that will not be tried again.
    public static let never = Date.distantFuture

    public var id: UUID
    /// The JSON of the ``MailMessage``, sealed by ``MailSealer`` with ``sealingContext``.
    public var sealedMessage: [UInt8]
    /// Failed delivery attempts so far.
    public var attempts: Int
    public var nextAttemptAt: Date
    public var deliveredAt: Date?
    public var createdAt: Date
    /// A ``MailError/summary`` of the last failure: never a recipient or body.
    public var lastError: String?

    public init(
        id: UUID,
        sealedMessage: [UInt8],
        attempts: Int = 0,
        nextAttemptAt: Date,
        deliveredAt: Date? = nil,
        createdAt: Date,
        lastError: String? = nil
    ) {
        self.id = id
        self.sealedMessage = sealedMessage
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.createdAt = createdAt
        self.lastError = lastError
    }

    /// Whether delivery was given up.
    public var isAbandoned: Bool { deliveredAt == nil && nextAttemptAt >= Self.never }

    /// The sealing context that binds the ciphertext to this row.
    public var sealingContext: String { Self.sealingContext(for: id) }

    /// Opens and decodes the message sealed by ``Mailer/send(_:)``.
    ///
    /// - Throws: ``MailError/unreadableOutboxMessage``.
    public func open(with sealer: any MailSealer) throws -> MailMessage {
        do {
            let plaintext = try sealer.open(sealedMessage, context: sealingContext)
            return try JSONDecoder().decode(MailMessage.self, from: Data(plaintext))
        } catch {
            throw MailError.unreadableOutboxMessage
        }
    }

    /// `mail_outbox:` followed by the lowercased id.
    public static func sealingContext(for id: UUID) -> String {
        "mail_outbox:" + id.uuidString.lowercased()
    }
}

/// Seals outbox messages at rest; the server implements it with its key ring.
public protocol MailSealer: Sendable {
    /// Encrypts and authenticates `plaintext`, bound to `context`.
    func seal(_ plaintext: [UInt8], context: String) throws -> [UInt8]
    /// Reverses ``seal(_:context:)``; throws when the ciphertext or context does not match.
    func open(_ sealed: [UInt8], context: String) throws -> [UInt8]
}
