import Foundation

/// Storage of the mail outbox.
public protocol OutboxRepository: Sendable {
    /// Inserts a new message.
    func enqueue(_ message: OutboxMessage) async throws
    /// Undelivered messages with `nextAttemptAt <= now`, earliest first, at most `limit`.
    func due(now: Date, limit: Int) async throws -> [OutboxMessage]
    func markDelivered(id: UUID, at: Date) async throws
    /// Records a failed attempt; a `nil` `nextAttemptAt` gives the message up, which stores
    /// ``OutboxMessage/never``.
    func markFailed(id: UUID, attempts: Int, nextAttemptAt: Date?, error: String) async throws
    /// Every undelivered message (waiting or given up), oldest first.
    func pending() async throws -> [OutboxMessage]
    /// Deletes delivered messages with `deliveredAt < before`.
    ///
    /// - Returns: How many were deleted.
    func purgeDelivered(before: Date) async throws -> Int
}

/// In-memory ``OutboxRepository``: the reference semantics for stores and the tests' store.
public actor InMemoryOutboxRepository: OutboxRepository {
    private var messages: [UUID: OutboxMessage] = [:]

    public init() {}

    public func enqueue(_ message: OutboxMessage) {
        messages[message.id] = message
    }

    public func due(now: Date, limit: Int) -> [OutboxMessage] {
        let due = messages.values.filter { $0.deliveredAt == nil && $0.nextAttemptAt <= now }
        return Array(due.sorted { ($0.nextAttemptAt, $0.createdAt) < ($1.nextAttemptAt, $1.createdAt) }.prefix(limit))
    }

    public func markDelivered(id: UUID, at: Date) {
        messages[id]?.deliveredAt = at
    }

    public func markFailed(id: UUID, attempts: Int, nextAttemptAt: Date?, error: String) {
        messages[id]?.attempts = attempts
        messages[id]?.nextAttemptAt = nextAttemptAt ?? OutboxMessage.never
        messages[id]?.lastError = error
    }

    public func pending() -> [OutboxMessage] {
        messages.values.filter { $0.deliveredAt == nil }.sorted { $0.createdAt < $1.createdAt }
    }

    public func purgeDelivered(before: Date) -> Int {
        let expired = messages.values.filter { ($0.deliveredAt ?? .distantFuture) < before }.map(\.id)
        for id in expired { messages[id] = nil }
        return expired.count
    }

    /// Every stored message, delivered or not (for assertions).
    public var all: [OutboxMessage] { Array(messages.values) }
}
