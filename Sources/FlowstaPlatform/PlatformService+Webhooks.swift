import FlowstaCore
import FlowstaWebhooks
import Foundation

extension PlatformService {
    /// The most event types one endpoint lists (there are fewer types than this).
    static let maximumEventList = 50

    public func createWebhook(_ principal: Principal, _ organizationID: UUID, url: String, description: String?, events: [String]) async throws -> CreatedWebhook {
        let webhooks = try configuredWebhooks()
        try await authorize(principal, organizationID, .manageWebhooks)
        guard try await webhooks.endpoints.endpoints(organizationID: organizationID).count < WebhookEndpoint.maximumPerOrganization else {
            throw PlatformError.conflict("an organization has at most \(WebhookEndpoint.maximumPerOrganization) webhook endpoints; delete one first")
        }
        let id = UUID()
        let secret = WebhookSecret.random()
        let now = timestamp()
        let endpoint = WebhookEndpoint(
            id: id, organizationID: organizationID, url: try await validWebhookURL(url, webhooks), description: try Self.validWebhookDescription(description ?? ""),
            events: try Self.validEvents(events), sealedSecret: try webhooks.dispatcher.seal(secret, endpointID: id), createdAt: now, updatedAt: now
        )
        try await webhooks.endpoints.create(endpoint)
        try await record(principal, organizationID, "webhook.created", "webhook", id.uuidString.lowercased())
        await alertOwners(organizationID, subject: "webhook endpoint added", text: "A webhook endpoint was added: \(endpoint.url)")
        return CreatedWebhook(webhook: WebhookView(endpoint, now: now), secret: secret.text)
    }

    public func listWebhooks(_ principal: Principal, _ organizationID: UUID) async throws -> [WebhookView] {
        let webhooks = try configuredWebhooks()
        try await authorize(principal, organizationID, .read)
        let now = time.now
        return try await webhooks.endpoints.endpoints(organizationID: organizationID).map { WebhookView($0, now: now) }
    }

    public func webhook(_ principal: Principal, _ organizationID: UUID, _ id: UUID) async throws -> WebhookView {
        try await authorize(principal, organizationID, .read)
        return WebhookView(try await endpoint(organizationID, id), now: time.now)
    }

    /// Changes an endpoint. Enabling a disabled one starts a new count of failures; disabling
    /// one gives up what was still due to it (redeliver from the log once it works again).
    public func updateWebhook(_ principal: Principal, _ organizationID: UUID, _ id: UUID, _ update: WebhookUpdate) async throws -> WebhookView {
        let webhooks = try configuredWebhooks()
        try await authorize(principal, organizationID, .manageWebhooks)
        var endpoint = try await endpoint(organizationID, id)
        let oldURL = endpoint.url
        if let url = update.url { endpoint.url = try await validWebhookURL(url, webhooks) }
        if let description = update.description { endpoint.description = try Self.validWebhookDescription(description) }
        if let events = update.events { endpoint.events = try Self.validEvents(events) }
        if let enabled = update.enabled, enabled != endpoint.enabled {
            endpoint.enabled = enabled
            endpoint.disabledReason = enabled ? nil : "user"
            endpoint.consecutiveFailures = 0
            endpoint.failingSince = nil
        }
        endpoint.updatedAt = timestamp()
        guard try await webhooks.endpoints.update(endpoint) else { throw PlatformError.notFound }
        if !endpoint.enabled { try await webhooks.deliveries.giveUp(endpointID: id, reason: "the endpoint was disabled") }
        try await record(principal, organizationID, "webhook.updated", "webhook", id.uuidString.lowercased())
        if endpoint.url != oldURL {
            await alertOwners(organizationID, subject: "webhook endpoint changed", text: "A webhook endpoint now sends to \(endpoint.url) (it sent to \(oldURL)).")
        }
        return WebhookView(endpoint, now: time.now)
    }

    public func deleteWebhook(_ principal: Principal, _ organizationID: UUID, _ id: UUID) async throws {
        let webhooks = try configuredWebhooks()
        try await authorize(principal, organizationID, .manageWebhooks)
        let endpoint = try await endpoint(organizationID, id)
        try await webhooks.deliveries.giveUp(endpointID: id, reason: "the endpoint was deleted")
        guard try await webhooks.endpoints.delete(id: id) else { throw PlatformError.notFound }
        try await record(principal, organizationID, "webhook.deleted", "webhook", id.uuidString.lowercased())
        await alertOwners(organizationID, subject: "webhook endpoint removed", text: "The webhook endpoint \(endpoint.url) was removed.")
    }

    /// A new signing secret; the previous one keeps signing deliveries beside it for `grace`
    /// (default 24 hours, at most 7 days), so receivers can switch without losing any.
    public func rotateWebhookSecret(_ principal: Principal, _ organizationID: UUID, _ id: UUID, grace: TimeInterval? = nil) async throws -> CreatedWebhook {
        let webhooks = try configuredWebhooks()
        try await authorize(principal, organizationID, .manageWebhooks)
        let grace = grace ?? WebhookEndpoint.defaultRotationGrace
        guard (0...WebhookEndpoint.maximumRotationGrace).contains(grace) else {
            throw PlatformError.invalidRequest("grace_hours must be between 0 and \(Int(WebhookEndpoint.maximumRotationGrace / 3600))")
        }
        var endpoint = try await endpoint(organizationID, id)
        let secret = WebhookSecret.random()
        endpoint.sealedPreviousSecret = grace > 0 ? endpoint.sealedSecret : nil
        endpoint.previousSecretExpiresAt = grace > 0 ? time.now.addingTimeInterval(grace) : nil
        endpoint.sealedSecret = try webhooks.dispatcher.seal(secret, endpointID: id)
        endpoint.updatedAt = timestamp()
        guard try await webhooks.endpoints.update(endpoint) else { throw PlatformError.notFound }
        try await record(principal, organizationID, "webhook.secret_rotated", "webhook", id.uuidString.lowercased())
        return CreatedWebhook(webhook: WebhookView(endpoint, now: time.now), secret: secret.text)
    }

    /// Queues a `webhook.test` event to the endpoint (enabled or not: testing a disabled
    /// endpoint is how one checks it works again before enabling it).
    public func sendTestWebhook(_ principal: Principal, _ organizationID: UUID, _ id: UUID) async throws -> WebhookDeliveryView {
        let webhooks = try configuredWebhooks()
        try await authorize(principal, organizationID, .manageWebhooks)
        let endpoint = try await endpoint(organizationID, id)
        let event = WebhookEvent(type: .test, timestamp: time.now, data: ["organization_id": organizationID.uuidString.lowercased(), "webhook_id": id.uuidString.lowercased()])
        let delivery = webhooks.dispatcher.delivery(of: event, to: endpoint)
        try await webhooks.deliveries.enqueue(delivery)
        return WebhookDeliveryView(delivery)
    }

    /// The endpoint's delivery log, newest first (kept 90 days).
    public func webhookDeliveries(_ principal: Principal, _ organizationID: UUID, _ id: UUID, page: PageRequest) async throws -> Page<WebhookDeliveryView> {
        let webhooks = try configuredWebhooks()
        try await authorize(principal, organizationID, .read)
        _ = try await endpoint(organizationID, id)
        let rows = try await webhooks.deliveries.deliveries(endpointID: id, before: page.after, limit: page.limit + 1)
        return PageCursor.page(rows.map(WebhookDeliveryView.init), limit: page.limit) { ($0.createdAt, $0.id) }
    }

    /// Sends a logged delivery again: a new delivery with the same event (same `webhook-id`,
    /// so a receiver that already has it can tell), due now, signed with today's secrets.
    public func redeliverWebhook(_ principal: Principal, _ organizationID: UUID, _ id: UUID, deliveryID: UUID) async throws -> WebhookDeliveryView {
        let webhooks = try configuredWebhooks()
        try await authorize(principal, organizationID, .manageWebhooks)
        let endpoint = try await endpoint(organizationID, id)
        guard let old = try await webhooks.deliveries.delivery(id: deliveryID), old.endpointID == id, old.kind == .webhook else {
            throw PlatformError.notFound
        }
        guard endpoint.enabled else { throw PlatformError.conflict("the endpoint is disabled; enable it first (send a test event to check it)") }
        let now = timestamp()
        let delivery = OutboundDelivery(
            kind: .webhook, endpointID: id, url: endpoint.url, contentType: old.contentType, body: old.body, event: old.event, eventID: old.eventID,
            nextAttemptAt: now, createdAt: now
        )
        try await webhooks.deliveries.enqueue(delivery)
        try await record(principal, organizationID, "webhook.redelivered", "webhook", id.uuidString.lowercased())
        return WebhookDeliveryView(delivery)
    }

    /// Queues an event for the organization's endpoints. Best effort: an event that cannot be
    /// queued never undoes what it reports. - Returns: how many deliveries were queued.
    @discardableResult
    public func emitWebhook(_ type: WebhookEventType, _ organizationID: UUID, data: [String: String]) async -> Int {
        guard let webhooks else { return 0 }
        return (try? await webhooks.dispatcher.dispatch(type, organizationID: organizationID, data: data)) ?? 0
    }

    /// An attempt's outcome (the outbound queue's report): a success ends the endpoint's run of
    /// failures; a failure counts, and a run as long as ``WebhookAutoDisable`` says disables the
    /// endpoint, gives up what is due to it and tells the owners by mail (once).
    public func webhookAttempted(endpointID: UUID, delivered: Bool) async throws {
        guard let webhooks else { return }
        if delivered {
            try await webhooks.endpoints.recordSuccess(id: endpointID)
            return
        }
        let now = time.now
        guard let run = try await webhooks.endpoints.recordFailure(id: endpointID, at: now),
              webhooks.autoDisable.shouldDisable(consecutiveFailures: run.failures, failingSince: run.since, now: now),
              try await webhooks.endpoints.disable(id: endpointID, reason: "failing", at: now),
              let endpoint = try await webhooks.endpoints.endpoint(id: endpointID)
        else { return }
        try await webhooks.deliveries.giveUp(endpointID: endpointID, reason: "the endpoint was disabled after repeated failures")
        try await appendAudit(AuditEvent(
            id: UUID(), organizationID: endpoint.organizationID, occurredAt: timestamp(), actorType: "system", actorID: Self.operatorID,
            action: "webhook.disabled", targetType: "webhook", targetID: endpointID.uuidString.lowercased()
        ))
        await notifyOwners(endpoint.organizationID, subject: "webhook endpoint disabled", text: """
            Deliveries to the webhook endpoint \(endpoint.url) failed \(run.failures) times in a row since \(run.since.ISO8601Format()), \
            so it was disabled and nothing more is sent to it. Fix the receiver, send it a test event from the dashboard, enable it \
            again and redeliver what it missed from its delivery log.
            """)
    }

    private func configuredWebhooks() throws -> PlatformWebhooks {
        guard let webhooks else { throw PlatformError.invalidRequest("webhooks are not available on this server") }
        return webhooks
    }

    private func endpoint(_ organizationID: UUID, _ id: UUID) async throws -> WebhookEndpoint {
        guard let endpoint = try await configuredWebhooks().endpoints.endpoint(id: id), endpoint.organizationID == organizationID else {
            throw PlatformError.notFound
        }
        return endpoint
    }

    private func validWebhookURL(_ raw: String, _ webhooks: PlatformWebhooks) async throws -> String {
        let url = raw.trimmingCharacters(in: .whitespaces)
        guard !url.isEmpty, url.utf8.count <= WebhookEndpoint.maximumURLLength else {
            throw PlatformError.invalidRequest("url must be 1-\(WebhookEndpoint.maximumURLLength) characters")
        }
        if let refusal = await webhooks.checkURL(url) { throw PlatformError.invalidRequest("url: " + refusal) }
        return url
    }

    static func validWebhookDescription(_ raw: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= WebhookEndpoint.maximumDescriptionLength, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw PlatformError.invalidRequest("description is limited to \(WebhookEndpoint.maximumDescriptionLength) characters without control characters")
        }
        return text
    }

    static func validEvents(_ names: [String]) throws -> Set<WebhookEventType> {
        let subscribable = WebhookEventType.allCases.filter { $0 != .test }
        guard !names.isEmpty, names.count <= maximumEventList else {
            throw PlatformError.invalidRequest("events must list 1-\(maximumEventList) event types")
        }
        var events = Set<WebhookEventType>()
        for name in names {
            // "*": every type there is now (the stored list stays explicit).
            if name == "*" {
                events.formUnion(subscribable)
                continue
            }
            guard let type = WebhookEventType(rawValue: name), type != .test else {
                throw PlatformError.invalidRequest("unknown event type; the types are: " + subscribable.map(\.rawValue).joined(separator: ", "))
            }
            events.insert(type)
        }
        return events
    }
}
