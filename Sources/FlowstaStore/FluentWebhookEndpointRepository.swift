import FlowstaWebhooks
import FluentKit
import Foundation
import SQLKit

/// ``WebhookEndpointRepository`` on the Fluent database. Reads go to the primary: the state an
/// attempt reads (enabled, secrets) must be the one just written.
public struct FluentWebhookEndpointRepository: WebhookEndpointRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Codable {
        var id: UUID
        var organization_id: UUID
        var url: String
        var description: String
        var events: String
        var enabled: Bool
        var disabled_reason: String?
        var sealed_secret: Data
        var sealed_previous_secret: Data?
        var previous_secret_expires_at: Date?
        var consecutive_failures: Int
        var failing_since: Date?
        var created_at: Date
        var updated_at: Date

        static let columns = [
            "id", "organization_id", "url", "description", "events", "enabled", "disabled_reason", "sealed_secret", "sealed_previous_secret",
            "previous_secret_expires_at", "consecutive_failures", "failing_since", "created_at", "updated_at",
        ]

        var endpoint: WebhookEndpoint {
            WebhookEndpoint(
                id: id, organizationID: organization_id, url: url, description: description, events: WebhookEndpoint.events(from: events),
                enabled: enabled, disabledReason: disabled_reason, sealedSecret: [UInt8](sealed_secret),
                sealedPreviousSecret: sealed_previous_secret.map { [UInt8]($0) }, previousSecretExpiresAt: previous_secret_expires_at,
                consecutiveFailures: consecutive_failures, failingSince: failing_since, createdAt: created_at, updatedAt: updated_at
            )
        }
    }

    public func create(_ e: WebhookEndpoint) async throws {
        try await store.sql.insert(into: "webhook_endpoints").columns(Row.columns).values(
            SQLBind(e.id), SQLBind(e.organizationID), SQLBind(e.url), SQLBind(e.description), SQLBind(e.eventList), SQLBind(e.enabled),
            SQLBind(e.disabledReason), SQLBind(Data(e.sealedSecret)), SQLBind(e.sealedPreviousSecret.map { Data($0) }),
            SQLBind(e.previousSecretExpiresAt), SQLBind(e.consecutiveFailures), SQLBind(e.failingSince), SQLBind(e.createdAt), SQLBind(e.updatedAt)
        ).run()
    }

    public func endpoint(id: UUID) async throws -> WebhookEndpoint? {
        try await store.sql.select().columns(Row.columns).from("webhook_endpoints").where("id", .equal, id).first(decoding: Row.self)?.endpoint
    }

    public func endpoints(organizationID: UUID) async throws -> [WebhookEndpoint] {
        try await store.sql.select().columns(Row.columns).from("webhook_endpoints").where("organization_id", .equal, organizationID)
            .orderBy("created_at").orderBy("id").all(decoding: Row.self).map(\.endpoint)
    }

    public func update(_ e: WebhookEndpoint) async throws -> Bool {
        try await !store.sql.raw("""
            UPDATE webhook_endpoints SET url = \(bind: e.url), description = \(bind: e.description), events = \(bind: e.eventList),
                enabled = \(bind: e.enabled), disabled_reason = \(bind: e.disabledReason), sealed_secret = \(bind: Data(e.sealedSecret)),
                sealed_previous_secret = \(bind: e.sealedPreviousSecret.map { Data($0) }), previous_secret_expires_at = \(bind: e.previousSecretExpiresAt),
                consecutive_failures = \(bind: e.consecutiveFailures), failing_since = \(bind: e.failingSince), updated_at = \(bind: e.updatedAt)
            WHERE id = \(bind: e.id) RETURNING id
            """).all().isEmpty
    }

    public func delete(id: UUID) async throws -> Bool {
        try await !store.sql.raw("DELETE FROM webhook_endpoints WHERE id = \(bind: id) RETURNING id").all().isEmpty
    }

    public func recordSuccess(id: UUID) async throws {
        try await store.sql.raw("""
            UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL WHERE id = \(bind: id) AND consecutive_failures > 0
            """).run()
    }

    public func recordFailure(id: UUID, at now: Date) async throws -> (failures: Int, since: Date)? {
        struct Run: Codable {
            var consecutive_failures: Int
            var failing_since: Date?
        }
        // One statement: concurrent failures (several instances) each count.
        let run = try await store.sql.raw("""
            UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1, failing_since = COALESCE(failing_since, \(bind: now))
            WHERE id = \(bind: id) RETURNING consecutive_failures, failing_since
            """).first(decoding: Run.self)
        guard let run, let since = run.failing_since else { return nil }
        return (run.consecutive_failures, since)
    }

    public func disable(id: UUID, reason: String, at now: Date) async throws -> Bool {
        try await !store.sql.raw("""
            UPDATE webhook_endpoints SET enabled = \(bind: false), disabled_reason = \(bind: reason), updated_at = \(bind: now)
            WHERE id = \(bind: id) AND enabled = \(bind: true) RETURNING id
            """).all().isEmpty
    }
}
