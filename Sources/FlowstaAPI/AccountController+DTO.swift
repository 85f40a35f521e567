import FlowstaCore
import FlowstaHTTP
import FlowstaAccounts
import Foundation

extension AccountController {
    struct RegisterStartRequest: Decodable {
        var username: String
        var registrationRequest: String
        enum CodingKeys: String, CodingKey {
            case username
            case registrationRequest = "registration_request"
        }
    }

    struct RegisterStartResponse: Encodable {
        var registrationResponse: String
        enum CodingKeys: String, CodingKey { case registrationResponse = "registration_response" }
    }

    struct RegisterFinishRequest: Decodable {
        var username: String
        var registrationRecord: String
        var displayName: String?
        var email: String?
        var agentPubKey: String?
        var agentPubKeySignature: String?
        var signupProof: SignupProofDTO?
        enum CodingKeys: String, CodingKey {
            case username
            case registrationRecord = "registration_record"
            case displayName = "display_name"
            case email
            case agentPubKey = "agent_pub_key"
            case agentPubKeySignature = "agent_pub_key_signature"
            case signupProof = "signup_proof"
        }
    }

    struct SignupProofDTO: Decodable {
        var challenge: String
        var nonce: String
    }

    struct SignupChallengeResponse: Encodable {
        var challenge: String
        var difficulty: Int
        var expiresAt: Date
        enum CodingKeys: String, CodingKey {
            case challenge, difficulty
            case expiresAt = "expires_at"
        }
    }

    struct LoginStartRequest: Decodable {
        var username: String
        var ke1: String
    }

    struct LoginStartResponse: Encodable {
        var loginID: String
        var ke2: String
        enum CodingKeys: String, CodingKey {
            case loginID = "login_id"
            case ke2
        }
    }

    struct LoginFinishRequest: Decodable {
        var loginID: String
        var ke3: String
        enum CodingKeys: String, CodingKey {
            case loginID = "login_id"
            case ke3
        }
    }

    /// `PATCH /auth/me`: absent fields are kept, `null` clears an optional field.
    struct ProfilePatchRequest: Decodable {
        var update: ProfileUpdate

        enum CodingKeys: String, CodingKey {
            case username
            case displayName = "display_name"
            case email
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            update = ProfileUpdate(
                username: try container.decodeIfPresent(String.self, forKey: .username),
                displayName: try Self.field(.displayName, in: container),
                email: try Self.field(.email, in: container)
            )
        }

        private static func field(_ key: CodingKeys, in container: KeyedDecodingContainer<CodingKeys>) throws -> FieldUpdate {
            switch try container.decodePatch(key) {
            case .none: .keep
            case .some(.none): .clear
            case .some(.some(let value)): .set(value)
            }
        }
    }

    struct UserEnvelope: Encodable {
        var user: UserDTO
    }

    /// `POST /auth/opaque/login/finish`: the account and the envelopes the sign-in can open.
    struct SignInResponse: Encodable {
        var user: UserDTO
        var envelopes: [EnvelopeDTO]
    }

    /// The `user` object of every account response.
    struct UserDTO: Encodable {
        var id: UUID
        var username: String
        var displayName: String?
        var email: String?
        var emailVerified: Bool
        var did: String?
        var createdAt: Date

        init(_ profile: UserProfile) {
            id = profile.id
            username = profile.username
            displayName = profile.displayName
            email = profile.email
            emailVerified = profile.emailVerified
            did = profile.did
            createdAt = profile.createdAt
        }

        enum CodingKeys: String, CodingKey {
            case id, username, email, did
            case displayName = "display_name"
            case emailVerified = "email_verified"
            case createdAt = "created_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id.uuidString.lowercased(), forKey: .id)
            try container.encode(username, forKey: .username)
            try container.encode(displayName, forKey: .displayName)
            try container.encode(email, forKey: .email)
            try container.encode(emailVerified, forKey: .emailVerified)
            try container.encode(did, forKey: .did)
            try container.encode(createdAt, forKey: .createdAt)
        }
    }
}
