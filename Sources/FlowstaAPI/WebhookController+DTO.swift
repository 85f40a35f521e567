import FlowstaCore
import FlowstaPlatform
import Foundation

extension WebhookController {
    struct CreateWebhookRequest: Decodable {
        var url: String
        var description: String?
        var events: [String]
    }

    /// `PATCH`: absent fields stay.
    struct UpdateWebhookRequest: Decodable {
        var url: String?
        var description: String?
        var events: [String]?
        var enabled: Bool?

        var update: WebhookUpdate { WebhookUpdate(url: url, description: description, events: events, enabled: enabled) }
    }

    struct RotateSecretRequest: Decodable {
        var graceHours: Double?
        enum CodingKeys: String, CodingKey { case graceHours = "grace_hours" }
    }

    struct WebhookDTO: Encodable {
        var view: WebhookView
        init(_ view: WebhookView) { self.view = view }

        enum CodingKeys: String, CodingKey {
            case id, url, description, events, enabled
            case disabledReason = "disabled_reason"
            case previousSecretExpiresAt = "previous_secret_expires_at"
            case consecutiveFailures = "consecutive_failures"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(view.id.uuidString.lowercased(), forKey: .id)
            try container.encode(view.url, forKey: .url)
            try container.encode(view.description, forKey: .description)
            try container.encode(view.events, forKey: .events)
            try container.encode(view.enabled, forKey: .enabled)
            try container.encode(view.disabledReason, forKey: .disabledReason)
            try container.encode(view.previousSecretExpiresAt, forKey: .previousSecretExpiresAt)
            try container.encode(view.consecutiveFailures, forKey: .consecutiveFailures)
            try container.encode(view.createdAt, forKey: .createdAt)
            try container.encode(view.updatedAt, forKey: .updatedAt)
        }
    }

    /// The one response that contains the signing secret.
    struct CreatedWebhookDTO: Encodable {
        var webhook: WebhookDTO
        var secret: String
    }

    struct DeliveryDTO: Encodable {
        var view: WebhookDeliveryView
        init(_ view: WebhookDeliveryView) { self.view = view }

        enum CodingKeys: String, CodingKey {
            case id, event, state, attempts
            case eventID = "event_id"
            case lastStatus = "last_status"
            case lastError = "last_error"
            case latencyMs = "latency_ms"
            case createdAt = "created_at"
            case deliveredAt = "delivered_at"
            case nextAttemptAt = "next_attempt_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(view.id.uuidString.lowercased(), forKey: .id)
            try container.encode(view.eventID, forKey: .eventID)
            try container.encode(view.event, forKey: .event)
            try container.encode(view.state, forKey: .state)
            try container.encode(view.attempts, forKey: .attempts)
            try container.encode(view.lastStatus, forKey: .lastStatus)
            try container.encode(view.lastError, forKey: .lastError)
            try container.encode(view.lastLatencyMs, forKey: .latencyMs)
            try container.encode(view.createdAt, forKey: .createdAt)
            try container.encode(view.deliveredAt, forKey: .deliveredAt)
            try container.encode(view.nextAttemptAt, forKey: .nextAttemptAt)
        }
    }
}
