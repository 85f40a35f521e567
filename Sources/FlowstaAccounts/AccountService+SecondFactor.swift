import FlowstaCore
import FlowstaCrypto
import Foundation

/// An authenticator being set up: what the account page shows once (as a QR code and as text).
public struct TOTPEnrolment: Sendable {
    /// The key in base32, for typing into an authenticator app by hand (``TOTP/appKey(of:)``).
    public var secret: String
    /// The `otpauth://totp/…` link authenticator apps read from the QR code.
    public var uri: String
}

/// The account's second factors as the account page shows them.
public struct SecondFactorStatus: Sendable, Equatable {
    /// When the authenticator was confirmed; `nil` without one.
    public var totpConfirmedAt: Date?
    /// An authenticator was set up but its first code not typed yet.
    public var totpPending: Bool
    public var backupCodesLeft: Int

    public init(totpConfirmedAt: Date?, totpPending: Bool, backupCodesLeft: Int) {
        self.totpConfirmedAt = totpConfirmedAt
        self.totpPending = totpPending
        self.backupCodesLeft = backupCodesLeft
    }
}

extension AccountService {
    /// Starts setting up an authenticator (TOTP): a new secret, sealed under the KEK and not
    /// used for sign-ins until ``confirmTOTP(_:code:)``. Starting again replaces an unconfirmed
    /// one. - Throws: ``AccountError/reauthenticationRequired(withinSeconds:)``,
    ///   ``AccountError/secondFactorExists``.
    public func startTOTPEnrolment(_ session: AuthenticatedSession) async throws -> TOTPEnrolment {
        try requireFreshSignIn(session)
        let userID = session.user.id
        if try await secondFactors.totp(userID: userID)?.confirmedAt != nil { throw AccountError.secondFactorExists }
        let secret = TOTP.newSecret()
        try await secondFactors.saveTOTP(StoredTOTP(
            userID: userID, sealedSecret: try keyRing.seal(Array(secret.utf8), context: SealingContext.totpSecret(userID)), createdAt: time.now
        ))
        let key = TOTP.appKey(of: secret)
        return TOTPEnrolment(secret: key, uri: authenticatorURI(key: key, username: session.user.username))
    }

    /// Confirms the authenticator with its first code: from now on signing in takes a code.
    /// - Returns: new backup codes, to show once (only their keyed hashes are kept).
    /// - Throws: ``AccountError/noSecondFactor`` (none waiting), ``AccountError/invalidCode(attemptsLeft:)``,
    ///   ``AccountError/rateLimited(retryAfterSeconds:)``.
    public func confirmTOTP(_ session: AuthenticatedSession, code: String) async throws -> [String] {
        let userID = session.user.id
        guard let totp = try await secondFactors.totp(userID: userID), totp.confirmedAt == nil else { throw AccountError.noSecondFactor }
        try await checkCodeAttempts(session.user)
        guard let step = codeVerifier.matchingStep(code: code, secret: try openSecret(totp), now: time.now, after: nil),
              try await secondFactors.confirmTOTP(userID: userID, at: time.now, step: step) else {
            try await countWrongCode(session.user)
            throw AccountError.invalidCode(attemptsLeft: nil)
        }
        let codes = try await replaceBackupCodes(userID: userID)
        await alert(session.user, subject: "A second factor was added to your Flowsta account", text: """
            An authenticator app was set up for the Flowsta account \(session.user.username). From now on, signing in \
            takes your password and a code from that app (or one of your backup codes).
            """)
        return codes
    }

    /// Removes the authenticator and the backup codes: signing in takes the password alone again.
    /// - Returns: whether two-step sign-in was on (not just an unconfirmed set-up).
    /// - Throws: ``AccountError/reauthenticationRequired(withinSeconds:)``, ``AccountError/noSecondFactor``.
    @discardableResult
    public func removeTOTP(_ session: AuthenticatedSession) async throws -> Bool {
        try requireFreshSignIn(session)
        let userID = session.user.id
        guard let totp = try await secondFactors.totp(userID: userID) else { throw AccountError.noSecondFactor }
        try await secondFactors.deleteBackupCodes(userID: userID)
        try await secondFactors.deleteTOTP(userID: userID)
        guard totp.confirmedAt != nil else { return false }
        await alert(session.user, subject: "The second factor of your Flowsta account was removed", text: """
            The authenticator app of the Flowsta account \(session.user.username) was removed: signing in takes your \
            password alone again. If this was not you, sign in, change your password and set up an authenticator again.
            """)
        return true
    }

    /// New backup codes, replacing the old ones (used or not).
    /// - Throws: ``AccountError/reauthenticationRequired(withinSeconds:)``, ``AccountError/noSecondFactor``.
    public func regenerateBackupCodes(_ session: AuthenticatedSession) async throws -> [String] {
        try requireFreshSignIn(session)
        guard try await secondFactors.totp(userID: session.user.id)?.confirmedAt != nil else { throw AccountError.noSecondFactor }
        let codes = try await replaceBackupCodes(userID: session.user.id)
        await alert(session.user, subject: "New backup codes for your Flowsta account", text: """
            New backup codes were made for the Flowsta account \(session.user.username); the old ones no longer work.
            """)
        return codes
    }

    public func secondFactorStatus(userID: UUID) async throws -> SecondFactorStatus {
        let totp = try await secondFactors.totp(userID: userID)
        return SecondFactorStatus(
            totpConfirmedAt: totp?.confirmedAt, totpPending: totp != nil && totp?.confirmedAt == nil,
            backupCodesLeft: totp?.confirmedAt == nil ? 0 : try await secondFactors.unusedBackupCodes(userID: userID)
        )
    }

    /// Whether signing in to this account takes a second factor.
    public func hasSecondFactor(userID: UUID) async throws -> Bool {
        try await secondFactors.totp(userID: userID)?.confirmedAt != nil
    }

    func replaceBackupCodes(userID: UUID) async throws -> [String] {
        let codes = BackupCodes.generate()
        let hashes = codes.compactMap(BackupCodes.normalized).map { backupCodeHash($0, userID: userID) }
        try await secondFactors.replaceBackupCodes(userID: userID, hashes: hashes, at: time.now)
        return codes
    }

    func backupCodeHash(_ normalized: String, userID: UUID) -> String {
        secondFactorHasher.hash("backup-code:" + userID.uuidString.lowercased() + ":" + normalized)
    }

    func openSecret(_ totp: StoredTOTP) throws -> String {
        String(decoding: try keyRing.open(totp.sealedSecret, context: SealingContext.totpSecret(totp.userID)), as: UTF8.self)
    }

    /// The key URI authenticator apps read (the de facto `otpauth` format of Google
    /// Authenticator): label `issuer:username`, SHA-1, 6 digits, 30 seconds.
    func authenticatorURI(key: String, username: String) -> String {
        let issuer = configuration.authenticatorIssuer
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        func encoded(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return "otpauth://totp/\(encoded(issuer)):\(encoded(username))?secret=\(key)&issuer=\(encoded(issuer))"
            + "&algorithm=SHA1&digits=\(TOTP.digits)&period=\(TOTP.period)"
    }

    /// Mails a security notice to the account's verified address (an unverified one may not be
    /// the user's); a mail that cannot be queued does not undo the change.
    /// Mails a user at their verified address (Sign It's contact requests: the sender never
    /// learns it). - Returns: `false` when the user has none (or is gone): nothing was sent.
    public func mailVerifiedAddress(userID: UUID, subject: String, text: String) async throws -> Bool {
        guard let mailer, let user = try await users.find(id: userID), user.emailVerified, let address = try openEmail(of: user) else { return false }
        try await mailer.send(to: address, subject: subject, text: text + "\n")
        return true
    }

    func alert(_ user: StoredUser, subject: String, text: String) async {
        guard let mailer, user.emailVerified, let address = try? openEmail(of: user) else { return }
        try? await mailer.send(to: address, subject: subject, text: text + "\n")
    }
}
