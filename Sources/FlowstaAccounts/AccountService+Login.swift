import FlowstaCore
import FlowstaCrypto
import Foundation

/// A successful sign-in.
public struct SignIn: Sendable {
    public var profile: UserProfile
    /// The session token for the cookie; only its keyed hash is stored.
    public var sessionToken: String
    public var expiresAt: Date
    /// A device token of this username for the client to keep (see ``LoginThrottle``): its
    /// later attempts are limited on their own, not on the username's bucket.
    public var deviceToken: String
}

extension AccountService {
    /// OPAQUE `GenerateKE2`. Unknown usernames are answered from the server's fake record
    /// (RFC 9807 §10.9), so the response does not reveal whether the account exists.
    /// - Parameters:
    ///   - clientAddress: the client address's throttle key, used in memory only (P2).
    ///   - deviceToken: the token a previous sign-in to this username gave the client, if any.
    /// - Returns: the single-use `login_id` and the `KE2` message, both base64url.
    public func loginStart(
        username rawUsername: String, ke1 rawKE1: String, clientAddress: [UInt8]?, deviceToken: String? = nil
    ) async throws -> (loginID: String, ke2: String) {
        let username = try Self.validUsername(rawUsername)
        let ke1 = try Self.message("ke1", rawKE1, KE1.init(bytes:))
        try await countAttempt(username.normalized, clientAddress: clientAddress, deviceToken: deviceToken, bucket: username.normalized)
        let user = try await users.find(usernameNormalized: username.normalized)
        let record = try user.map { (userID: $0.id, record: try RegistrationRecord(bytes: $0.opaqueRecord), identifier: $0.credentialIdentifier) }
        return try await pendingLogin(ke1: ke1, record: record, fakeIdentifier: username.normalized, handleHash: { loginHasher.hash($0) })
    }

    /// Counts a sign-in attempt against the username's (or this device's) and the address's
    /// buckets. - Throws: ``AccountError/rateLimited(retryAfterSeconds:)``.
    func countAttempt(_ username: String, clientAddress: [UInt8]?, deviceToken: String?, bucket: String) async throws {
        let device = deviceID(deviceToken, username: username)
        if let retryAfter = await throttle.attempt(username: bucket, address: clientAddress, device: device) {
            throw AccountError.rateLimited(retryAfterSeconds: retryAfter)
        }
    }

    /// OPAQUE `GenerateKE2` against `record` (or the server's fake record under `fakeIdentifier`,
    /// RFC 9807 §10.9, so an unknown account answers alike) and the sealed login state.
    /// - Returns: the single-use login id and `KE2`, base64url.
    func pendingLogin(
        ke1: KE1, record: (userID: UUID, record: RegistrationRecord, identifier: String)?, fakeIdentifier: String,
        handleHash: (String) -> String
    ) async throws -> (loginID: String, ke2: String) {
        let identifier = record?.identifier ?? fakeIdentifier
        let (ke2, state) = try opaque.startLogin(ke1: ke1, record: record?.record, credentialIdentifier: Array(identifier.utf8))
        let handle = Base64URL.encode(SecureRandom.bytes(32))
        let hash = handleHash(handle)
        try await logins.insert(PendingLogin(
            handleHash: hash,
            userID: record?.userID,
            sealedState: keyRing.seal(state.bytes, context: Self.loginContext(hash)),
            expiresAt: time.now.addingTimeInterval(configuration.loginStateLifetime)
        ))
        return (handle, Base64URL.encode(ke2.bytes))
    }

    /// Verifies `KE3` and opens a session, or asks for the second factor of an account that has
    /// one. The login state is consumed whatever the outcome.
    public func loginFinish(loginID: String, ke3 rawKE3: String) async throws -> SignInStep {
        let ke3 = try Self.message("ke3", rawKE3, KE3.init(bytes:))
        let handleHash = loginHasher.hash(loginID)
        let pending = try await finishPendingLogin(handleHash: handleHash, ke3: ke3)
        guard let userID = pending.userID, let user = try await users.find(id: userID) else {
            throw AccountError.invalidCredentials
        }
        return try await completeSignIn(user)
    }

    /// Uses up the login state under `handleHash` and checks `KE3` against it.
    /// - Throws: ``AccountError/invalidLogin`` (unknown, used or expired),
    ///   ``AccountError/invalidCredentials`` (`KE3` does not verify: a wrong password or code).
    func finishPendingLogin(handleHash: String, ke3: KE3) async throws -> PendingLogin {
        guard let pending = try await logins.consume(handleHash: handleHash), pending.expiresAt > time.now else {
            throw AccountError.invalidLogin
        }
        let state = try ServerLoginState(bytes: keyRing.open(pending.sealedState, context: Self.loginContext(handleHash)))
        do {
            _ = try opaque.finishLogin(state: state, ke3: ke3)
        } catch {
            throw AccountError.invalidCredentials
        }
        return pending
    }

    /// A new session for `user`, who signed in with `methods`.
    func signIn(_ user: StoredUser, methods: AuthenticationMethods) async throws -> SignIn {
        let token = Base64URL.encode(SecureRandom.bytes(32))
        let now = time.now
        let expiresAt = now.addingTimeInterval(configuration.sessionLifetime)
        try await sessions.create(StoredSession(
            tokenHash: tokenHasher.hash(token), userID: user.id, createdAt: now, expiresAt: expiresAt, methods: methods
        ))
        return SignIn(
            profile: try profile(of: user), sessionToken: token, expiresAt: expiresAt, deviceToken: issueDeviceToken(username: user.usernameNormalized)
        )
    }

    /// A device token: a random id and a keyed MAC binding it to the username. Nothing about
    /// it is stored; the client keeps it.
    func issueDeviceToken(username: String) -> String {
        let id = Base64URL.encode(SecureRandom.bytes(16))
        return id + "." + String(deviceHasher.hash(username + ":" + id).prefix(32))
    }

    /// The id of `token` when it is a device token of `username`.
    func deviceID(_ token: String?, username: String) -> String? {
        guard let token, token.utf8.count == 22 + 1 + 32, let dot = token.firstIndex(of: ".") else { return nil }
        let id = String(token[..<dot])
        let mac = String(token[token.index(after: dot)...])
        guard ConstantTime.equal(String(deviceHasher.hash(username + ":" + id).prefix(32)), mac) else { return nil }
        return id
    }

    /// Opens a session for a user who signed in to a first-party client (the dashboard) through
    /// OAuth; the token is returned once and stored as a keyed hash.
    public func openSession(userID: UUID) async throws -> (token: String, expiresAt: Date) {
        guard try await users.find(id: userID) != nil else { throw AccountError.unauthenticated }
        let token = Base64URL.encode(SecureRandom.bytes(32))
        let now = time.now
        let expiresAt = now.addingTimeInterval(configuration.sessionLifetime)
        try await sessions.create(StoredSession(tokenHash: tokenHasher.hash(token), userID: userID, createdAt: now, expiresAt: expiresAt))
        return (token, expiresAt)
    }

    /// Resolves a session token to its user.
    /// - Throws: ``AccountError/unauthenticated`` for unknown or expired tokens.
    public func authenticate(sessionToken: String) async throws -> AuthenticatedSession {
        let hash = tokenHasher.hash(sessionToken)
        guard let session = try await sessions.find(tokenHash: hash) else { throw AccountError.unauthenticated }
        guard session.expiresAt > time.now else {
            try await sessions.delete(tokenHash: hash)
            throw AccountError.unauthenticated
        }
        guard let user = try await users.find(id: session.userID) else { throw AccountError.unauthenticated }
        return AuthenticatedSession(user: user, tokenHash: hash, authenticatedAt: session.createdAt, methods: session.methods)
    }

    /// Ends the session.
    public func logout(_ session: AuthenticatedSession) async throws {
        try await sessions.delete(tokenHash: session.tokenHash)
        await sessionEnds.ended(userID: session.user.id, references: [session.reference])
    }

    static func loginContext(_ handleHash: String) -> String { "login_states:" + handleHash }
}
