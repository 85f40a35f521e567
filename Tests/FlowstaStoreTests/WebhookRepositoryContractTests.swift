import FlowstaPlatform
import FlowstaStore
import FlowstaTesting
import FlowstaWebhooks
import Foundation
import Testing

/// ``WebhookEndpointRepository`` and the webhook side of ``OutboundDeliveryRepository`` on every
/// store: endpoints listed oldest first and replaced whole, a run of failures counted by
/// concurrent attempts without losing one, disabled once (one instance tells the owners), the
/// delivery log paged newest first, pending deliveries given up with a reason.
@Suite struct WebhookRepositoryContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_900_000_000)

    static func repositories(_ stores: Stores) -> (any WebhookEndpointRepository, any OutboundDeliveryRepository) {
        if let database = stores.database {
            return (FluentWebhookEndpointRepository(store: database), FluentOutboundDeliveryRepository(store: database))
        }
        return (InMemoryWebhookEndpointRepository(), InMemoryOutboundDeliveryRepository())
    }

    static func organization(_ stores: Stores) async throws -> UUID {
        let owner = try await PlatformRepositoryContractTests.user(stores, "wh-owner")
        let organization = PlatformRepositoryContractTests.organization("Hooks")
        try await stores.platform.create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: t0))
        return organization.id
    }

    static func endpoint(_ organizationID: UUID, at: Date = t0) -> WebhookEndpoint {
        WebhookEndpoint(
            organizationID: organizationID, url: "https://hooks.example/\(UUID())", description: "", events: [.appCreated, .userSignedIn],
            sealedSecret: [UInt8](repeating: 9, count: 60), createdAt: at, updatedAt: at
        )
    }

    @Test(arguments: StoreKind.all)
    func endpointsAreStoredChangedAndDisabledOnce(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let (endpoints, _) = Self.repositories(stores)
            let organizationID = try await Self.organization(stores)
            var first = Self.endpoint(organizationID)
            let second = Self.endpoint(organizationID, at: Self.t0.addingTimeInterval(1))
            try await endpoints.create(second)
            try await endpoints.create(first)
            #expect(try await endpoints.endpoints(organizationID: organizationID).map(\.id) == [first.id, second.id])
            #expect(try await endpoints.endpoint(id: first.id) == first)
            #expect(try await endpoints.endpoints(organizationID: UUID()).isEmpty)

            first.url = "https://other.example/hook"
            first.events = [.tokenRevoked]
            first.sealedPreviousSecret = [1, 2, 3]
            first.previousSecretExpiresAt = Self.t0.addingTimeInterval(3600)
            first.updatedAt = Self.t0.addingTimeInterval(10)
            #expect(try await endpoints.update(first))
            #expect(try await endpoints.endpoint(id: first.id) == first)

            // Concurrent failures each count; the run began at the first one.
            let firstID = first.id
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask { _ = try await endpoints.recordFailure(id: firstID, at: Self.t0.addingTimeInterval(Double(100 + index))) }
                }
                try await group.waitForAll()
            }
            let run = try #require(try await endpoints.recordFailure(id: first.id, at: Self.t0.addingTimeInterval(500)))
            #expect(run.failures == 9 && run.since >= Self.t0.addingTimeInterval(100) && run.since <= Self.t0.addingTimeInterval(107))
            try await endpoints.recordSuccess(id: first.id)
            let healed = try await endpoints.endpoint(id: first.id)
            #expect(healed?.consecutiveFailures == 0 && healed?.failingSince == nil)
            #expect(try await endpoints.recordFailure(id: UUID(), at: Self.t0) == nil)

            #expect(try await endpoints.disable(id: first.id, reason: "failing", at: Self.t0.addingTimeInterval(600)))
            #expect(try await endpoints.disable(id: first.id, reason: "failing", at: Self.t0.addingTimeInterval(601)) == false, "once")
            let disabled = try await endpoints.endpoint(id: first.id)
            #expect(disabled?.enabled == false && disabled?.disabledReason == "failing")

            #expect(try await endpoints.delete(id: first.id))
            #expect(try await endpoints.delete(id: first.id) == false)
            #expect(try await endpoints.update(first) == false)
            #expect(try await endpoints.endpoints(organizationID: organizationID).map(\.id) == [second.id])
        }
    }

    @Test(arguments: StoreKind.all)
    func theDeliveryLogIsPagedAndPendingDeliveriesAreGivenUp(kind: StoreKind) async throws {
        // A database of its own: claiming takes whatever is due.
        try await Stores.withIsolated(kind) { (stores: Stores) async throws in
            let (_, deliveries) = Self.repositories(stores)
            let endpointID = UUID()
            var made: [OutboundDelivery] = []
            for index in 0..<5 {
                let at = Self.t0.addingTimeInterval(Double(index))
                let delivery = OutboundDelivery(
                    kind: .webhook, endpointID: endpointID, url: "https://hooks.example/", contentType: "application/json", body: Array("{}".utf8),
                    event: "app.created", eventID: "evt_\(index)", nextAttemptAt: at, createdAt: at
                )
                try await deliveries.enqueue(delivery)
                made.append(delivery)
            }
            try await deliveries.enqueue(OutboundDelivery(
                kind: .webhook, endpointID: UUID(), url: "https://else.example/", contentType: "application/json", body: [], nextAttemptAt: Self.t0, createdAt: Self.t0
            ))
            // Two attempts: one delivered, one failed, each with its latency.
            let claim = try await deliveries.claimDue(now: Self.t0.addingTimeInterval(1), limit: 2, lease: 60)
            #expect(claim.deliveries.map(\.eventID).contains("evt_0"))
            let mine = claim.deliveries.filter { $0.endpointID == endpointID }
            if let delivered = mine.first {
                #expect(try await deliveries.markDelivered(id: delivered.id, claim: claim.id, at: Self.t0.addingTimeInterval(2), status: 204, latencyMs: 17))
                let stored = try await deliveries.delivery(id: delivered.id)
                #expect(stored?.state == "delivered" && stored?.lastLatencyMs == 17 && stored?.attempts == 1 && stored?.eventID == delivered.eventID)
            }
            #expect(try await deliveries.markFailed(id: made[4].id, claim: claim.id, attempts: 1, nextAttemptAt: nil, status: 500, error: "x", latencyMs: 3) == false, "not claimed")

            // Newest first, two at a time, by (created, id).
            let page1 = try await deliveries.deliveries(endpointID: endpointID, before: nil, limit: 2)
            #expect(page1.map(\.eventID) == ["evt_4", "evt_3"])
            let last = try #require(page1.last)
            let page2 = try await deliveries.deliveries(endpointID: endpointID, before: (last.createdAt, last.id), limit: 2)
            #expect(page2.map(\.eventID) == ["evt_2", "evt_1"])
            let last2 = try #require(page2.last)
            #expect(try await deliveries.deliveries(endpointID: endpointID, before: (last2.createdAt, last2.id), limit: 2).map(\.eventID) == ["evt_0"])

            // Giving up: every undelivered one, not the delivered one, not another endpoint's.
            let delivered = mine.isEmpty ? 0 : 1
            #expect(try await deliveries.giveUp(endpointID: endpointID, reason: "the endpoint was deleted") == 5 - delivered)
            let after = try await deliveries.deliveries(endpointID: endpointID, before: nil, limit: 10)
            #expect(after.filter { $0.state == "failed" }.allSatisfy { $0.lastError == "the endpoint was deleted" })
            #expect(after.filter { $0.state == "failed" }.count == 5 - delivered)
            #expect(try await deliveries.giveUp(endpointID: endpointID, reason: "again") == 0)
            let due = try await deliveries.claimDue(now: Self.t0.addingTimeInterval(3600), limit: 10, lease: 60)
            #expect(!due.deliveries.contains { $0.endpointID == endpointID })
        }
    }
}
