import FlowstaHTTP
import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import Foundation

extension AccountController {
    /// One envelope on the wire: `{"kind", "envelope"}` (base64url).
    struct EnvelopeDTO: Codable {
        var kind: String
        var envelope: String

        static func list(_ envelopes: [KeyEnvelope.Kind: [UInt8]]) -> [EnvelopeDTO] {
            envelopes.sorted { $0.key.rawValue < $1.key.rawValue }.map { EnvelopeDTO(kind: $0.key.rawValue, envelope: Base64URL.encode($0.value)) }
        }

        /// Parses a request's envelopes: known kinds, each at most once.
        static func dictionary(_ list: [EnvelopeDTO]) throws -> [KeyEnvelope.Kind: String] {
            guard list.count <= KeyEnvelope.Kind.allCases.count else { throw AccountError.invalidRequest("envelopes has too many items") }
            var out: [KeyEnvelope.Kind: String] = [:]
            for item in list {
                guard let kind = KeyEnvelope.Kind(rawValue: item.kind) else {
                    throw AccountError.invalidRequest("envelopes[].kind must be one of: \(KeyEnvelope.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard out.updateValue(item.envelope, forKey: kind) == nil else { throw AccountError.invalidRequest("envelopes has \(kind.rawValue) twice") }
            }
            return out
        }
    }

    /// `POST /auth/keys/unlock/start`: which lock to open (`password` or `recovery`) and `KE1`.
    struct UnlockStartRequest: Decodable {
        var lock: String
        var ke1: String
    }

    /// The `lock` of an unlock request: `password` or `recovery`.
    static func unlockLock(_ raw: String) throws -> KeyEnvelope.Kind {
        guard let kind = KeyEnvelope.Kind(rawValue: raw), kind == .password || kind == .recovery else {
            throw AccountError.invalidRequest("lock must be password or recovery")
        }
        return kind
    }

    struct UnlockStartResponse: Encodable {
        var unlockID: String
        var ke2: String
        enum CodingKeys: String, CodingKey {
            case unlockID = "unlock_id"
            case ke2
        }
    }

    struct UnlockFinishRequest: Decodable {
        var lock: String
        var unlockID: String
        var ke3: String
        enum CodingKeys: String, CodingKey {
            case lock, ke3
            case unlockID = "unlock_id"
        }
    }

    struct UnlockFinishResponse: Encodable {
        var envelopes: [EnvelopeDTO]
    }

    struct KindsResponse: Encodable {
        var kinds: [String]
        init(kinds: [KeyEnvelope.Kind]) { self.kinds = kinds.map(\.rawValue) }
    }

    struct RecoveryLockBody: Decodable {
        var registrationRecord: String
        var envelope: String
        enum CodingKeys: String, CodingKey {
            case registrationRecord = "registration_record"
            case envelope
        }
    }

    struct KeySetupRequest: Decodable {
        var envelopes: [EnvelopeDTO]
        var recovery: RecoveryLockBody?
    }

    struct RegistrationRequestBody: Decodable {
        var registrationRequest: String
        enum CodingKeys: String, CodingKey { case registrationRequest = "registration_request" }
    }

    struct PasswordChangeBody: Decodable {
        var registrationRecord: String
        var envelope: String?
        enum CodingKeys: String, CodingKey {
            case registrationRecord = "registration_record"
            case envelope
        }
    }

    struct RecoveryFinishBody: Decodable {
        var loginID: String
        var ke3: String
        var registrationRequest: String
        enum CodingKeys: String, CodingKey {
            case loginID = "login_id"
            case ke3
            case registrationRequest = "registration_request"
        }
    }

    struct RecoveryFinishResponse: Encodable {
        var recoveryToken: String
        var registrationResponse: String
        /// The lowercase UUID (the envelopes' AAD spells it so).
        var userID: String
        var envelopes: [EnvelopeDTO]
        /// Completing the recovery takes a code of the account's second factor.
        var secondFactorRequired: Bool
        enum CodingKeys: String, CodingKey {
            case recoveryToken = "recovery_token"
            case registrationResponse = "registration_response"
            case userID = "user_id"
            case envelopes
            case secondFactorRequired = "second_factor_required"
        }
    }

    struct RecoveryCompleteBody: Decodable {
        var recoveryToken: String
        var registrationRecord: String
        var envelope: String
        var secondFactor: SecondFactorBody?
        enum CodingKeys: String, CodingKey {
            case recoveryToken = "recovery_token"
            case registrationRecord = "registration_record"
            case envelope
            case secondFactor = "second_factor"
        }
    }

    struct PasswordResetBody: Decodable {
        var email: String
    }

    struct ResetStartBody: Decodable {
        var token: String
        var registrationRequest: String
        var recoveryRegistrationRequest: String?
        enum CodingKeys: String, CodingKey {
            case token
            case registrationRequest = "registration_request"
            case recoveryRegistrationRequest = "recovery_registration_request"
        }
    }

    struct ResetStartResponse: Encodable {
        var registrationResponse: String
        var recoveryRegistrationResponse: String?
        /// The lowercase UUID (the envelopes' AAD spells it so).
        var userID: String
        var username: String
        /// Completing the reset takes a code of the account's second factor.
        var secondFactorRequired: Bool
        enum CodingKeys: String, CodingKey {
            case registrationResponse = "registration_response"
            case recoveryRegistrationResponse = "recovery_registration_response"
            case userID = "user_id"
            case username
            case secondFactorRequired = "second_factor_required"
        }

        /// `recovery_registration_response` is always present (`null` when not asked for).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(registrationResponse, forKey: .registrationResponse)
            try container.encode(recoveryRegistrationResponse, forKey: .recoveryRegistrationResponse)
            try container.encode(userID, forKey: .userID)
            try container.encode(username, forKey: .username)
            try container.encode(secondFactorRequired, forKey: .secondFactorRequired)
        }
    }

    struct ResetCompleteBody: Decodable {
        var token: String
        var registrationRecord: String
        var envelope: String
        var recovery: RecoveryLockBody?
        var secondFactor: SecondFactorBody?
        enum CodingKeys: String, CodingKey {
            case token
            case registrationRecord = "registration_record"
            case envelope, recovery
            case secondFactor = "second_factor"
        }
    }

    struct TokenBody: Decodable {
        var token: String
    }

    struct EmptyObject: Encodable {}

    struct SessionDTO: Encodable {
        var id: String
        var createdOn: String
        var expiresAt: Date
        var current: Bool
        enum CodingKeys: String, CodingKey {
            case id, current
            case createdOn = "created_on"
            case expiresAt = "expires_at"
        }

        /// The day only: when exactly a session began is not the account page's business.
        init(_ summary: SessionSummary) {
            id = summary.id
            createdOn = UTCDay.string(from: summary.createdAt)
            expiresAt = summary.expiresAt
            current = summary.current
        }
    }

    struct SessionList: Encodable {
        var items: [SessionDTO]
    }
}
