import Foundation

/// Storage of the mail outbox.
///
/// Delivery claims before it sends: ``claimDue(now:limit:lease:)`` takes due messages for one
/// delivery round, so however many instances share the store each message is handed to one of
/// them. A claim lasts until its lease ends unless renewed; the messages of a claim whose holder
/// died become due again when it ends.
public protocol OutboxRepository: Sendable {
    /// Inserts a new message.
    func enqueue(_ message: OutboxMessage) async throws
    /// Claims up to `limit` undelivered messages with `nextAttemptAt <= now`, earliest first,
    /// that no live claim holds: they are not due to anyone else before `now + lease`.
    func claimDue(now: Date, limit: Int, lease: TimeInterval) async throws -> OutboxClaim
    /// Extends the lease of the messages `claim` still holds to `until`.
    /// - Returns: how many it still holds.
    func renew(claim: UUID, until: Date) async throws -> Int
    /// Ends the claim on the messages it still holds, which are due again at `now`.
    func release(claim: UUID, now: Date) async throws
    /// Marks a message delivered and ends its claim.
    /// - Returns: `false` when `claim` no longer held it (its lease ended; nothing was written).
    @discardableResult
    func markDelivered(id: UUID, claim: UUID, at: Date) async throws -> Bool
    /// Records a failed attempt and ends its claim; a `nil` `nextAttemptAt` gives the message
    /// up, which stores ``OutboxMessage/never``.
    /// - Returns: `false` when `claim` no longer held it.
    @discardableResult
    func markFailed(id: UUID, claim: UUID, attempts: Int, nextAttemptAt: Date?, error: String) async throws -> Bool
    /// Every undelivered message (waiting or given up), oldest first.
    func pending() async throws -> [OutboxMessage]
    /// Deletes delivered messages with `deliveredAt < before`.
    ///
    /// - Returns: How many were deleted.
    func purgeDelivered(before: Date) async throws -> Int
}

/// Messages one delivery round took from the outbox (``OutboxRepository/claimDue(now:limit:lease:)``).
public struct OutboxClaim: Sendable {
    public var id: UUID
    /// When the lease ends unless renewed.
    public var until: Date
    /// As they were before the claim (attempts, creation time); `nextAttemptAt` is the lease end.
    public var messages: [OutboxMessage]

    public init(id: UUID, until: Date, messages: [OutboxMessage]) {
        self.id = id
        self.until = until
        self.messages = messages
    }
}

/// In-memory ``OutboxRepository``: the reference semantics for stores and the tests' store.
public actor InMemoryOutboxRepository: OutboxRepository {
    private var messages: [UUID: OutboxMessage] = [:]
    private var claims: [UUID: UUID] = [:]

    public init() {}

    public func enqueue(_ message: OutboxMessage) {
        messages[message.id] = message
    }

    public func claimDue(now: Date, limit: Int, lease: TimeInterval) -> OutboxClaim {
        let due = messages.values.filter { $0.deliveredAt == nil && $0.nextAttemptAt <= now }
        let taken = Array(due.sorted { ($0.nextAttemptAt, $0.createdAt) < ($1.nextAttemptAt, $1.createdAt) }.prefix(max(0, limit)))
        let claim = OutboxClaim(id: UUID(), until: now.addingTimeInterval(lease), messages: [])
        var claimed: [OutboxMessage] = []
        for message in taken {
            messages[message.id]?.nextAttemptAt = claim.until
            claims[message.id] = claim.id
            if let stored = messages[message.id] { claimed.append(stored) }
        }
        return OutboxClaim(id: claim.id, until: claim.until, messages: claimed)
    }

    public func renew(claim: UUID, until: Date) -> Int {
        let held = claims.filter { $0.value == claim }.map(\.key)
        for id in held { messages[id]?.nextAttemptAt = until }
        return held.count
    }

    public func release(claim: UUID, now: Date) {
        for (id, holder) in claims where holder == claim {
            messages[id]?.nextAttemptAt = now
            claims[id] = nil
        }
    }

    public func markDelivered(id: UUID, claim: UUID, at: Date) -> Bool {
        guard claims[id] == claim else { return false }
        claims[id] = nil
        messages[id]?.deliveredAt = at
        messages[id]?.lastError = nil
        return true
    }

    public func markFailed(id: UUID, claim: UUID, attempts: Int, nextAttemptAt: Date?, error: String) -> Bool {
        guard claims[id] == claim else { return false }
        claims[id] = nil
        messages[id]?.attempts = attempts
        messages[id]?.nextAttemptAt = nextAttemptAt ?? OutboxMessage.never
        messages[id]?.lastError = error
        return true
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
