import FlowstaCore
import FlowstaHTTP
import FlowstaPlatform
import Foundation

extension PlatformController {
    struct InviteRequest: Decodable {
        var email: String
        var role: Role
    }

    struct AcceptInviteRequest: Decodable {
        var token: String
    }

    struct InviteDTO: Encodable {
        var view: InviteView
        enum CodingKeys: String, CodingKey {
            case id, email, role
            case createdAt = "created_at"
            case expiresAt = "expires_at"
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(view.id.uuidString.lowercased(), forKey: .id)
            try container.encode(view.email, forKey: .email)
            try container.encode(view.role.rawValue, forKey: .role)
            try container.encode(view.createdAt, forKey: .createdAt)
            try container.encode(view.expiresAt, forKey: .expiresAt)
        }
    }
}
