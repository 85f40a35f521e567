import FlowstaMail
import FluentKit
import Foundation
import SQLKit

/// ``OutboxRepository`` on the Fluent database.
public struct FluentOutboxRepository: OutboxRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Codable {
        var id: UUID
        var sealed_message: Data
        var attempts: Int
        var next_attempt_at: Date
        var delivered_at: Date?
        var created_at: Date
        var last_error: String?

        static let columns = ["id", "sealed_message", "attempts", "next_attempt_at", "delivered_at", "created_at", "last_error"]

        var message: OutboxMessage {
            OutboxMessage(
                id: id, sealedMessage: [UInt8](sealed_message), attempts: attempts, nextAttemptAt: next_attempt_at,
                deliveredAt: delivered_at, createdAt: created_at, lastError: last_error
            )
        }
    }

    public func enqueue(_ message: OutboxMessage) async throws {
        try await store.sql.insert(into: "mail_outbox").columns(Row.columns).values(
            SQLBind(message.id), SQLBind(Data(message.sealedMessage)), SQLBind(message.attempts), SQLBind(message.nextAttemptAt),
            SQLBind(message.deliveredAt), SQLBind(message.createdAt), SQLBind(message.lastError)
        ).run()
    }

    public func claimDue(now: Date, limit: Int, lease: TimeInterval) async throws -> OutboxClaim {
        let claim = UUID()
        let until = now.addingTimeInterval(lease)
        // PostgreSQL: rows another instance is claiming right now are skipped, not waited for.
        // SQLite has one writer, so the statement is atomic as it is.
        let skipLocked = store.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await store.sql.raw("""
            UPDATE mail_outbox SET claim_id = \(bind: claim), next_attempt_at = \(bind: until)
            WHERE id IN (
                SELECT id FROM mail_outbox WHERE delivered_at IS NULL AND next_attempt_at <= \(bind: now)
                ORDER BY next_attempt_at LIMIT \(bind: max(0, limit))\(unsafeRaw: skipLocked)
            )
            RETURNING \(unsafeRaw: Row.columns.joined(separator: ", "))
            """).all(decoding: Row.self)
        return OutboxClaim(id: claim, until: until, messages: rows.map(\.message).sorted { $0.createdAt < $1.createdAt })
    }

    public func renew(claim: UUID, until: Date) async throws -> Int {
        try await store.sql.raw("""
            UPDATE mail_outbox SET next_attempt_at = \(bind: until)
            WHERE claim_id = \(bind: claim) AND delivered_at IS NULL RETURNING id
            """).all().count
    }

    public func release(claim: UUID, now: Date) async throws {
        try await store.sql.update("mail_outbox").set("next_attempt_at", to: now).set("claim_id", to: SQLLiteral.null)
            .where("claim_id", .equal, claim).where("delivered_at", .is, SQLLiteral.null).run()
    }

    public func markDelivered(id: UUID, claim: UUID, at: Date) async throws -> Bool {
        try await !store.sql.raw("""
            UPDATE mail_outbox SET delivered_at = \(bind: at), last_error = NULL, claim_id = NULL
            WHERE id = \(bind: id) AND claim_id = \(bind: claim) RETURNING id
            """).all().isEmpty
    }

    public func markFailed(id: UUID, claim: UUID, attempts: Int, nextAttemptAt: Date?, error: String) async throws -> Bool {
        try await !store.sql.raw("""
            UPDATE mail_outbox SET attempts = \(bind: attempts), next_attempt_at = \(bind: nextAttemptAt ?? OutboxMessage.never),
                last_error = \(bind: error), claim_id = NULL
            WHERE id = \(bind: id) AND claim_id = \(bind: claim) RETURNING id
            """).all().isEmpty
    }

    public func pending() async throws -> [OutboxMessage] {
        try await store.sql.select().columns(Row.columns).from("mail_outbox")
            .where("delivered_at", .is, SQLLiteral.null).orderBy("created_at")
            .all(decoding: Row.self).map(\.message)
    }

    public func purgeDelivered(before: Date) async throws -> Int {
        try await store.deleteInBatches(from: "mail_outbox", key: ["id"]) { $0.where("delivered_at", .lessThan, before) }
    }
}
