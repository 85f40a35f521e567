import FlowstaCore
import FlowstaCrypto
import Foundation

/// The events an organization's webhook endpoint can subscribe to. Payloads name users only by
/// the app's pairwise `sub` — never an address, a username or anything about a device.
public enum WebhookEventType: String, Sendable, CaseIterable, Codable {
    case userSignedIn = "user.signed_in"
    case consentGranted = "consent.granted"
    case consentRevoked = "consent.revoked"
    case tokenRevoked = "token.revoked"
    case signatureCreated = "signature.created"
    case signatureRevoked = "signature.revoked"
    case memberAdded = "member.added"
    case memberRemoved = "member.removed"
    case memberRoleChanged = "member.role_changed"
    case apiKeyCreated = "api_key.created"
    case apiKeyRevoked = "api_key.revoked"
    case appCreated = "app.created"
    case appUpdated = "app.updated"
    case appDeleted = "app.deleted"
    case planChanged = "plan.changed"
    case billingUpdated = "billing.updated"
    /// Sent by "send a test event"; every endpoint gets it whatever it subscribed to.
    case test = "webhook.test"
}

/// One event as delivered: the Standard Webhooks envelope `{type, timestamp, data}` with the
/// event's id (the `webhook-id` header, stable across retries, for receivers to de-duplicate).
public struct WebhookEvent: Sendable, Equatable {
    public var id: String
    public var type: WebhookEventType
    public var timestamp: Date
    /// String-valued facts only (ids, the pairwise `sub`, a role, a plan name).
    public var data: [String: String]

    public init(id: String = "evt_" + Base64URL.encode(SecureRandom.bytes(16)), type: WebhookEventType, timestamp: Date, data: [String: String]) {
        self.id = id
        self.type = type
        self.timestamp = timestamp
        self.data = data
    }

    /// The body: keys sorted, the timestamp in ISO 8601 (UTC, seconds).
    public var body: [UInt8] {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let object: [String: Any] = ["id": id, "type": type.rawValue, "timestamp": formatter.string(from: timestamp), "data": data]
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return [UInt8](json)
    }
}
