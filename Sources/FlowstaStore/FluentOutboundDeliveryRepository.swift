import FlowstaWebhooks
import FluentKit
import Foundation
import SQLKit

/// ``OutboundDeliveryRepository`` on the Fluent database (the claim step of
/// ``FluentOutboxRepository``).
public struct FluentOutboundDeliveryRepository: OutboundDeliveryRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Codable {
        var id: UUID
        var kind: String
        var app_id: UUID?
        var endpoint_id: UUID?
        var url: String
        var content_type: String
        var body: Data
        var event: String?
        var event_id: String?
        var attempts: Int
        var next_attempt_at: Date
        var created_at: Date
        var delivered_at: Date?
        var last_status: Int?
        var last_error: String?
        var last_latency_ms: Int?

        static let columns = [
            "id", "kind", "app_id", "endpoint_id", "url", "content_type", "body", "event", "event_id", "attempts", "next_attempt_at", "created_at",
            "delivered_at", "last_status", "last_error", "last_latency_ms",
        ]

        var delivery: OutboundDelivery {
            OutboundDelivery(
                id: id, kind: OutboundKind(rawValue: kind) ?? .webhook, appID: app_id, endpointID: endpoint_id, url: url,
                contentType: content_type, body: [UInt8](body), event: event, eventID: event_id, attempts: attempts, nextAttemptAt: next_attempt_at,
                createdAt: created_at, deliveredAt: delivered_at, lastStatus: last_status, lastError: last_error, lastLatencyMs: last_latency_ms
            )
        }
    }

    public func enqueue(_ d: OutboundDelivery) async throws {
        try await store.sql.insert(into: "outbound_deliveries").columns(Row.columns).values(
            SQLBind(d.id), SQLBind(d.kind.rawValue), SQLBind(d.appID), SQLBind(d.endpointID), SQLBind(d.url), SQLBind(d.contentType),
            SQLBind(Data(d.body)), SQLBind(d.event), SQLBind(d.eventID), SQLBind(d.attempts), SQLBind(d.nextAttemptAt), SQLBind(d.createdAt),
            SQLBind(d.deliveredAt), SQLBind(d.lastStatus), SQLBind(d.lastError), SQLBind(d.lastLatencyMs)
        ).run()
    }

    public func claimDue(now: Date, limit: Int, lease: TimeInterval) async throws -> OutboundClaim {
        let claim = UUID()
        let until = now.addingTimeInterval(lease)
        // PostgreSQL: rows another instance is claiming right now are skipped, not waited for.
        let skipLocked = store.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await store.sql.raw("""
            UPDATE outbound_deliveries SET claim_id = \(bind: claim), next_attempt_at = \(bind: until)
            WHERE id IN (
                SELECT id FROM outbound_deliveries WHERE delivered_at IS NULL AND next_attempt_at <= \(bind: now)
                ORDER BY next_attempt_at LIMIT \(bind: max(0, limit))\(unsafeRaw: skipLocked)
            )
            RETURNING \(unsafeRaw: Row.columns.joined(separator: ", "))
            """).all(decoding: Row.self)
        return OutboundClaim(id: claim, until: until, deliveries: rows.map(\.delivery).sorted { $0.createdAt < $1.createdAt })
    }

    public func markDelivered(id: UUID, claim: UUID, at: Date, status: Int, latencyMs: Int?) async throws -> Bool {
        try await !store.sql.raw("""
            UPDATE outbound_deliveries SET delivered_at = \(bind: at), attempts = attempts + 1, last_status = \(bind: status),
                last_error = NULL, last_latency_ms = \(bind: latencyMs), claim_id = NULL
            WHERE id = \(bind: id) AND claim_id = \(bind: claim) RETURNING id
            """).all().isEmpty
    }

    public func markFailed(id: UUID, claim: UUID, attempts: Int, nextAttemptAt: Date?, status: Int?, error: String, latencyMs: Int?) async throws -> Bool {
        try await !store.sql.raw("""
            UPDATE outbound_deliveries SET attempts = \(bind: attempts), next_attempt_at = \(bind: nextAttemptAt ?? OutboundDelivery.never),
                last_status = \(bind: status), last_error = \(bind: String(error.prefix(500))), last_latency_ms = \(bind: latencyMs), claim_id = NULL
            WHERE id = \(bind: id) AND claim_id = \(bind: claim) RETURNING id
            """).all().isEmpty
    }

    public func delivery(id: UUID) async throws -> OutboundDelivery? {
        try await store.sql.select().columns(Row.columns).from("outbound_deliveries").where("id", .equal, id).first(decoding: Row.self)?.delivery
    }

    public func deliveries(appID: UUID, limit: Int) async throws -> [OutboundDelivery] {
        try await store.sql.select().columns(Row.columns).from("outbound_deliveries").where("app_id", .equal, appID)
            .orderBy("created_at", .descending).limit(max(0, limit)).all(decoding: Row.self).map(\.delivery)
    }

    public func deliveries(endpointID: UUID, before: (Date, UUID)?, limit: Int) async throws -> [OutboundDelivery] {
        let query = store.sql.select().columns(Row.columns).from("outbound_deliveries").where("endpoint_id", .equal, endpointID)
        if let (date, id) = before {
            query.where { group in
                group.where("created_at", .lessThan, date).orWhere { inner in
                    inner.where("created_at", .equal, date).where("id", .lessThan, id)
                }
            }
        }
        return try await query.orderBy("created_at", .descending).orderBy("id", .descending).limit(max(0, limit))
            .all(decoding: Row.self).map(\.delivery)
    }

    public func giveUp(endpointID: UUID, reason: String) async throws -> Int {
        // One being attempted right now may still be recorded as delivered (or, failed, is
        // dropped at its next attempt: the endpoint's state is read before each).
        try await store.sql.raw("""
            UPDATE outbound_deliveries SET next_attempt_at = \(bind: OutboundDelivery.never), last_error = \(bind: String(reason.prefix(500)))
            WHERE endpoint_id = \(bind: endpointID) AND delivered_at IS NULL AND next_attempt_at < \(bind: OutboundDelivery.never) RETURNING id
            """).all().count
    }

    public func purge(createdBefore before: Date) async throws -> Int {
        // Retries end within a day, so anything this old is delivered or given up.
        try await store.deleteInBatches(from: "outbound_deliveries", key: ["id"]) { $0.where("created_at", .lessThan, before) }
    }
}
