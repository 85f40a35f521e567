import FlowstaCore
import FlowstaCrypto
import Foundation

/// A Flowsta account as the API returns it.
public struct FlowstaUser: Sendable, Equatable, Decodable {
    public var id: String
    public var username: String
    public var displayName: String?
    public var email: String?
    /// Whether the user followed the verification link sent to `email`.
    public var emailVerified: Bool?
    public var did: String?

    enum CodingKeys: String, CodingKey {
        case id, username, email, did
        case displayName = "display_name"
        case emailVerified = "email_verified"
    }
}

/// The result of a password operation: the account, its root key (docs/keys.md: the vault key
/// and the analytics root derive from it) and the OPAQUE `export_key` of this sign-in — secrets
/// only this client knows. The password itself is never sent.
public struct FlowstaCredentials: Sendable {
    public var user: FlowstaUser
    /// The export key of the password (or recovery code) this operation used.
    public var exportKey: [UInt8]
    /// The user's root key: ``FlowstaVault/key(rootKey:)``, ``FlowstaAnalytics/root(rootKey:)``.
    public var rootKey: RootKey?
    /// The format-1 vault key of an account older than the root key (from its `legacy-vault`
    /// envelope), to read entries written before.
    public var legacyVaultKey: [UInt8]?
    /// A new recovery code, when this operation made one (sign-up, reset): show it to the user
    /// once; it is never sent and cannot be shown again.
    public var recoveryCode: RecoveryCode?

    public init(user: FlowstaUser, exportKey: [UInt8], rootKey: RootKey? = nil, legacyVaultKey: [UInt8]? = nil, recoveryCode: RecoveryCode? = nil) {
        self.user = user
        self.exportKey = exportKey
        self.rootKey = rootKey
        self.legacyVaultKey = legacyVaultKey
        self.recoveryCode = recoveryCode
    }
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
    /// The root key opened at the last sign-in (for a password change or a new recovery code).
    var rootKey: RootKey?

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

    /// Forgets the session and the keys opened with it.
    func forgetSession() {
        sessionCookie = nil
        username = nil
        rootKey = nil
    }

    /// Creates an account: solves the server's sign-up challenge (a proof of work of about a
    /// million SHA-256 hashes at the default difficulty), registers with OPAQUE, signs in, and
    /// gives the account its root key, a recovery code (returned once in
    /// ``FlowstaCredentials/recoveryCode``: show it to the user) and its signing key (the root
    /// key's, ``registerSigningKey()``: the account's `did`).
    public func register(username: String, password: String, displayName: String? = nil, email: String? = nil) async throws -> FlowstaCredentials {
        let proof = try await signupProof(username: username)
        let (record, _) = try await registrationRecord(username: username, password: password)
        let body = RegisterFinish(
            username: username, registrationRecord: Base64URL.encode(record.bytes), displayName: displayName, email: email, signupProof: proof
        )
        let _: UserEnvelope = try await call("POST", "auth/opaque/register/finish", body)
        var (user, exportKey, _) = try await signIn(username: username, password: password)
        let rootKey = RootKey.generate()
        let code = try await setUpKeys(userID: user.id, exportKey: exportKey, rootKey: rootKey, legacyVaultKey: nil)
        self.rootKey = rootKey
        user.did = try await registerSigningKey().did
        return FlowstaCredentials(user: user, exportKey: exportKey, rootKey: rootKey, recoveryCode: code)
    }

    /// Signs in; the session is kept for later calls. Opens the user's root key from its
    /// password envelope; an account older than the root key (or made by another RFC 9807
    /// client) gets one now, with its format-1 vault key kept in a `legacy-vault` envelope.
    /// - Parameter secondFactor: for an account with two-step sign-in: asked for a code from the
    ///   user's authenticator app (or a backup code), again after a wrong one while the sign-in
    ///   has attempts left (its argument: how many; `nil` the first time). Returning `nil`, or
    ///   no closure, fails the sign-in with ``FlowstaClientError/secondFactorRequired``.
    public func login(
        username: String, password: String, secondFactor: (@Sendable (_ attemptsLeft: Int?) async throws -> FlowstaSecondFactor?)? = nil
    ) async throws -> FlowstaCredentials {
        let (user, exportKey, envelopes) = try await signIn(username: username, password: password, secondFactor: secondFactor)
        let userID = try Self.userID(user)
        guard let sealed = envelopes[.password] else {
            let rootKey = RootKey.generate()
            let legacy = Self.rawKey(FlowstaVault.key(exportKey: exportKey))
            _ = try await setUpKeys(userID: user.id, exportKey: exportKey, rootKey: rootKey, legacyVaultKey: legacy, recovery: false)
            self.rootKey = rootKey
            return FlowstaCredentials(user: user, exportKey: exportKey, rootKey: rootKey, legacyVaultKey: legacy)
        }
        let rootKey = try Self.open(sealed, .password, exportKey, userID)
        self.rootKey = rootKey
        return FlowstaCredentials(
            user: user, exportKey: exportKey, rootKey: rootKey,
            legacyVaultKey: try envelopes[.legacyVault].map { try KeyEnvelope.open($0, kind: .legacyVault, lockSecret: rootKey.bytes, userID: userID) }
        )
    }

    /// OPAQUE sign-in: keeps the session; returns the user, the export key and the envelopes.
    func signIn(
        username: String, password: String, secondFactor: (@Sendable (Int?) async throws -> FlowstaSecondFactor?)? = nil
    ) async throws -> (FlowstaUser, [UInt8], [KeyEnvelope.Kind: [UInt8]]) {
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
        var (finished, response): (LoginFinishResponse, TransportResponse) = try await exchange(
            "POST", "auth/opaque/login/finish", ["login_id": start.loginID, "ke3": Base64URL.encode(ke3.bytes)]
        )
        if finished.secondFactorRequired == true {
            guard let token = finished.loginToken else { throw FlowstaClientError.invalidResponse("no login_token") }
            (finished, response) = try await sendSecondFactor(loginToken: token, ask: secondFactor)
        }
        guard let user = finished.user else { throw FlowstaClientError.invalidResponse("no user in the sign-in response") }
        try adopt(response, user: user)
        return (user, exportKey, try Self.envelopes(finished.envelopes))
    }

    /// Keeps the session and device cookies of a response that signed the user in.
    func adopt(_ response: TransportResponse, user: FlowstaUser) throws {
        guard let cookie = Self.sessionCookie(from: response) else {
            throw FlowstaClientError.invalidResponse("no session cookie in the sign-in response")
        }
        sessionCookie = cookie
        if let device = Self.deviceCookie(from: response) { deviceCookie = device }
        self.username = user.username
    }

    /// The signed-in account.
    public func me() async throws -> FlowstaUser {
        let envelope: UserEnvelope = try await call("GET", "auth/me", nil as [String: String]?)
        return envelope.user
    }

    /// Signs in again with the current password (the server wants a sign-in within the last 5
    /// minutes for a password change), then changes it. The root key stays: same vault, same
    /// analytics ids.
    public func changePassword(
        from currentPassword: String, to newPassword: String, secondFactor: (@Sendable (_ attemptsLeft: Int?) async throws -> FlowstaSecondFactor?)? = nil
    ) async throws -> FlowstaCredentials {
        guard isSignedIn, let username else { throw FlowstaClientError.notSignedIn }
        _ = try await login(username: username, password: currentPassword, secondFactor: secondFactor)
        return try await changePassword(to: newPassword)
    }

    /// Replaces the password while signed in: the new OPAQUE record and the root key re-sealed
    /// under the new export key commit together (`POST /auth/password`). Other sessions end, and
    /// every app's tokens are revoked. The server wants a sign-in within the last 5 minutes (else
    /// ``FlowstaClientError/server(status:error:description:)`` with `reauthentication_required`):
    /// ``changePassword(from:to:)`` signs in first.
    public func changePassword(to newPassword: String) async throws -> FlowstaCredentials {
        guard isSignedIn, let username, let rootKey else { throw FlowstaClientError.notSignedIn }
        let user = try await me()
        let (record, exportKey) = try await registrationRecord(username: username, password: newPassword)
        let envelope = try KeyEnvelope.seal(rootKey.bytes, kind: .password, lockSecret: exportKey, userID: try Self.userID(user))
        let changed: UserEnvelope = try await call("POST", "auth/password", PasswordChange(
            registrationRecord: Base64URL.encode(record.bytes), envelope: Base64URL.encode(envelope)
        ))
        return FlowstaCredentials(user: changed.user, exportKey: exportKey, rootKey: rootKey)
    }

    /// Ends the session on the server and forgets it.
    public func logout() async throws {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        _ = try await send("POST", "auth/logout", nil as [String: String]?)
        forgetSession()
    }

    /// Deletes the account and everything the server holds about it.
    public func deleteAccount() async throws {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        _ = try await send("DELETE", "auth/me", nil as [String: String]?)
        forgetSession()
    }

    /// The solved sign-up challenge, or `nil` when the server asks for none.
    func signupProof(username: String) async throws -> RegisterFinish.Proof? {
        let challenge: SignupChallenge = try await call("GET", "auth/signup-challenge", nil as [String: String]?)
        guard challenge.difficulty > 0 else { return nil }
        let nonce = try ProofOfWork.solve(challenge: challenge.challenge, username: username.lowercased(), difficulty: challenge.difficulty)
        return RegisterFinish.Proof(challenge: challenge.challenge, nonce: nonce)
    }

    func registrationRecord(username: String, password: String) async throws -> (RegistrationRecord, [UInt8]) {
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
