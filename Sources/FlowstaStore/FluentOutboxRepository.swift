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

    public func due(now: Date, limit: Int) async throws -> [OutboxMessage] {
        try await store.sql.select().columns(Row.columns).from("mail_outbox")
            .where("delivered_at", .is, SQLLiteral.null)
            .where("next_attempt_at", .lessThanOrEqual, now)
            .orderBy("next_attempt_at").limit(limit)
            .all(decoding: Row.self).map(\.message)
    }

    public func markDelivered(id: UUID, at: Date) async throws {
        try await store.sql.update("mail_outbox").set("delivered_at", to: at).set("last_error", to: SQLLiteral.null).where("id", .equal, id).run()
    }

    public func markFailed(id: UUID, attempts: Int, nextAttemptAt: Date?, error: String) async throws {
        try await store.sql.update("mail_outbox")
            .set("attempts", to: attempts)
            .set("next_attempt_at", to: nextAttemptAt ?? OutboxMessage.never)
            .set("last_error", to: error)
            .where("id", .equal, id).run()
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
