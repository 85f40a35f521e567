import FlowstaCore
import FlowstaCrypto
import Foundation

/// Turns events into queued deliveries, and signs each attempt.
///
/// An event goes to every enabled endpoint of its organization that subscribes to its type,
/// as one ``OutboundDelivery`` each (the outbound queue sends and retries them). The signature
/// headers are made at each attempt (``headers(for:)``) so that a retry carries a fresh
/// `webhook-timestamp` and the secrets in force then.
public struct WebhookDispatcher: Sendable {
    public static let contentType = "application/json"

    let endpoints: any WebhookEndpointRepository
    let deliveries: any OutboundDeliveryRepository
    let keyRing: KeyRing
    let time: any TimeSource

    public init(endpoints: any WebhookEndpointRepository, deliveries: any OutboundDeliveryRepository, keyRing: KeyRing, time: any TimeSource) {
        self.endpoints = endpoints
        self.deliveries = deliveries
        self.keyRing = keyRing
        self.time = time
    }

    /// Queues an event for the organization's subscribed endpoints.
    /// - Returns: how many deliveries were queued.
    @discardableResult
    public func dispatch(_ type: WebhookEventType, organizationID: UUID, data: [String: String]) async throws -> Int {
        let targets = try await endpoints.endpoints(organizationID: organizationID).filter { $0.enabled && $0.subscribes(to: type) }
        guard !targets.isEmpty else { return 0 }
        let event = WebhookEvent(type: type, timestamp: time.now, data: data.merging(["organization_id": organizationID.uuidString.lowercased()]) { $1 })
        for endpoint in targets { try await deliveries.enqueue(delivery(of: event, to: endpoint)) }
        return targets.count
    }

    /// Queues `event` for one endpoint (the test event; a redelivery reuses the stored body).
    public func delivery(of event: WebhookEvent, to endpoint: WebhookEndpoint) -> OutboundDelivery {
        // Whole milliseconds, as the delivery log's cursors compare them.
        let now = StorableDate.wholeMilliseconds(time.now)
        return OutboundDelivery(
            kind: .webhook, endpointID: endpoint.id, url: endpoint.url, contentType: Self.contentType, body: event.body,
            event: event.type.rawValue, eventID: event.id, nextAttemptAt: now, createdAt: now
        )
    }

    /// What an attempt does.
    public enum Attempt: Sendable, Equatable {
        /// Send it to `url` (the endpoint's current URL) with these headers.
        case send(url: String, headers: [(String, String)])
        /// Do not send it: the endpoint was deleted or disabled (the delivery is given up).
        case drop(reason: String)

        public static func == (lhs: Attempt, rhs: Attempt) -> Bool {
            switch (lhs, rhs) {
            case (.drop(let a), .drop(let b)): a == b
            case (.send(let a, let x), .send(let b, let y)): a == b && x.map { [$0.0, $0.1] } == y.map { [$0.0, $0.1] }
            default: false
            }
        }
    }

    /// Prepares an attempt of a webhook delivery: the endpoint's state and secrets now.
    public func attempt(_ delivery: OutboundDelivery) async throws -> Attempt {
        guard let endpointID = delivery.endpointID, let endpoint = try await endpoints.endpoint(id: endpointID) else {
            return .drop(reason: "the endpoint was deleted")
        }
        // A test event also goes to a disabled endpoint: that is how one checks it works again.
        guard endpoint.enabled || delivery.event == WebhookEventType.test.rawValue else { return .drop(reason: "the endpoint is disabled") }
        let now = time.now
        let context = WebhookEndpoint.sealingContext(endpoint.id)
        let current = WebhookSecret(bytes: try keyRing.open(endpoint.sealedSecret, context: context))
        var previous: WebhookSecret?
        if let sealed = endpoint.sealedPreviousSecret, let until = endpoint.previousSecretExpiresAt, until > now {
            previous = WebhookSecret(bytes: try keyRing.open(sealed, context: context))
        }
        let headers = WebhookSignature.headers(
            id: delivery.eventID ?? delivery.id.uuidString.lowercased(), event: delivery.event ?? "", timestamp: Int(now.timeIntervalSince1970),
            body: delivery.body, current: current, previous: previous
        )
        return .send(url: endpoint.url, headers: headers)
    }

    /// Seals a secret for an endpoint's row.
    public func seal(_ secret: WebhookSecret, endpointID: UUID) throws -> [UInt8] {
        try keyRing.seal(secret.bytes, context: WebhookEndpoint.sealingContext(endpointID))
    }
}
