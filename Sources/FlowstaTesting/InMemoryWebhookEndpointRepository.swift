import FlowstaWebhooks
import Foundation

/// ``WebhookEndpointRepository`` in memory.
public actor InMemoryWebhookEndpointRepository: WebhookEndpointRepository {
    public private(set) var rows: [UUID: WebhookEndpoint] = [:]

    public init() {}

    public func create(_ endpoint: WebhookEndpoint) { rows[endpoint.id] = endpoint }

    public func endpoint(id: UUID) -> WebhookEndpoint? { rows[id] }

    public func endpoints(organizationID: UUID) -> [WebhookEndpoint] {
        rows.values.filter { $0.organizationID == organizationID }.sorted { ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString) }
    }

    public func update(_ endpoint: WebhookEndpoint) -> Bool {
        guard rows[endpoint.id] != nil else { return false }
        rows[endpoint.id] = endpoint
        return true
    }

    public func delete(id: UUID) -> Bool { rows.removeValue(forKey: id) != nil }

    public func recordSuccess(id: UUID) {
        rows[id]?.consecutiveFailures = 0
        rows[id]?.failingSince = nil
    }

    public func recordFailure(id: UUID, at now: Date) -> (failures: Int, since: Date)? {
        guard var row = rows[id] else { return nil }
        row.consecutiveFailures += 1
        row.failingSince = row.failingSince ?? now
        rows[id] = row
        return (row.consecutiveFailures, row.failingSince ?? now)
    }

    public func disable(id: UUID, reason: String, at now: Date) -> Bool {
        guard var row = rows[id], row.enabled else { return false }
        row.enabled = false
        row.disabledReason = reason
        row.updatedAt = now
        rows[id] = row
        return true
    }
}
