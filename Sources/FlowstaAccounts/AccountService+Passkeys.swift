import FlowstaCore
import FlowstaCrypto
import Foundation

/// What a browser needs to create a passkey (`PublicKeyCredentialCreationOptions`).
public struct PasskeyRegistrationOptions: Sendable {
    /// Names this ceremony in the finish call (single use, ``AccountService/Configuration/passkeyCeremonyLifetime``).
    public var ceremonyID: String
    public var challenge: [UInt8]
    public var relyingPartyID: String
    /// The name authenticators show for the relying party (``Configuration/authenticatorIssuer``).
    public var relyingPartyName: String
    /// The WebAuthn user handle: a keyed hash of the account id (no name, no address).
    public var userHandle: [UInt8]
    public var userName: String
    public var userDisplayName: String
    /// The account's passkeys, so the authenticator does not make a second one.
    public var excludeCredentialIDs: [[UInt8]]
    /// The PRF extension's input: the same for every Flowsta passkey, so its output is a secret
    /// of the credential alone (docs/keys.md).
    public var prfSalt: [UInt8]
    /// How long the ceremony waits (``Configuration/passkeyCeremonyLifetime``).
    public var timeout: TimeInterval
}

/// What a browser needs to sign in with a passkey (`PublicKeyCredentialRequestOptions`). A
/// passwordless sign-in has no allow list (the authenticator offers the user's discoverable
/// credentials); the second step of a password sign-in lists the account's passkeys.
public struct PasskeySignInOptions: Sendable {
    public var ceremonyID: String
    public var challenge: [UInt8]
    public var relyingPartyID: String
    public var allowCredentialIDs: [[UInt8]] = []
    public var prfSalt: [UInt8]
    public var timeout: TimeInterval
}

/// A browser's answer to ``PasskeySignInOptions`` (`AuthenticatorAssertionResponse`).
public struct PasskeyAssertion: Sendable, Equatable {
    public var ceremonyID: String
    public var credentialID: [UInt8]
    public var clientDataJSON: [UInt8]
    public var authenticatorData: [UInt8]
    public var signature: [UInt8]

    public init(ceremonyID: String, credentialID: [UInt8], clientDataJSON: [UInt8], authenticatorData: [UInt8], signature: [UInt8]) {
        self.ceremonyID = ceremonyID
        self.credentialID = credentialID
        self.clientDataJSON = clientDataJSON
        self.authenticatorData = authenticatorData
        self.signature = signature
    }
}

/// A passkey sign-in: the session, and the root key envelope the passkey's PRF output opens
/// (`nil`: the page asks for the password or recovery code once to open the vault).
public struct PasskeySignIn: Sendable {
    public var signIn: SignIn
    /// The passkey used, so the client can give it an envelope
    /// (``AccountService/setPasskeyEnvelope(_:id:envelope:)``) when it has none.
    public var passkeyID: UUID
    public var rootKeyEnvelope: [UInt8]?
}

extension AccountService {
    /// Passkeys one account may hold.
    public static let passkeyLimit = 20
    /// Names longer than this are refused.
    public static let passkeyNameLimit = 64
    /// The PRF input of every Flowsta passkey.
    public static let passkeyPRFSalt = SHA256Digest.of(Array("flowsta passkey root key v1".utf8))

    /// Starts adding a passkey (a sign-in within the reauthentication window).
    public func startPasskeyRegistration(_ session: AuthenticatedSession) async throws -> PasskeyRegistrationOptions {
        try requireFreshSignIn(session)
        let existing = try await passkeys.passkeys(userID: session.user.id)
        guard existing.count < Self.passkeyLimit else {
            throw AccountError.invalidRequest("an account holds at most \(Self.passkeyLimit) passkeys: remove one first")
        }
        let (id, challenge) = try await issueCeremony("passkey-register", userID: session.user.id)
        return PasskeyRegistrationOptions(
            ceremonyID: id, challenge: challenge, relyingPartyID: relyingParty.relyingPartyID, relyingPartyName: configuration.authenticatorIssuer,
            userHandle: userHandle(session.user.id),
            userName: session.user.username, userDisplayName: session.user.displayName ?? session.user.username,
            excludeCredentialIDs: existing.map(\.credentialID), prfSalt: Self.passkeyPRFSalt, timeout: configuration.passkeyCeremonyLifetime
        )
    }

    /// Verifies the browser's answer and stores the passkey with the user's name for it and, when
    /// the client sealed one under the PRF output, the root key envelope.
    /// - Throws: ``AccountError/invalidLogin`` (unknown, used or expired ceremony),
    ///   ``AccountError/invalidRequest(_:)`` (the ceremony's checks, a taken credential id, a bad name or envelope).
    public func finishPasskeyRegistration(
        _ session: AuthenticatedSession, ceremonyID: String, clientDataJSON: [UInt8], attestationObject: [UInt8], name rawName: String,
        rootKeyEnvelope: String?
    ) async throws -> StoredPasskey {
        let name = try Self.passkeyName(rawName)
        let envelope = try rootKeyEnvelope.map { try Self.envelope($0, field: "root_key_envelope") }
        if envelope != nil, !(try await keys.keys(userID: session.user.id).hasRootKey) { throw AccountError.rootKeyRequired }
        let challenge = try await consumeCeremony("passkey-register", ceremonyID, userID: session.user.id)
        let registration: PasskeyCeremony.Registration
        do {
            registration = try relyingParty.verifyRegistration(clientDataJSON: clientDataJSON, attestationObject: attestationObject, challenge: challenge)
        } catch {
            throw AccountError.invalidRequest(error.reason)
        }
        let passkey = StoredPasskey(
            id: UUID(), userID: session.user.id, credentialID: registration.credentialID, publicKey: registration.publicKey,
            algorithm: registration.algorithm, signCount: registration.signCount, name: name, backupEligible: registration.backupEligible,
            rootKeyEnvelope: envelope, createdAt: time.now
        )
        guard try await passkeys.insert(passkey) else { throw AccountError.invalidRequest("this passkey is registered already") }
        await alert(session.user, subject: "A passkey was added to your Flowsta account", text: """
            A passkey named "\(name)" was added to the Flowsta account \(session.user.username). It can sign you in without \
            your password. If this was not you, sign in, remove it on your account page and change your password.
            """)
        return passkey
    }

    /// Starts a sign-in with a passkey: a challenge for any of the user's discoverable credentials.
    /// Counted against the client address's sign-in limit (there is no username yet).
    /// - Parameter clientAddress: the client address's throttle key, used in memory only (P2).
    /// - Throws: ``AccountError/rateLimited(retryAfterSeconds:)``.
    public func startPasskeySignIn(clientAddress: [UInt8]? = nil) async throws -> PasskeySignInOptions {
        if let retryAfter = await throttle.attempt(username: "", address: clientAddress, device: nil) {
            throw AccountError.rateLimited(retryAfterSeconds: retryAfter)
        }
        let (id, challenge) = try await issueCeremony("passkey-signin", userID: nil)
        return PasskeySignInOptions(
            ceremonyID: id, challenge: challenge, relyingPartyID: relyingParty.relyingPartyID, prfSalt: Self.passkeyPRFSalt,
            timeout: configuration.passkeyCeremonyLifetime
        )
    }

    /// Verifies an assertion and opens a session: `amr` `hwk` (device-bound) or `swk` (synced)
    /// with `mfa` (the authenticator verified the user). Unknown credentials, wrong signatures
    /// and stale counters all answer ``AccountError/invalidCredentials``.
    public func finishPasskeySignIn(_ assertion: PasskeyAssertion) async throws -> PasskeySignIn {
        let challenge = try await consumeCeremony("passkey-signin", assertion.ceremonyID, userID: nil)
        guard let passkey = try await checkAssertion(assertion, challenge: challenge, userID: nil),
              let user = try await users.find(id: passkey.userID) else {
            throw AccountError.invalidCredentials
        }
        return PasskeySignIn(
            signIn: try await signIn(user, methods: Self.methods(of: passkey, withPassword: false)), passkeyID: passkey.id,
            rootKeyEnvelope: passkey.rootKeyEnvelope
        )
    }

    /// Starts the second step of a password sign-in with a passkey: a challenge for the
    /// account's passkeys. The login token stays usable (for this or a code).
    /// - Throws: ``AccountError/invalidLogin`` (unknown, used or expired token),
    ///   ``AccountError/noSecondFactor`` (the account has no passkey).
    public func startPasskeySecondFactor(loginToken: String) async throws -> PasskeySignInOptions {
        guard loginToken.utf8.count <= 128 else { throw AccountError.invalidLogin }
        let hash = Self.secondFactorHandleHash(loginToken, hasher: loginHasher)
        guard let pending = try await logins.consume(handleHash: hash) else { throw AccountError.invalidLogin }
        try await logins.insert(pending)
        guard pending.expiresAt > time.now, let userID = pending.userID else { throw AccountError.invalidLogin }
        let credentials = try await passkeys.passkeys(userID: userID).map(\.credentialID)
        guard !credentials.isEmpty else { throw AccountError.noSecondFactor }
        let (id, challenge) = try await issueCeremony("passkey-second-factor", userID: userID)
        return PasskeySignInOptions(
            ceremonyID: id, challenge: challenge, relyingPartyID: relyingParty.relyingPartyID, allowCredentialIDs: credentials,
            prfSalt: Self.passkeyPRFSalt, timeout: configuration.passkeyCeremonyLifetime
        )
    }

    /// Checks a passkey given as the second factor of `user`.
    /// - Returns: the passkey, or `nil` when the assertion does not verify.
    func passkeySecondFactor(_ assertion: PasskeyAssertion, of user: StoredUser) async throws -> StoredPasskey? {
        let challenge: [UInt8]
        do {
            challenge = try await consumeCeremony("passkey-second-factor", assertion.ceremonyID, userID: user.id)
        } catch AccountError.invalidLogin {
            return nil
        }
        return try await checkAssertion(assertion, challenge: challenge, userID: user.id)
    }

    /// Verifies an assertion against the stored passkey (of `userID`, when given) and moves its
    /// counter. - Returns: the passkey, or `nil` for an unknown credential, a check that fails or
    /// a counter that does not move forward.
    func checkAssertion(_ assertion: PasskeyAssertion, challenge: [UInt8], userID: UUID?) async throws -> StoredPasskey? {
        guard assertion.credentialID.count <= AuthenticatorData.maximumCredentialIDLength,
              var passkey = try await passkeys.passkey(credentialID: assertion.credentialID),
              userID == nil || passkey.userID == userID else {
            return nil
        }
        let verified: PasskeyCeremony.Assertion
        do {
            verified = try relyingParty.verifyAssertion(
                clientDataJSON: assertion.clientDataJSON, authenticatorData: assertion.authenticatorData, signature: assertion.signature,
                challenge: challenge, publicKey: passkey.publicKey, storedSignCount: passkey.signCount
            )
        } catch {
            return nil
        }
        // Compare-and-set: of two sign-ins racing with one counter value, one goes through.
        guard try await passkeys.updateSignCount(id: passkey.id, from: passkey.signCount, to: verified.signCount) else { return nil }
        passkey.signCount = verified.signCount
        return passkey
    }

    /// The `amr` of a passkey sign-in: `swk` for a synced passkey, `hwk` for a device-bound one,
    /// `mfa` (the authenticator verified the user: something held and something known or
    /// biometric), and `pwd` when it was the second step of a password sign-in.
    static func methods(of passkey: StoredPasskey, withPassword: Bool) -> AuthenticationMethods {
        var methods: [AuthenticationMethods.Method] = [passkey.backupEligible ? .softwareKey : .hardwareKey, .multiFactor]
        if withPassword { methods.append(.password) }
        return AuthenticationMethods(methods)
    }

    /// Whether the account has a passkey (it can reach a phishing-resistant sign-in).
    public func hasPasskey(userID: UUID) async throws -> Bool {
        try await !passkeys.passkeys(userID: userID).isEmpty
    }

    /// Gives a passkey the root key sealed under its PRF output (after a passkey sign-in that
    /// found no envelope, once the user opened the root key with the password or recovery code).
    /// - Throws: ``AccountError/passkeyNotFound`` (not the user's passkey),
    ///   ``AccountError/passkeyEnvelopeExists`` (it has one: envelopes are never replaced),
    ///   ``AccountError/rootKeyRequired``.
    public func setPasskeyEnvelope(_ session: AuthenticatedSession, id: UUID, envelope rawEnvelope: String) async throws {
        let envelope = try Self.envelope(rawEnvelope, field: "envelope")
        guard try await keys.keys(userID: session.user.id).hasRootKey else { throw AccountError.rootKeyRequired }
        guard try await passkeys.setRootKeyEnvelope(id: id, userID: session.user.id, envelope: envelope) else {
            guard try await passkeys.passkeys(userID: session.user.id).contains(where: { $0.id == id }) else { throw AccountError.passkeyNotFound }
            throw AccountError.passkeyEnvelopeExists
        }
    }

    /// The user's passkeys.
    public func passkeys(_ session: AuthenticatedSession) async throws -> [StoredPasskey] {
        try await passkeys.passkeys(userID: session.user.id)
    }

    /// - Throws: ``AccountError/passkeyNotFound`` for another user's or an unknown passkey.
    public func renamePasskey(_ session: AuthenticatedSession, id: UUID, to rawName: String) async throws {
        guard try await passkeys.rename(id: id, userID: session.user.id, to: try Self.passkeyName(rawName)) else { throw AccountError.passkeyNotFound }
    }

    /// Removes a passkey (a sign-in within the reauthentication window). The password stays the
    /// root key's lock, so no passkey is ever the only one.
    public func removePasskey(_ session: AuthenticatedSession, id: UUID) async throws {
        try requireFreshSignIn(session)
        guard try await passkeys.delete(id: id, userID: session.user.id) else { throw AccountError.passkeyNotFound }
        await alert(session.user, subject: "A passkey was removed from your Flowsta account", text: """
            A passkey was removed from the Flowsta account \(session.user.username). If this was not you, sign in and \
            change your password.
            """)
    }

    func userHandle(_ userID: UUID) -> [UInt8] {
        Array(secondFactorHasher.hash("passkey-user:" + userID.uuidString.lowercased()).utf8.prefix(32))
    }

    static func passkeyName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= passkeyNameLimit, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AccountError.invalidRequest("a passkey's name is 1 to \(passkeyNameLimit) characters, without control characters")
        }
        return name
    }

    /// A WebAuthn challenge, single use, kept sealed with the login states under a hashed id.
    func issueCeremony(_ purpose: String, userID: UUID?) async throws -> (id: String, challenge: [UInt8]) {
        let id = Base64URL.encode(SecureRandom.bytes(32))
        let challenge = SecureRandom.bytes(32)
        let hash = loginHasher.hash(purpose + ":" + id)
        try await logins.insert(PendingLogin(
            handleHash: hash, userID: userID, sealedState: try keyRing.seal(challenge, context: Self.loginContext(hash)),
            expiresAt: time.now.addingTimeInterval(configuration.passkeyCeremonyLifetime)
        ))
        return (id, challenge)
    }

    /// Uses a ceremony up. - Throws: ``AccountError/invalidLogin`` when unknown, used, expired
    /// or another user's.
    func consumeCeremony(_ purpose: String, _ id: String, userID: UUID?) async throws -> [UInt8] {
        guard id.utf8.count <= 128 else { throw AccountError.invalidLogin }
        let hash = loginHasher.hash(purpose + ":" + id)
        guard let pending = try await logins.consume(handleHash: hash), pending.expiresAt > time.now, pending.userID == userID else {
            throw AccountError.invalidLogin
        }
        return try keyRing.open(pending.sealedState, context: Self.loginContext(hash))
    }
}
