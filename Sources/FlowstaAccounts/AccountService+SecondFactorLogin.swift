import FlowstaCore
import FlowstaCrypto
import Foundation

/// What a correct password leads to.
public enum SignInStep: Sendable {
    /// Signed in.
    case signedIn(SignIn)
    /// The account has a second factor: no session yet; send a code (or, when `passkeys`, an
    /// assertion of one of the account's passkeys) with the login token
    /// (``AccountService/finishSecondFactor(loginToken:proof:)``).
    case secondFactorRequired(loginToken: String, expiresAt: Date, passkeys: Bool)

    /// The sign-in, when no second factor was needed.
    public var signIn: SignIn? {
        guard case .signedIn(let signIn) = self else { return nil }
        return signIn
    }
}

/// A second factor as sent: an authenticator code, a backup code, or an assertion of one of
/// the account's passkeys (``AccountService/startPasskeySecondFactor(loginToken:)``).
public enum SecondFactorProof: Sendable, Equatable {
    case code(String)
    case backupCode(String)
    case passkey(PasskeyAssertion)
}

extension AccountService {
    /// After the password: a session, or — for an account with a second factor — a login token
    /// that waits ``Configuration/secondFactorLifetime`` for a code.
    func completeSignIn(_ user: StoredUser) async throws -> SignInStep {
        guard try await hasSecondFactor(userID: user.id) else { return .signedIn(try await signIn(user, methods: .password)) }
        let token = Base64URL.encode(SecureRandom.bytes(32))
        let hash = Self.secondFactorHandleHash(token, hasher: loginHasher)
        let expiresAt = time.now.addingTimeInterval(configuration.secondFactorLifetime)
        try await logins.insert(PendingLogin(
            handleHash: hash, userID: user.id, sealedState: try keyRing.seal([0], context: Self.loginContext(hash)), expiresAt: expiresAt
        ))
        return .secondFactorRequired(loginToken: token, expiresAt: expiresAt, passkeys: try await hasPasskey(userID: user.id))
    }

    /// The second step of a sign-in: opens the session when the code is right. A wrong code
    /// leaves the login token usable for ``Configuration/secondFactorAttemptsPerSignIn`` tries
    /// in all; the login token is single use, so two requests with it cannot both try a code.
    /// - Throws: ``AccountError/invalidLogin`` (unknown, used or expired token),
    ///   ``AccountError/invalidCode(attemptsLeft:)``, ``AccountError/rateLimited(retryAfterSeconds:)``.
    public func finishSecondFactor(loginToken: String, proof: SecondFactorProof) async throws -> SignIn {
        guard loginToken.utf8.count <= 128 else { throw AccountError.invalidLogin }
        let hash = Self.secondFactorHandleHash(loginToken, hasher: loginHasher)
        guard let pending = try await logins.consume(handleHash: hash), pending.expiresAt > time.now,
              let userID = pending.userID, let user = try await users.find(id: userID) else {
            throw AccountError.invalidLogin
        }
        let failures = Int(try keyRing.open(pending.sealedState, context: Self.loginContext(hash)).first ?? 0)
        let methods: AuthenticationMethods
        do {
            methods = try await verify(proof, of: user)
        } catch AccountError.invalidCode {
            let left = configuration.secondFactorAttemptsPerSignIn - failures - 1
            if left > 0 {
                var retry = pending
                retry.sealedState = try keyRing.seal([UInt8(clamping: failures + 1)], context: Self.loginContext(hash))
                try await logins.insert(retry)
            }
            throw AccountError.invalidCode(attemptsLeft: max(left, 0))
        }
        return try await signIn(user, methods: methods)
    }

    /// Checks a second factor of `user`; a right code is spent (a TOTP step, or the backup
    /// code), a wrong one — or a passkey assertion that does not verify — counts against the
    /// account's hourly limit.
    /// - Returns: the methods of the sign-in it completes (with the password).
    /// - Throws: ``AccountError/invalidCode(attemptsLeft:)``, ``AccountError/rateLimited(retryAfterSeconds:)``.
    @discardableResult
    func verify(_ proof: SecondFactorProof, of user: StoredUser) async throws -> AuthenticationMethods {
        try await checkCodeAttempts(user)
        do {
            switch proof {
            case .passkey(let assertion):
                guard let passkey = try await passkeySecondFactor(assertion, of: user) else { throw AccountError.invalidCode(attemptsLeft: nil) }
                return Self.methods(of: passkey, withPassword: true)
            case .code(let code):
                guard let totp = try await secondFactors.totp(userID: user.id), totp.confirmedAt != nil,
                      let step = codeVerifier.matchingStep(code: code, secret: try openSecret(totp), now: time.now, after: totp.lastUsedStep),
                      try await secondFactors.useTOTPStep(userID: user.id, step: step) else {
                    throw AccountError.invalidCode(attemptsLeft: nil)
                }
            case .backupCode(let typed):
                guard let code = BackupCodes.normalized(typed),
                      try await secondFactors.useBackupCode(userID: user.id, hash: backupCodeHash(code, userID: user.id), at: time.now) else {
                    throw AccountError.invalidCode(attemptsLeft: nil)
                }
                let left = try await secondFactors.unusedBackupCodes(userID: user.id)
                if left <= 2 {
                    await alert(user, subject: "Your Flowsta backup codes are running out", text: """
                        A backup code was used to sign in to the Flowsta account \(user.username); \(left) are left. Make new \
                        ones on your account page.
                        """)
                }
            }
            return .passwordAndCode
        } catch AccountError.invalidCode(let left) {
            try await countWrongCode(user)
            throw AccountError.invalidCode(attemptsLeft: left)
        }
    }

    /// Refuses codes while the account is over ``Configuration/secondFactorAttemptsPerHour``
    /// wrong codes this hour (counted across instances).
    func checkCodeAttempts(_ user: StoredUser) async throws {
        let now = time.now
        let wrong = try await codeAttempts.count(codeAttemptsKey(user), window: 3_600, now: now)
        if wrong.count >= configuration.secondFactorAttemptsPerHour {
            throw AccountError.rateLimited(retryAfterSeconds: wrong.secondsLeft(at: now))
        }
    }

    /// Counts a wrong code. Reaching the limit mails the user: only someone who knows the
    /// password (or holds a reset link or the recovery code) gets to try codes.
    func countWrongCode(_ user: StoredUser) async throws {
        let wrong = try await codeAttempts.increment(codeAttemptsKey(user), window: 3_600, now: time.now)
        let limit = configuration.secondFactorAttemptsPerHour
        guard wrong.count == limit else { return }
        await alert(user, subject: "Someone is trying to sign in to your Flowsta account", text: """
            Someone gave the right password for the Flowsta account \(user.username) but then typed \(limit) wrong \
            authenticator or backup codes within an hour. Codes are refused until the hour is over. If this was not \
            you, change your password.
            """)
    }

    func codeAttemptsKey(_ user: StoredUser) -> String { secondFactorHasher.hash("wrong-codes:" + user.id.uuidString.lowercased()) }

    /// Second-factor login tokens hash apart from `login_id`s, so neither finishes the other.
    static func secondFactorHandleHash(_ token: String, hasher: KeyedHasher) -> String { hasher.hash("second-factor:" + token) }
}
