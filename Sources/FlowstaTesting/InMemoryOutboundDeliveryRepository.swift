import FlowstaWebhooks
import Foundation

/// ``OutboundDeliveryRepository`` in memory.
public actor InMemoryOutboundDeliveryRepository: OutboundDeliveryRepository {
    public private(set) var deliveries: [UUID: OutboundDelivery] = [:]
    private var claims: [UUID: UUID] = [:]

    public init() {}

    public func enqueue(_ delivery: OutboundDelivery) { deliveries[delivery.id] = delivery }

    public func claimDue(now: Date, limit: Int, lease: TimeInterval) -> OutboundClaim {
        let claim = UUID()
        let until = now.addingTimeInterval(lease)
        let due = deliveries.values.filter { $0.deliveredAt == nil && $0.nextAttemptAt <= now }.sorted { $0.nextAttemptAt < $1.nextAttemptAt }.prefix(max(0, limit))
        for delivery in due {
            deliveries[delivery.id]?.nextAttemptAt = until
            claims[delivery.id] = claim
        }
        return OutboundClaim(id: claim, until: until, deliveries: due.compactMap { deliveries[$0.id] }.sorted { $0.createdAt < $1.createdAt })
    }

    public func markDelivered(id: UUID, claim: UUID, at: Date, status: Int, latencyMs: Int?) -> Bool {
        guard claims[id] == claim else { return false }
        claims[id] = nil
        deliveries[id]?.deliveredAt = at
        deliveries[id]?.attempts += 1
        deliveries[id]?.lastStatus = status
        deliveries[id]?.lastError = nil
        deliveries[id]?.lastLatencyMs = latencyMs
        return true
    }

    public func markFailed(id: UUID, claim: UUID, attempts: Int, nextAttemptAt: Date?, status: Int?, error: String, latencyMs: Int?) -> Bool {
        guard claims[id] == claim else { return false }
        claims[id] = nil
        deliveries[id]?.attempts = attempts
        deliveries[id]?.nextAttemptAt = nextAttemptAt ?? OutboundDelivery.never
        deliveries[id]?.lastStatus = status
        deliveries[id]?.lastError = error
        deliveries[id]?.lastLatencyMs = latencyMs
        return true
    }

    public func delivery(id: UUID) -> OutboundDelivery? { deliveries[id] }

    public func deliveries(appID: UUID, limit: Int) -> [OutboundDelivery] {
        Array(deliveries.values.filter { $0.appID == appID }.sorted { $0.createdAt > $1.createdAt }.prefix(max(0, limit)))
    }

    public func deliveries(endpointID: UUID, before: (Date, UUID)?, limit: Int) -> [OutboundDelivery] {
        let rows = deliveries.values.filter { delivery in
            guard delivery.endpointID == endpointID else { return false }
            guard let (date, id) = before else { return true }
            return delivery.createdAt < date || (delivery.createdAt == date && delivery.id.uuidString < id.uuidString)
        }
        return Array(rows.sorted { ($0.createdAt, $0.id.uuidString) > ($1.createdAt, $1.id.uuidString) }.prefix(max(0, limit)))
    }

    public func giveUp(endpointID: UUID, reason: String) -> Int {
        let due = deliveries.values.filter { $0.endpointID == endpointID && $0.deliveredAt == nil && !$0.givenUp }.map(\.id)
        for id in due {
            deliveries[id]?.nextAttemptAt = OutboundDelivery.never
            deliveries[id]?.lastError = reason
        }
        return due.count
    }

    public func purge(createdBefore before: Date) -> Int {
        let old = deliveries.values.filter { $0.createdAt < before }.map(\.id)
        for id in old { deliveries[id] = nil }
        return old.count
    }
}
