import FlowstaWebhooks
import Foundation

/// What the platform needs for webhooks (wired by the server).
public struct PlatformWebhooks: Sendable {
    let endpoints: any WebhookEndpointRepository
    let deliveries: any OutboundDeliveryRepository
    let dispatcher: WebhookDispatcher
    /// Why a URL may not receive webhooks (scheme, host, where its name resolves), or `nil`.
    let checkURL: @Sendable (String) async -> String?
    let autoDisable: WebhookAutoDisable

    public init(
        endpoints: any WebhookEndpointRepository, deliveries: any OutboundDeliveryRepository, dispatcher: WebhookDispatcher,
        checkURL: @escaping @Sendable (String) async -> String?, autoDisable: WebhookAutoDisable = WebhookAutoDisable()
    ) {
        self.endpoints = endpoints
        self.deliveries = deliveries
        self.dispatcher = dispatcher
        self.checkURL = checkURL
        self.autoDisable = autoDisable
    }
}

/// A webhook endpoint as listed (never its secret).
public struct WebhookView: Sendable, Equatable {
    public var id: UUID
    public var url: String
    public var description: String
    public var events: [String]
    public var enabled: Bool
    public var disabledReason: String?
    /// Until when the previous secret still signs deliveries (after a rotation).
    public var previousSecretExpiresAt: Date?
    public var consecutiveFailures: Int
    public var createdAt: Date
    public var updatedAt: Date

    init(_ endpoint: WebhookEndpoint, now: Date) {
        id = endpoint.id
        url = endpoint.url
        description = endpoint.description
        events = endpoint.events.map(\.rawValue).sorted()
        enabled = endpoint.enabled
        disabledReason = endpoint.disabledReason
        previousSecretExpiresAt = endpoint.previousSecretExpiresAt.flatMap { $0 > now ? $0 : nil }
        consecutiveFailures = endpoint.consecutiveFailures
        createdAt = endpoint.createdAt
        updatedAt = endpoint.updatedAt
    }
}

/// A new endpoint or a rotated secret: the only time the secret is shown.
public struct CreatedWebhook: Sendable {
    public var webhook: WebhookView
    public var secret: String
}

/// What a change to an endpoint sets (absent fields stay).
public struct WebhookUpdate: Sendable {
    public var url: String?
    public var description: String?
    public var events: [String]?
    public var enabled: Bool?

    public init(url: String? = nil, description: String? = nil, events: [String]? = nil, enabled: Bool? = nil) {
        self.url = url
        self.description = description
        self.events = events
        self.enabled = enabled
    }
}

/// One delivery in an endpoint's log (never its body).
public struct WebhookDeliveryView: Sendable, Equatable {
    public var id: UUID
    public var eventID: String?
    public var event: String?
    /// `pending`, `delivered` or `failed` (given up).
    public var state: String
    public var attempts: Int
    public var lastStatus: Int?
    public var lastError: String?
    public var lastLatencyMs: Int?
    public var createdAt: Date
    public var deliveredAt: Date?
    public var nextAttemptAt: Date?

    init(_ delivery: OutboundDelivery) {
        id = delivery.id
        eventID = delivery.eventID
        event = delivery.event
        state = delivery.state
        attempts = delivery.attempts
        lastStatus = delivery.lastStatus
        lastError = delivery.lastError
        lastLatencyMs = delivery.lastLatencyMs
        createdAt = delivery.createdAt
        deliveredAt = delivery.deliveredAt
        nextAttemptAt = delivery.state == "pending" ? delivery.nextAttemptAt : nil
    }
}
