import FlowstaCore
import FlowstaCrypto
import Foundation

/// What proving the recovery code gives the client: everything to set a new password.
public struct RecoveryProof: Sendable {
    /// Single use, valid for ``AccountService/Configuration/recoveryTokenLifetime``.
    public var recoveryToken: String
    /// The OPAQUE registration response for the new password.
    public var registrationResponse: String
    public var userID: UUID
    /// The `recovery` envelope, and `legacy-vault` where the account has one.
    public var envelopes: [KeyEnvelope.Kind: [UInt8]]
    /// The account has a second factor: completing the recovery takes one of its codes.
    public var secondFactorRequired: Bool
}

extension AccountService {
    /// "Forgot password" with the recovery code, step 1: OPAQUE `GenerateKE2` against the
    /// account's recovery record. Like a sign-in, an unknown username (or an account without a
    /// recovery code) is answered from a fake record, and attempts are limited per username and
    /// device (the address is used in memory only).
    public func recoveryStart(
        username rawUsername: String, ke1 rawKE1: String, clientAddress: [UInt8]?, deviceToken: String? = nil
    ) async throws -> (loginID: String, ke2: String) {
        let username = try Self.validUsername(rawUsername)
        let ke1 = try Self.message("ke1", rawKE1, KE1.init(bytes:))
        try await countAttempt(username.normalized, clientAddress: clientAddress, deviceToken: deviceToken, bucket: "recovery:" + username.normalized)
        var record: (userID: UUID, record: RegistrationRecord, identifier: String)?
        if let user = try await users.find(usernameNormalized: username.normalized), let lock = try await keys.keys(userID: user.id).recovery {
            record = (user.id, try RegistrationRecord(bytes: lock.opaqueRecord), lock.credentialIdentifier)
        }
        return try await pendingLogin(
            ke1: ke1, record: record, fakeIdentifier: "recovery:" + username.normalized,
            handleHash: { Self.recoveryHandleHash($0, hasher: loginHasher) }
        )
    }

    /// Step 2: verifies `KE3` (the code was right) and answers with the recovery envelope, a
    /// registration response for the new password and a single-use recovery token. The login
    /// state is consumed whatever the outcome; no session is opened yet.
    public func recoveryFinish(loginID: String, ke3 rawKE3: String, registrationRequest: String) async throws -> RecoveryProof {
        let ke3 = try Self.message("ke3", rawKE3, KE3.init(bytes:))
        let request = try Self.message("registration_request", registrationRequest, RegistrationRequest.init(bytes:))
        let handleHash = Self.recoveryHandleHash(loginID, hasher: loginHasher)
        let pending = try await finishPendingLogin(handleHash: handleHash, ke3: ke3)
        guard let userID = pending.userID, let user = try await users.find(id: userID) else { throw AccountError.invalidCredentials }
        let keys = try await keys.keys(userID: userID)
        guard let lock = keys.recovery else { throw AccountError.invalidCredentials }
        let response = try opaque.createRegistrationResponse(request: request, credentialIdentifier: Array(user.usernameNormalized.utf8))
        let token = try await issueToken(userID: userID, purpose: .recovery, binding: user.usernameNormalized, lifetime: configuration.recoveryTokenLifetime)
        var envelopes = keys.envelopes.filter { $0.key == .legacyVault }
        envelopes[.recovery] = lock.envelope
        return RecoveryProof(
            recoveryToken: token, registrationResponse: Base64URL.encode(response.bytes), userID: userID, envelopes: envelopes,
            secondFactorRequired: try await hasSecondFactor(userID: userID)
        )
    }

    /// Step 3: the new password's record and the root key sealed under its export key, in one
    /// transaction; every session ends and a new one opens (the caller revokes OAuth grants).
    /// An account with a second factor needs one of its codes first (the recovery code alone
    /// does not take the account over); a wrong code leaves the recovery token usable.
    /// - Throws: ``AccountError/secondFactorRequired``, ``AccountError/invalidCode(attemptsLeft:)``.
    public func recoveryComplete(
        recoveryToken: String, registrationRecord: String, envelope: String, secondFactor: SecondFactorProof? = nil
    ) async throws -> SignIn {
        let record = try Self.message("registration_record", registrationRecord, RegistrationRecord.init(bytes:))
        let sealed = try Self.envelope(envelope, field: "envelope")
        let methods = try await checkSecondFactor(secondFactor, userID: try await peekToken(recoveryToken, purpose: .recovery).userID)
        let token = try await useToken(recoveryToken, purpose: .recovery)
        guard var user = try await users.find(id: token.userID) else { throw AccountError.invalidToken }
        user.opaqueRecord = record.bytes
        user.credentialIdentifier = token.binding
        user.updatedAt = time.now
        try await changePasswordEndingSessions(user, envelope: sealed, keepingSession: nil, now: time.now)
        return try await signIn(user, methods: methods)
    }

    /// Checks the second factor of a reset or recovery before anything changes: the methods of
    /// the session it opens. - Throws: ``AccountError/secondFactorRequired`` when the account
    /// has a second factor and `proof` is missing, ``AccountError/invalidCode(attemptsLeft:)``.
    func checkSecondFactor(_ proof: SecondFactorProof?, userID: UUID) async throws -> AuthenticationMethods {
        guard try await hasSecondFactor(userID: userID) else { return .password }
        guard let proof else { throw AccountError.secondFactorRequired }
        guard let user = try await users.find(id: userID) else { throw AccountError.invalidToken }
        return try await verify(proof, of: user)
    }

    /// Recovery login ids hash apart from password ones: a recovery `login_id` never finishes a
    /// password sign-in, nor the other way round.
    static func recoveryHandleHash(_ handle: String, hasher: KeyedHasher) -> String { hasher.hash("recovery:" + handle) }

    /// A fresh single-use token; only its keyed hash is stored.
    func issueToken(userID: UUID, purpose: AccountTokenPurpose, binding: String, lifetime: TimeInterval) async throws -> String {
        let token = Base64URL.encode(SecureRandom.bytes(32))
        let now = time.now
        try await tokens.insert(AccountToken(
            tokenHash: tokenHasher.hash("\(purpose.rawValue):\(token)"), userID: userID, purpose: purpose, binding: binding,
            createdAt: now, expiresAt: now.addingTimeInterval(lifetime)
        ))
        return token
    }

    /// Uses a token up. - Throws: ``AccountError/invalidToken`` when unknown, used or expired.
    func useToken(_ token: String, purpose: AccountTokenPurpose) async throws -> AccountToken {
        guard token.utf8.count <= 128, let stored = try await tokens.consume(tokenHash: tokenHasher.hash("\(purpose.rawValue):\(token)"), purpose: purpose),
              stored.expiresAt > time.now else {
            throw AccountError.invalidToken
        }
        return stored
    }

    /// Looks a token up without using it.
    func peekToken(_ token: String, purpose: AccountTokenPurpose) async throws -> AccountToken {
        guard token.utf8.count <= 128, let stored = try await tokens.find(tokenHash: tokenHasher.hash("\(purpose.rawValue):\(token)"), purpose: purpose),
              stored.expiresAt > time.now else {
            throw AccountError.invalidToken
        }
        return stored
    }
}
