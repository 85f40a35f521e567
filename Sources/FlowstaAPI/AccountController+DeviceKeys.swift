import FlowstaAccounts
import FlowstaCore
import FlowstaHTTP
import Foundation
import Hummingbird

/// Device keys (issue #21): a desktop agent asks to add its key and polls; the signed-in user
/// approves it with the agent's code; the agent signs in by signing a challenge; the user lists
/// and removes devices.
extension AccountController {
    func addDeviceKeyRoutes(public auth: RouterGroup<AppRequestContext>, signedIn me: RouterGroup<AuthenticatedRequestContext>) {
        auth.post("device-keys/enrolments", use: startDeviceKeyEnrolment)
        auth.post("device-keys/enrolments/:id/status", use: deviceKeyEnrolmentStatus)
        auth.post("device-keys/login/start", use: deviceKeyLoginStart)
        auth.post("device-keys/login/finish", use: deviceKeyLoginFinish)
        me.post("device-keys/approve", use: approveDeviceKey)
        me.post("device-keys/deny", use: denyDeviceKey)
        me.get("device-keys", use: listDeviceKeys)
        me.delete("device-keys/:id", use: removeDeviceKey)
    }

    struct EnrolmentBody: Decodable {
        var publicKey: String
        var name: String
        enum CodingKeys: String, CodingKey {
            case name
            case publicKey = "public_key"
        }
    }

    struct EnrolmentDTO: Encodable {
        var enrolmentID: String
        var userCode: String
        var pollSecret: String
        var verificationURI: String
        var expiresAt: Date
        var interval: Int
        enum CodingKeys: String, CodingKey {
            case interval
            case enrolmentID = "enrolment_id"
            case userCode = "user_code"
            case pollSecret = "poll_secret"
            case verificationURI = "verification_uri"
            case expiresAt = "expires_at"
        }
    }

    struct PollBody: Decodable {
        var pollSecret: String
        enum CodingKeys: String, CodingKey { case pollSecret = "poll_secret" }
    }

    struct EnrolmentStatusDTO: Encodable {
        var status: String
        var deviceKeyID: String?
        enum CodingKeys: String, CodingKey {
            case status
            case deviceKeyID = "device_key_id"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(deviceKeyID, forKey: .deviceKeyID)
        }
    }

    struct DeviceKeyLoginStartBody: Decodable {
        var deviceKeyID: UUID
        enum CodingKeys: String, CodingKey { case deviceKeyID = "device_key_id" }
    }

    struct DeviceKeyLoginFinishBody: Decodable {
        var deviceKeyID: UUID
        var loginID: String
        var signature: String
        enum CodingKeys: String, CodingKey {
            case signature
            case deviceKeyID = "device_key_id"
            case loginID = "login_id"
        }
    }

    struct DeviceKeyChallengeDTO: Encodable {
        var loginID: String
        var challenge: String
        enum CodingKeys: String, CodingKey {
            case challenge
            case loginID = "login_id"
        }
    }

    struct UserCodeBody: Decodable {
        var userCode: String
        enum CodingKeys: String, CodingKey { case userCode = "user_code" }
    }

    struct DeviceKeyDTO: Encodable {
        var id: String
        var name: String
        var did: String
        var createdAt: Date
        var lastUsedAt: Date?
        enum CodingKeys: String, CodingKey {
            case id, name, did
            case createdAt = "created_at"
            case lastUsedAt = "last_used_at"
        }

        init(_ key: StoredDeviceKey) {
            id = key.id.uuidString.lowercased()
            name = key.name
            did = key.did
            createdAt = key.createdAt
            lastUsedAt = key.lastUsedAt
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(did, forKey: .did)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(lastUsedAt, forKey: .lastUsedAt)
        }
    }

    struct DeviceKeyList: Encodable {
        var deviceKeys: [DeviceKeyDTO]
        enum CodingKeys: String, CodingKey { case deviceKeys = "device_keys" }
    }

    @Sendable func startDeviceKeyEnrolment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(EnrolmentBody.self, from: request)
        let started = try await accounts.startDeviceKeyEnrolment(publicKey: body.publicKey, name: body.name)
        var response = try JSONResponse(value: EnrolmentDTO(
            enrolmentID: started.id.uuidString.lowercased(), userCode: started.userCode, pollSecret: started.pollSecret,
            verificationURI: accounts.publicBaseURL + "/account#devices", expiresAt: started.expiresAt, interval: 5
        ), status: .created).build()
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func deviceKeyEnrolmentStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AccountError.invalidLogin }
        let body = try await JSONBody.decode(PollBody.self, from: request)
        let state = try await accounts.deviceKeyEnrolmentState(id: id, pollSecret: body.pollSecret)
        let dto = switch state {
        case .pending: EnrolmentStatusDTO(status: "pending")
        case .approved(let keyID): EnrolmentStatusDTO(status: "approved", deviceKeyID: keyID.uuidString.lowercased())
        case .denied: EnrolmentStatusDTO(status: "denied")
        case .expired: EnrolmentStatusDTO(status: "expired")
        }
        return try Self.noStore(dto)
    }

    @Sendable func deviceKeyLoginStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(DeviceKeyLoginStartBody.self, from: request)
        let (loginID, challenge) = try await accounts.startDeviceKeySignIn(keyID: body.deviceKeyID)
        return try Self.noStore(DeviceKeyChallengeDTO(loginID: loginID, challenge: Base64URL.encode(challenge)))
    }

    @Sendable func deviceKeyLoginFinish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(DeviceKeyLoginFinishBody.self, from: request)
        let signIn = try await accounts.finishDeviceKeySignIn(keyID: body.deviceKeyID, loginID: body.loginID, signature: body.signature)
        return withSignInCookies(try JSONResponse(value: UserEnvelope(user: UserDTO(signIn.profile))).build(), signIn)
    }

    @Sendable func approveDeviceKey(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(UserCodeBody.self, from: request)
        let key = try await accounts.approveDeviceKey(context.session, userCode: body.userCode)
        return try JSONResponse(value: DeviceKeyDTO(key), status: .created).build()
    }

    @Sendable func denyDeviceKey(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(UserCodeBody.self, from: request)
        try await accounts.denyDeviceKey(context.session, userCode: body.userCode)
        return Response(status: .noContent)
    }

    @Sendable func listDeviceKeys(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try JSONResponse(value: DeviceKeyList(deviceKeys: try await accounts.deviceKeys(context.session).map(DeviceKeyDTO.init))).build()
    }

    @Sendable func removeDeviceKey(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AccountError.deviceKeyNotFound }
        try await accounts.removeDeviceKey(context.session, id: id)
        return Response(status: .noContent)
    }
}
