import Crypto
import FlowstaCore
import FlowstaCrypto
import Foundation

/// A desktop agent's request to add its key: show ``userCode`` to the user (who types it on the
/// account page), then poll ``FlowstaClient/deviceEnrolmentStatus(_:)``.
public struct FlowstaDeviceEnrolment: Sendable, Equatable, Decodable {
    public var enrolmentID: String
    public var userCode: String
    public var pollSecret: String
    public var verificationURI: String

    enum CodingKeys: String, CodingKey {
        case enrolmentID = "enrolment_id"
        case userCode = "user_code"
        case pollSecret = "poll_secret"
        case verificationURI = "verification_uri"
    }
}

extension FlowstaClient {
    struct EnrolmentState: Decodable {
        var status: String
        var deviceKeyID: String?
        enum CodingKeys: String, CodingKey {
            case status
            case deviceKeyID = "device_key_id"
        }
    }

    struct DeviceKeyChallenge: Decodable {
        var loginID: String
        var challenge: String
        enum CodingKeys: String, CodingKey {
            case challenge
            case loginID = "login_id"
        }
    }

    /// A desktop agent asks to add `key` (kept by the agent: only its public key is sent).
    public func enrolDevice(key: Curve25519.Signing.PrivateKey, name: String) async throws -> FlowstaDeviceEnrolment {
        try await call("POST", "auth/device-keys/enrolments", [
            "public_key": Base64URL.encode([UInt8](key.publicKey.rawRepresentation)), "name": name,
        ])
    }

    /// The enrolment now: `pending`, `approved` (with the device key id), `denied` or `expired`.
    public func deviceEnrolmentStatus(_ enrolment: FlowstaDeviceEnrolment) async throws -> (status: String, deviceKeyID: String?) {
        let state: EnrolmentState = try await call(
            "POST", "auth/device-keys/enrolments/" + FlowstaOAuthClient.encode(enrolment.enrolmentID) + "/status", ["poll_secret": enrolment.pollSecret]
        )
        return (state.status, state.deviceKeyID)
    }

    /// Signs in with an approved device key, no password: signs the server's challenge
    /// (``DeviceKeyProof``) and keeps the session. The session holds no root key.
    @discardableResult
    public func signIn(deviceKeyID: String, key: Curve25519.Signing.PrivateKey) async throws -> FlowstaUser {
        let issued: DeviceKeyChallenge = try await call("POST", "auth/device-keys/login/start", ["device_key_id": deviceKeyID])
        guard let challenge = Base64URL.decode(issued.challenge) else { throw FlowstaClientError.invalidResponse("the challenge is not base64url") }
        let did = try DIDKey.did(ed25519PublicKey: [UInt8](key.publicKey.rawRepresentation))
        let signature = Base64URL.encode([UInt8](try key.signature(for: DeviceKeyProof.message(did: did, challenge: challenge))))
        let (envelope, response): (UserEnvelope, TransportResponse) = try await exchange("POST", "auth/device-keys/login/finish", [
            "device_key_id": deviceKeyID, "login_id": issued.loginID, "signature": signature,
        ])
        try adopt(response, user: envelope.user)
        return envelope.user
    }
}
