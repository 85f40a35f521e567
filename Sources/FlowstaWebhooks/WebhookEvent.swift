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
    case apiKeyRotated = "api_key.rotated"
    case appCreated = "app.created"
    case appUpdated = "app.updated"
    case appDeleted = "app.deleted"
    case planChanged = "plan.changed"
    case billingUpdated = "billing.updated"
    /// Sent by "send a test event"; every endpoint gets it whatever it subscribed to.
    case test = "webhook.test"
}

extension WebhookEventType {
    /// The event an audit-log action announces, and the facts it adds to the target (a role
    /// change's roles, a plan change's plans); `nil` for actions no webhook carries. The one
    /// place audit actions become events.
    public static func announcing(auditAction action: String) -> (type: WebhookEventType, data: [String: String])? {
        let parts = action.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.first ?? action
        let detail = parts.count == 2 ? parts[1] : nil
        let change = detail.map { $0.components(separatedBy: "->") }
        switch name {
        case "member.joined": return (.memberAdded, detail.map { ["role": $0] } ?? [:])
        case "member.left", "member.removed": return (.memberRemoved, [:])
        case "member.role_changed":
            guard let change, change.count == 2 else { return (.memberRoleChanged, [:]) }
            return (.memberRoleChanged, ["previous_role": change[0], "role": change[1]])
        case "api_key.created": return (.apiKeyCreated, [:])
        case "api_key.revoked": return (.apiKeyRevoked, [:])
        case "api_key.rotated": return (.apiKeyRotated, [:])
        case "app.created": return (.appCreated, [:])
        case "app.updated", "app.enabled", "app.disabled", "app.secret_rotated":
            return (.appUpdated, ["change": String(name.dropFirst("app.".count))])
        case "app.deleted": return (.appDeleted, [:])
        case "organization.plan_changed":
            guard let change, change.count == 2 else { return (.planChanged, [:]) }
            return (.planChanged, ["previous_plan": change[0], "plan": change[1]])
        default: return nil
        }
    }
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
