import Crypto
import FlowstaCore
import FlowstaCrypto
import Foundation

/// A session of the signed-in user as the account page lists it.
public struct FlowstaSession: Sendable, Equatable, Decodable {
    public var id: String
    /// The day the session began (`YYYY-MM-DD`, UTC): nothing finer, nothing about the device.
    public var createdOn: String
    public var current: Bool

    enum CodingKeys: String, CodingKey {
        case id, current
        case createdOn = "created_on"
    }
}

/// Recovery, reset, verified email and sessions (docs/keys.md).
extension FlowstaClient {
    /// Makes a new recovery code (the old one stops working). Needs a sign-in within the last 5
    /// minutes. - Returns: the code, to show once.
    public func newRecoveryCode() async throws -> RecoveryCode {
        guard isSignedIn, let rootKey else { throw FlowstaClientError.notSignedIn }
        let user = try await me()
        let code = RecoveryCode.generate()
        let (record, exportKey) = try await recoveryRecord(code)
        let envelope = try KeyEnvelope.seal(rootKey.bytes, kind: .recovery, lockSecret: exportKey, userID: try Self.userID(user))
        _ = try await send("PUT", "auth/recovery", LockBody(registrationRecord: Base64URL.encode(record.bytes), envelope: Base64URL.encode(envelope)))
        return code
    }

    /// "Forgot password" with the recovery code: proves the code (it is never sent), opens the
    /// root key from the recovery envelope, sets `newPassword` with the root key re-sealed under
    /// it, and signs in. Nothing is lost; every other session ends and apps' tokens are revoked.
    public func recover(username: String, recoveryCode typed: String, newPassword: String) async throws -> FlowstaCredentials {
        guard let code = RecoveryCode(typed: typed) else { throw FlowstaClientError.authenticationFailed }
        let (ke1, state) = try opaque.startLogin(password: Array(code.normalized.utf8))
        let start: LoginStart = try await call("POST", "auth/recovery/start", ["username": username, "ke1": Base64URL.encode(ke1.bytes)])
        guard let ke2Bytes = Base64URL.decode(start.ke2), let ke2 = try? KE2(bytes: ke2Bytes) else {
            throw FlowstaClientError.invalidResponse("ke2 is not a valid KE2 message")
        }
        let ke3: KE3
        let recoveryKey: [UInt8]
        do {
            (ke3, _, recoveryKey) = try opaque.finishLogin(state: state, ke2: ke2)
        } catch {
            throw FlowstaClientError.authenticationFailed
        }
        let (request, registration) = try opaque.startRegistration(password: Array(newPassword.utf8))
        let proof: RecoveryFinish = try await call("POST", "auth/recovery/finish", [
            "login_id": start.loginID, "ke3": Base64URL.encode(ke3.bytes), "registration_request": Base64URL.encode(request.bytes),
        ])
        guard let userID = UUID(uuidString: proof.userID) else { throw FlowstaClientError.invalidResponse("user_id is not a UUID") }
        let envelopes = try Self.envelopes(proof.envelopes)
        guard let sealed = envelopes[.recovery] else { throw FlowstaClientError.invalidResponse("no recovery envelope") }
        let rootKey = try Self.open(sealed, .recovery, recoveryKey, userID)
        let (record, exportKey) = try finishRegistration(registration, proof.registrationResponse)
        let envelope = try KeyEnvelope.seal(rootKey.bytes, kind: .password, lockSecret: exportKey, userID: userID)
        let (signedIn, response): (UserEnvelope, TransportResponse) = try await exchange("POST", "auth/recovery/complete", [
            "recovery_token": proof.recoveryToken, "registration_record": Base64URL.encode(record.bytes), "envelope": Base64URL.encode(envelope),
        ])
        try adopt(response, user: signedIn.user)
        self.rootKey = rootKey
        return FlowstaCredentials(
            user: signedIn.user, exportKey: exportKey, rootKey: rootKey,
            legacyVaultKey: try envelopes[.legacyVault].map { try KeyEnvelope.open($0, kind: .legacyVault, lockSecret: rootKey.bytes, userID: userID) }
        )
    }

    /// Asks for a reset link to `email`. The server answers the same whether or not an account
    /// verified that address.
    public func requestPasswordReset(email: String) async throws {
        _ = try await send("POST", "auth/password-reset", ["email": email])
    }

    /// Follows a reset link (`token`: what follows `#token=`): sets `newPassword` with a **new**
    /// root key and a new recovery code, and signs in. The vault's entries are deleted (nothing
    /// could open them any more); apps, consents and organizations stay.
    public func resetPassword(token: String, newPassword: String) async throws -> FlowstaCredentials {
        let code = RecoveryCode.generate()
        let (request, registration) = try opaque.startRegistration(password: Array(newPassword.utf8))
        let (recoveryRequest, recoveryRegistration) = try opaque.startRegistration(password: Array(code.normalized.utf8))
        let start: ResetStart = try await call("POST", "auth/password-reset/start", [
            "token": token, "registration_request": Base64URL.encode(request.bytes),
            "recovery_registration_request": Base64URL.encode(recoveryRequest.bytes),
        ])
        guard let userID = UUID(uuidString: start.userID), let recoveryResponse = start.recoveryRegistrationResponse else {
            throw FlowstaClientError.invalidResponse("the reset start lacks user_id or recovery_registration_response")
        }
        let (record, exportKey) = try finishRegistration(registration, start.registrationResponse)
        let (recoveryRecord, recoveryKey) = try finishRegistration(recoveryRegistration, recoveryResponse)
        let rootKey = RootKey.generate()
        let body = ResetComplete(
            token: token, registrationRecord: Base64URL.encode(record.bytes),
            envelope: Base64URL.encode(try KeyEnvelope.seal(rootKey.bytes, kind: .password, lockSecret: exportKey, userID: userID)),
            recovery: LockBody(
                registrationRecord: Base64URL.encode(recoveryRecord.bytes),
                envelope: Base64URL.encode(try KeyEnvelope.seal(rootKey.bytes, kind: .recovery, lockSecret: recoveryKey, userID: userID))
            )
        )
        let (signedIn, response): (UserEnvelope, TransportResponse) = try await exchange("POST", "auth/password-reset/complete", body)
        try adopt(response, user: signedIn.user)
        self.rootKey = rootKey
        return FlowstaCredentials(user: signedIn.user, exportKey: exportKey, rootKey: rootKey, recoveryCode: code)
    }

    /// Follows a verification link (`token`: what follows `#token=`).
    public func verifyEmail(token: String) async throws -> FlowstaUser {
        let verified: UserEnvelope = try await call("POST", "auth/email/verify", ["token": token])
        return verified.user
    }

    /// Sends the signed-in user's unverified address a new verification link.
    public func requestEmailVerification() async throws {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        _ = try await send("POST", "auth/email/verification", nil as [String: String]?)
    }

    /// The signed-in user's sessions, newest first.
    public func sessions() async throws -> [FlowstaSession] {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        let list: SessionList = try await call("GET", "auth/sessions", nil as [String: String]?)
        return list.items
    }

    /// Signs one session out (this one included: then this client is signed out).
    public func endSession(id: String) async throws {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        let current = try await sessions().first { $0.id == id }?.current == true
        _ = try await send("DELETE", "auth/sessions/" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), nil as [String: String]?)
        if current { forgetSession() }
    }

    /// Signs every other session out.
    public func endOtherSessions() async throws {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        _ = try await send("DELETE", "auth/sessions", nil as [String: String]?)
    }

    // MARK: Internals

    /// Stores a new account's first envelopes: the password envelope, a `legacy-vault` one for
    /// an older account's format-1 vault key, and (by default) a fresh recovery code's lock.
    /// - Returns: the recovery code, when one was made.
    func setUpKeys(userID rawID: String, exportKey: [UInt8], rootKey: RootKey, legacyVaultKey: [UInt8]?, recovery: Bool = true) async throws -> RecoveryCode? {
        guard let userID = UUID(uuidString: rawID) else { throw FlowstaClientError.invalidResponse("the user id is not a UUID") }
        var envelopes = [EnvelopeBody(kind: .password, bytes: try KeyEnvelope.seal(rootKey.bytes, kind: .password, lockSecret: exportKey, userID: userID))]
        if let legacyVaultKey {
            envelopes.append(EnvelopeBody(kind: .legacyVault, bytes: try KeyEnvelope.seal(legacyVaultKey, kind: .legacyVault, lockSecret: rootKey.bytes, userID: userID)))
        }
        var lock: LockBody?
        var code: RecoveryCode?
        if recovery {
            let fresh = RecoveryCode.generate()
            let (record, recoveryKey) = try await recoveryRecord(fresh)
            lock = LockBody(
                registrationRecord: Base64URL.encode(record.bytes),
                envelope: Base64URL.encode(try KeyEnvelope.seal(rootKey.bytes, kind: .recovery, lockSecret: recoveryKey, userID: userID))
            )
            code = fresh
        }
        _ = try await send("POST", "auth/keys", KeySetup(envelopes: envelopes, recovery: lock))
        return code
    }

    /// The OPAQUE record of a recovery code (signed in, fresh).
    func recoveryRecord(_ code: RecoveryCode) async throws -> (RegistrationRecord, [UInt8]) {
        let (request, state) = try opaque.startRegistration(password: Array(code.normalized.utf8))
        let start: RegisterStart = try await call("POST", "auth/recovery/register/start", ["registration_request": Base64URL.encode(request.bytes)])
        return try finishRegistration(state, start.registrationResponse)
    }

    func finishRegistration(_ state: ClientRegistrationState, _ response: String) throws -> (RegistrationRecord, [UInt8]) {
        guard let bytes = Base64URL.decode(response), let parsed = try? RegistrationResponse(bytes: bytes) else {
            throw FlowstaClientError.invalidResponse("registration_response is not a valid OPAQUE message")
        }
        return try opaque.finishRegistration(state: state, response: parsed)
    }

    static func userID(_ user: FlowstaUser) throws -> UUID {
        guard let id = UUID(uuidString: user.id) else { throw FlowstaClientError.invalidResponse("the user id is not a UUID") }
        return id
    }

    /// Opens the root key from an envelope; a failure means the server sent an envelope this
    /// secret does not open (never a wrong password: OPAQUE caught that first).
    static func open(_ envelope: [UInt8], _ kind: KeyEnvelope.Kind, _ secret: [UInt8], _ userID: UUID) throws -> RootKey {
        do {
            return try RootKey(bytes: try KeyEnvelope.open(envelope, kind: kind, lockSecret: secret, userID: userID))
        } catch {
            throw FlowstaClientError.invalidResponse("the \(kind.rawValue) envelope does not open")
        }
    }

    static func envelopes(_ list: [EnvelopeBody]?) throws -> [KeyEnvelope.Kind: [UInt8]] {
        var out: [KeyEnvelope.Kind: [UInt8]] = [:]
        for item in list ?? [] {
            guard let kind = KeyEnvelope.Kind(rawValue: item.kind) else { continue }
            guard let bytes = Base64URL.decode(item.envelope) else { throw FlowstaClientError.invalidResponse("an envelope is not base64url") }
            out[kind] = bytes
        }
        return out
    }

    static func rawKey(_ key: SymmetricKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }

    struct EnvelopeBody: Codable {
        var kind: String
        var envelope: String
        init(kind: KeyEnvelope.Kind, bytes: [UInt8]) {
            self.kind = kind.rawValue
            self.envelope = Base64URL.encode(bytes)
        }
    }

    struct SignInResponse: Decodable {
        var user: FlowstaUser
        var envelopes: [EnvelopeBody]?
    }

    /// login/finish's answer: a sign-in, or (an account with a second factor) a login token.
    struct LoginFinishResponse: Decodable {
        var user: FlowstaUser?
        var envelopes: [EnvelopeBody]?
        var secondFactorRequired: Bool?
        var loginToken: String?
        enum CodingKeys: String, CodingKey {
            case user, envelopes
            case secondFactorRequired = "second_factor_required"
            case loginToken = "login_token"
        }
    }

    struct LockBody: Encodable {
        var registrationRecord: String
        var envelope: String
        enum CodingKeys: String, CodingKey {
            case registrationRecord = "registration_record"
            case envelope
        }
    }

    struct KeySetup: Encodable {
        var envelopes: [EnvelopeBody]
        var recovery: LockBody?
    }

    struct PasswordChange: Encodable {
        var registrationRecord: String
        var envelope: String
        enum CodingKeys: String, CodingKey {
            case registrationRecord = "registration_record"
            case envelope
        }
    }

    struct RecoveryFinish: Decodable {
        var recoveryToken: String
        var registrationResponse: String
        var userID: String
        var envelopes: [EnvelopeBody]
        enum CodingKeys: String, CodingKey {
            case recoveryToken = "recovery_token"
            case registrationResponse = "registration_response"
            case userID = "user_id"
            case envelopes
        }
    }

    struct ResetStart: Decodable {
        var registrationResponse: String
        var recoveryRegistrationResponse: String?
        var userID: String
        enum CodingKeys: String, CodingKey {
            case registrationResponse = "registration_response"
            case recoveryRegistrationResponse = "recovery_registration_response"
            case userID = "user_id"
        }
    }

    struct ResetComplete: Encodable {
        var token: String
        var registrationRecord: String
        var envelope: String
        var recovery: LockBody
        enum CodingKeys: String, CodingKey {
            case token, envelope, recovery
            case registrationRecord = "registration_record"
        }
    }

    struct SessionList: Decodable {
        var items: [FlowstaSession]
    }
}
