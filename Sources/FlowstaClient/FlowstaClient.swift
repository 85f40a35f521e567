import FlowstaCore
import FlowstaCrypto
import Foundation

/// A Flowsta account as the API returns it.
public struct FlowstaUser: Sendable, Equatable, Decodable {
    public var id: String
    public var username: String
    public var displayName: String?
    public var email: String?
    public var did: String?

    enum CodingKeys: String, CodingKey {
        case id, username, email, did
        case displayName = "display_name"
    }
}

/// The result of a password operation: the account and the OPAQUE `export_key`, a secret only
/// this client knows (the root of the user's vault and analytics keys). The password itself is
/// never sent.
public struct FlowstaCredentials: Sendable {
    public var user: FlowstaUser
    public var exportKey: [UInt8]
}

/// The Swift SDK: registration, sign-in, password change and sign-out with OPAQUE (RFC 9807).
public actor FlowstaClient {
    let transport: any FlowstaTransport
    let opaque: OPAQUEClient
    /// The session cookie as sent back (`name=value`).
    private var sessionCookie: String?
    private var username: String?
    var currentCookie: String? { sessionCookie }
    /// The device token of the last sign-in (kept across sign-outs, like a browser's).
    private var deviceCookie: String?
    var currentDeviceCookie: String? { deviceCookie }

    /// - Parameters:
    ///   - baseURL: the Flowsta server, e.g. `https://auth.example.com`.
    ///   - configuration: OPAQUE configuration; keep the default to interoperate with every
    ///     Flowsta client (Argon2id m=19456 KiB, t=2, p=1).
    public init(baseURL: URL, configuration: OPAQUEConfiguration = .standard, transport: (any FlowstaTransport)? = nil) {
        self.transport = transport ?? URLSessionTransport(baseURL: baseURL)
        self.opaque = OPAQUEClient(configuration: configuration)
    }

    /// Whether a session is held.
    public var isSignedIn: Bool { sessionCookie != nil }

    /// Creates an account: solves the server's sign-up challenge (a proof of work of about a
    /// million SHA-256 hashes at the default difficulty), then registers with OPAQUE.
    public func register(username: String, password: String, displayName: String? = nil, email: String? = nil, agentPublicKey: [UInt8]? = nil) async throws -> FlowstaCredentials {
        let proof = try await signupProof(username: username)
        let (record, exportKey) = try await registrationRecord(username: username, password: password)
        let body = RegisterFinish(
            username: username, registrationRecord: Base64URL.encode(record.bytes), displayName: displayName, email: email,
            agentPubKey: agentPublicKey.map { Base64URL.encode($0) }, signupProof: proof
        )
        let envelope: UserEnvelope = try await call("POST", "auth/opaque/register/finish", body)
        return FlowstaCredentials(user: envelope.user, exportKey: exportKey)
    }

    /// Signs in; the session is kept for later calls.
    public func login(username: String, password: String) async throws -> FlowstaCredentials {
        let (ke1, state) = try opaque.startLogin(password: Array(password.utf8))
        let start: LoginStart = try await call("POST", "auth/opaque/login/start", ["username": username, "ke1": Base64URL.encode(ke1.bytes)])
        guard let ke2Bytes = Base64URL.decode(start.ke2), let ke2 = try? KE2(bytes: ke2Bytes) else {
            throw FlowstaClientError.invalidResponse("ke2 is not a valid KE2 message")
        }
        let ke3: KE3
        let exportKey: [UInt8]
        do {
            (ke3, _, exportKey) = try opaque.finishLogin(state: state, ke2: ke2)
        } catch {
            throw FlowstaClientError.authenticationFailed
        }
        let (envelope, response): (UserEnvelope, TransportResponse) = try await exchange(
            "POST", "auth/opaque/login/finish", ["login_id": start.loginID, "ke3": Base64URL.encode(ke3.bytes)]
        )
        guard let cookie = Self.sessionCookie(from: response) else {
            throw FlowstaClientError.invalidResponse("no session cookie in the login response")
        }
        sessionCookie = cookie
        if let device = Self.deviceCookie(from: response) { deviceCookie = device }
        self.username = envelope.user.username
        return FlowstaCredentials(user: envelope.user, exportKey: exportKey)
    }

    /// The signed-in account.
    public func me() async throws -> FlowstaUser {
        let envelope: UserEnvelope = try await call("GET", "auth/me", nil as [String: String]?)
        return envelope.user
    }

    /// Signs in again with the current password (the server wants a sign-in within the last 5
    /// minutes for a password change), then changes it.
    /// - Returns: the new `export_key` (vault keys derived from the old one must be re-wrapped).
    public func changePassword(from currentPassword: String, to newPassword: String) async throws -> FlowstaCredentials {
        guard isSignedIn, let username else { throw FlowstaClientError.notSignedIn }
        _ = try await login(username: username, password: currentPassword)
        return try await changePassword(to: newPassword)
    }

    /// Replaces the password with a new OPAQUE registration while signed in. Other sessions end,
    /// and every app's tokens are revoked. The server wants a sign-in within the last 5 minutes
    /// (else ``FlowstaClientError/server(status:error:description:)`` with
    /// `reauthentication_required`): ``changePassword(from:to:)`` signs in first.
    /// - Returns: the new `export_key` (vault keys derived from the old one must be re-wrapped).
    public func changePassword(to newPassword: String) async throws -> FlowstaCredentials {
        guard isSignedIn, let username else { throw FlowstaClientError.notSignedIn }
        let (record, exportKey) = try await registrationRecord(username: username, password: newPassword)
        let envelope: UserEnvelope = try await call("POST", "auth/opaque/register/finish", [
            "username": username, "registration_record": Base64URL.encode(record.bytes),
        ])
        return FlowstaCredentials(user: envelope.user, exportKey: exportKey)
    }

    /// Ends the session on the server and forgets it.
    public func logout() async throws {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        _ = try await send("POST", "auth/logout", nil as [String: String]?)
        sessionCookie = nil
        username = nil
    }

    /// Deletes the account and everything the server holds about it.
    public func deleteAccount() async throws {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        _ = try await send("DELETE", "auth/me", nil as [String: String]?)
        sessionCookie = nil
        username = nil
    }

    /// The solved sign-up challenge, or `nil` when the server asks for none.
    func signupProof(username: String) async throws -> RegisterFinish.Proof? {
        let challenge: SignupChallenge = try await call("GET", "auth/signup-challenge", nil as [String: String]?)
        guard challenge.difficulty > 0 else { return nil }
        let nonce = try ProofOfWork.solve(challenge: challenge.challenge, username: username.lowercased(), difficulty: challenge.difficulty)
        return RegisterFinish.Proof(challenge: challenge.challenge, nonce: nonce)
    }

    private func registrationRecord(username: String, password: String) async throws -> (RegistrationRecord, [UInt8]) {
        let (request, state) = try opaque.startRegistration(password: Array(password.utf8))
        let start: RegisterStart = try await call("POST", "auth/opaque/register/start", [
            "username": username, "registration_request": Base64URL.encode(request.bytes),
        ])
        guard let bytes = Base64URL.decode(start.registrationResponse), let response = try? RegistrationResponse(bytes: bytes) else {
            throw FlowstaClientError.invalidResponse("registration_response is not a valid OPAQUE message")
        }
        return try opaque.finishRegistration(state: state, response: response)
    }
}
