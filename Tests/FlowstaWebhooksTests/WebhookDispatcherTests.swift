import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import FlowstaWebhooks
import Foundation
import Testing

/// Events become one delivery per subscribed, enabled endpoint of the organization; each attempt
/// is signed with the secrets in force then (both during a rotation's grace, the new one only
/// after it); deleted or disabled endpoints get nothing (a test event still reaches a disabled one).
@Suite struct WebhookDispatcherTests {
    static let keyRing = try! KeyRing(kek: [UInt8](repeating: 7, count: 32))

    struct Setup {
        let clock = FixedTimeSource()
        let endpoints = InMemoryWebhookEndpointRepository()
        let deliveries = InMemoryOutboundDeliveryRepository()
        var dispatcher: WebhookDispatcher { WebhookDispatcher(endpoints: endpoints, deliveries: deliveries, keyRing: keyRing, time: clock) }

        func endpoint(_ organizationID: UUID, _ events: Set<WebhookEventType>, enabled: Bool = true, secret: WebhookSecret) async throws -> WebhookEndpoint {
            let id = UUID()
            let endpoint = WebhookEndpoint(
                id: id, organizationID: organizationID, url: "https://hooks.example/\(id)", description: "", events: events, enabled: enabled,
                sealedSecret: try dispatcher.seal(secret, endpointID: id), createdAt: clock.now, updatedAt: clock.now
            )
            await endpoints.create(endpoint)
            return endpoint
        }
    }

    @Test func eventsGoToSubscribedEnabledEndpointsOfTheOrganization() async throws {
        let setup = Setup()
        let organization = UUID()
        let secret = WebhookSecret.random()
        let subscribed = try await setup.endpoint(organization, [.appCreated], secret: secret)
        _ = try await setup.endpoint(organization, [.appDeleted], secret: secret)
        _ = try await setup.endpoint(organization, [.appCreated], enabled: false, secret: secret)
        _ = try await setup.endpoint(UUID(), [.appCreated], secret: secret)

        #expect(try await setup.dispatcher.dispatch(.appCreated, organizationID: organization, data: ["target_id": "a1"]) == 1)
        let queued = Array(await setup.deliveries.deliveries.values)
        let delivery = try #require(queued.first)
        #expect(queued.count == 1 && delivery.endpointID == subscribed.id && delivery.kind == .webhook && delivery.event == "app.created")
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any])
        #expect(payload["id"] as? String == delivery.eventID && payload["type"] as? String == "app.created")
        #expect(payload["data"] as? [String: String] == ["target_id": "a1", "organization_id": organization.uuidString.lowercased()])
        #expect(try await setup.dispatcher.dispatch(.memberAdded, organizationID: organization, data: [:]) == 0)
    }

    @Test func eachAttemptIsSignedWithTheSecretsInForce() async throws {
        let setup = Setup()
        let organization = UUID()
        let old = WebhookSecret.random()
        var endpoint = try await setup.endpoint(organization, [.appUpdated], secret: old)
        try await setup.dispatcher.dispatch(.appUpdated, organizationID: organization, data: [:])
        let delivery = try #require(await setup.deliveries.deliveries.values.first)

        func headers() async throws -> [String: String] {
            guard case .send(let url, let headers) = try await setup.dispatcher.attempt(delivery) else { return [:] }
            #expect(url == endpoint.url)
            return Dictionary(headers, uniquingKeysWith: { $1 })
        }
        var signed = try await headers()
        let timestamp = Int(setup.clock.now.timeIntervalSince1970)
        #expect(signed["webhook-id"] == delivery.eventID && signed["webhook-timestamp"] == String(timestamp) && signed["X-Flowsta-Event"] == "app.updated")
        let id = try #require(delivery.eventID)
        #expect(signed["webhook-signature"] == WebhookSignature.standard(secret: old, id: id, timestamp: timestamp, body: delivery.body))
        #expect(signed["X-Flowsta-Signature"] == WebhookSignature.flowsta(secret: old, body: delivery.body))

        // Rotated with an hour's grace: both sign; the new one alone signs X-Flowsta-Signature.
        let new = WebhookSecret.random()
        endpoint.sealedPreviousSecret = endpoint.sealedSecret
        endpoint.previousSecretExpiresAt = setup.clock.now.addingTimeInterval(3600)
        endpoint.sealedSecret = try setup.dispatcher.seal(new, endpointID: endpoint.id)
        _ = await setup.endpoints.update(endpoint)
        setup.clock.advance(by: 60)
        signed = try await headers()
        let later = Int(setup.clock.now.timeIntervalSince1970)
        #expect(signed["webhook-timestamp"] == String(later), "a retry is signed afresh")
        #expect(signed["webhook-signature"] == [new, old].map { WebhookSignature.standard(secret: $0, id: id, timestamp: later, body: delivery.body) }.joined(separator: " "))
        #expect(signed["X-Flowsta-Signature"] == WebhookSignature.flowsta(secret: new, body: delivery.body))
        setup.clock.advance(by: 3600)
        signed = try await headers()
        #expect(signed["webhook-signature"]?.contains(" ") == false, "the grace is over")

        // A secret sealed for another endpoint does not open here.
        var moved = endpoint
        moved.sealedSecret = try setup.dispatcher.seal(new, endpointID: UUID())
        _ = await setup.endpoints.update(moved)
        await #expect(throws: KeyRingError.self) { try await setup.dispatcher.attempt(delivery) }

        // Disabled: dropped; a test event still goes. Deleted: dropped.
        moved.sealedSecret = try setup.dispatcher.seal(new, endpointID: endpoint.id)
        moved.enabled = false
        _ = await setup.endpoints.update(moved)
        #expect(try await setup.dispatcher.attempt(delivery) == .drop(reason: "the endpoint is disabled"))
        let test = setup.dispatcher.delivery(of: WebhookEvent(type: .test, timestamp: setup.clock.now, data: [:]), to: moved)
        if case .send = try await setup.dispatcher.attempt(test) {} else { Issue.record("a test event reaches a disabled endpoint") }
        _ = await setup.endpoints.delete(id: endpoint.id)
        #expect(try await setup.dispatcher.attempt(delivery) == .drop(reason: "the endpoint was deleted"))
    }

    @Test(arguments: [
        ("member.joined:admin", "member.added", ["role": "admin"]),
        ("member.removed", "member.removed", [:]),
        ("member.left", "member.removed", [:]),
        ("member.role_changed:member->admin", "member.role_changed", ["previous_role": "member", "role": "admin"]),
        ("api_key.rotated", "api_key.rotated", [:]),
        ("app.disabled", "app.updated", ["change": "disabled"]),
        ("app.secret_rotated", "app.updated", ["change": "secret_rotated"]),
        ("organization.plan_changed:free->pro", "plan.changed", ["previous_plan": "free", "plan": "pro"]),
    ] as [(String, String, [String: String])])
    func auditActionsBecomeEvents(action: String, type: String, data: [String: String]) {
        let announced = WebhookEventType.announcing(auditAction: action)
        #expect(announced?.type.rawValue == type && announced?.data == data)
    }

    @Test(arguments: ["webhook.created", "invite.created", "organization.updated", "", ":", "member.role_changed:"])
    func otherActionsAreNotEvents(action: String) {
        if action == "member.role_changed:" {
            #expect(WebhookEventType.announcing(auditAction: action)?.data == [:])
        } else {
            #expect(WebhookEventType.announcing(auditAction: action) == nil)
        }
    }

    @Test func aDayOfFailuresDisables() {
        let rule = WebhookAutoDisable()
        let start = Date(timeIntervalSince1970: 1_900_000_000)
        #expect(!rule.shouldDisable(consecutiveFailures: 9, failingSince: start, now: start.addingTimeInterval(2 * 86_400)))
        #expect(!rule.shouldDisable(consecutiveFailures: 50, failingSince: start, now: start.addingTimeInterval(86_399)))
        #expect(rule.shouldDisable(consecutiveFailures: 10, failingSince: start, now: start.addingTimeInterval(86_400)))
        // The retry schedule outlasts the rule: a receiver that never answers is disabled when
        // its first event is given up.
        let schedule = RetrySchedule.webhook
        #expect(schedule.delays.reduce(0, +) >= rule.period && schedule.maxAttempts >= rule.failures)
        #expect(schedule.next(after: schedule.maxAttempts, now: start) == nil && schedule.next(after: 1, now: start) == start.addingTimeInterval(30))
    }
}
