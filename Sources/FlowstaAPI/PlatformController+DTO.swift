import FlowstaCore
import FlowstaHTTP
import FlowstaPlatform
import Foundation

extension PlatformController {
    struct CreateOrganizationRequest: Decodable {
        var name: String
        var contactEmail: String?
        var billingAddress: String?
        enum CodingKeys: String, CodingKey {
            case name
            case contactEmail = "contact_email"
            case billingAddress = "billing_address"
        }
    }

    /// `PATCH`: absent keeps a field, `null` clears an optional one.
    struct UpdateOrganizationRequest: Decodable {
        var update: OrganizationUpdate

        enum CodingKeys: String, CodingKey {
            case name
            case contactEmail = "contact_email"
            case billingAddress = "billing_address"
            case requireSecondFactor = "require_second_factor"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            update = OrganizationUpdate(
                name: try container.decodeIfPresent(String.self, forKey: .name),
                contactEmail: try container.decodePatch(.contactEmail),
                billingAddress: try container.decodePatch(.billingAddress),
                requireSecondFactor: try container.decodeIfPresent(Bool.self, forKey: .requireSecondFactor)
            )
        }
    }

    struct RoleRequest: Decodable {
        var role: Role
    }

    struct CreateKeyRequest: Decodable {
        var name: String
        var expiresAt: Date?
        enum CodingKeys: String, CodingKey {
            case name
            case expiresAt = "expires_at"
        }
    }

    struct RotateKeyRequest: Decodable {
        var graceHours: Double?
        enum CodingKeys: String, CodingKey { case graceHours = "grace_hours" }
    }

    struct OrganizationDTO: Encodable {
        var view: OrganizationView
        enum CodingKeys: String, CodingKey {
            case id, name, plan, role
            case contactEmail = "contact_email"
            case billingAddress = "billing_address"
            case createdAt = "created_at"
            case deletedAt = "deleted_at"
            case restorableUntil = "restorable_until"
            case requireSecondFactor = "require_second_factor"
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(view.id.uuidString.lowercased(), forKey: .id)
            try container.encode(view.name, forKey: .name)
            try container.encode(view.plan.rawValue, forKey: .plan)
            try container.encode(view.role?.rawValue, forKey: .role)
            try container.encode(view.contactEmail, forKey: .contactEmail)
            try container.encode(view.billingAddress, forKey: .billingAddress)
            try container.encode(view.createdAt, forKey: .createdAt)
            try container.encode(view.deletedAt, forKey: .deletedAt)
            try container.encode(view.restorableUntil, forKey: .restorableUntil)
            try container.encode(view.requiresSecondFactor, forKey: .requireSecondFactor)
        }
    }

    struct MemberDTO: Encodable {
        var view: MemberView
        enum CodingKeys: String, CodingKey {
            case role, username
            case userID = "user_id"
            case displayName = "display_name"
            case joinedAt = "joined_at"
            case secondFactor = "second_factor"
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(view.userID.uuidString.lowercased(), forKey: .userID)
            try container.encode(view.username, forKey: .username)
            try container.encode(view.displayName, forKey: .displayName)
            try container.encode(view.role.rawValue, forKey: .role)
            try container.encode(view.joinedAt, forKey: .joinedAt)
            try container.encode(view.hasSecondFactor, forKey: .secondFactor)
        }
    }

    struct KeyDTO: Encodable {
        var view: APIKeyView
        enum CodingKeys: String, CodingKey {
            case id, name, prefix, revoked
            case createdAt = "created_at"
            case lastUsedDay = "last_used_day"
            case expiresAt = "expires_at"
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(view.id.uuidString.lowercased(), forKey: .id)
            try container.encode(view.name, forKey: .name)
            try container.encode(view.prefix, forKey: .prefix)
            try container.encode(view.revoked, forKey: .revoked)
            try container.encode(view.createdAt, forKey: .createdAt)
            try container.encode(view.lastUsedDay, forKey: .lastUsedDay)
            try container.encode(view.expiresAt, forKey: .expiresAt)
        }
    }

    /// The one response that contains a full key.
    struct CreatedKeyDTO: Encodable {
        var key: KeyDTO
        var secret: String
    }

    struct AuditDTO: Encodable {
        var event: AuditEvent
        enum CodingKeys: String, CodingKey {
            case id, action
            case occurredAt = "occurred_at"
            case actorType = "actor_type"
            case actorID = "actor_id"
            case targetType = "target_type"
            case targetID = "target_id"
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(event.id.uuidString.lowercased(), forKey: .id)
            try container.encode(event.occurredAt, forKey: .occurredAt)
            try container.encode(event.actorType, forKey: .actorType)
            try container.encode(event.actorID.uuidString.lowercased(), forKey: .actorID)
            try container.encode(event.action, forKey: .action)
            try container.encode(event.targetType, forKey: .targetType)
            try container.encode(event.targetID, forKey: .targetID)
        }
    }
}

/// A notice on the wire.
struct NoticeDTO: Encodable {
    var notice: Notice

    enum CodingKeys: String, CodingKey {
        case id, kind, title, body
        case publishedAt = "published_at"
        case effectiveAt = "effective_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(notice.id.uuidString.lowercased(), forKey: .id)
        try container.encode(notice.kind.rawValue, forKey: .kind)
        try container.encode(notice.title, forKey: .title)
        try container.encode(notice.body, forKey: .body)
        try container.encode(notice.publishedAt, forKey: .publishedAt)
        try container.encode(notice.effectiveAt, forKey: .effectiveAt)
    }
}
