import FlowstaCore
import FlowstaCrypto
import Foundation

/// What a reset link lets the client prepare: registration responses for the new password and
/// the new recovery code, and the account they are for.
public struct ResetStart: Sendable {
    public var registrationResponse: String
    public var recoveryRegistrationResponse: String?
    public var userID: UUID
    public var username: String
    /// The account has a second factor: completing the reset takes one of its codes.
    public var secondFactorRequired: Bool
}

/// `POST /auth/password-reset/complete` input (all base64url).
public struct ResetInput: Sendable {
    public var token: String
    public var registrationRecord: String
    /// The new root key sealed under the new password's export key.
    public var envelope: String
    /// The new recovery code's record and envelope (optional: without it the account has none).
    public var recovery: (registrationRecord: String, envelope: String)?
    /// A code of the account's second factor, when it has one.
    public var secondFactor: SecondFactorProof?

    public init(
        token: String, registrationRecord: String, envelope: String, recovery: (registrationRecord: String, envelope: String)? = nil,
        secondFactor: SecondFactorProof? = nil
    ) {
        self.secondFactor = secondFactor
        self.token = token
        self.registrationRecord = registrationRecord
        self.envelope = envelope
        self.recovery = recovery
    }
}

extension AccountService {
    /// "Forgot password" without the recovery code: mails a reset link to `email` when it is an
    /// account's verified address (at most ``Configuration/resetMailsPerDay`` a day). Answers
    /// the same, and as fast, whether or not an account verified the address: the lookup and
    /// the mail happen after the answer (``Configuration/resetMailInBackground``), so neither the
    /// answer nor its timing tells which addresses have accounts.
    public func requestPasswordReset(email raw: String) async throws {
        guard let email = ProfileRules.email(raw) else { throw AccountError.invalidRequest("email is not a valid email address") }
        guard configuration.resetMailInBackground else {
            try await sendResetLink(to: email)
            return
        }
        Task { [self] in try? await sendResetLink(to: email) }
    }

    func sendResetLink(to email: String) async throws {
        let index = emailIndex.hash(email.lowercased())
        guard let mailer, let userID = try await users.userID(emailIndex: index), let user = try await users.find(id: userID), user.emailVerified,
              let address = try openEmail(of: user),
              try await tokens.count(userID: userID, purpose: .reset, since: time.now.addingTimeInterval(-86_400)) < configuration.resetMailsPerDay else {
            return
        }
        let token = try await issueToken(userID: userID, purpose: .reset, binding: index, lifetime: configuration.resetTokenLifetime)
        let minutes = Int(configuration.resetTokenLifetime / 60)
        // To the verified address as stored (a mailbox's local part may be case-sensitive).
        try await mailer.send(
            to: address, subject: "Reset your Flowsta password",
            text: """
                Someone asked to reset the password of the Flowsta account \(user.username).

                To choose a new password, open this link within \(minutes) minutes (it works once):
                \(configuration.publicBaseURL)/reset#token=\(token)

                A reset without your recovery code makes a new key for your account: your activity history \
                cannot be read any more and is deleted. Your apps, consents and organizations stay. If you still \
                have your recovery code, use "I have my recovery code" on the sign-in page instead: it keeps everything.

                If you did not ask for this, ignore this message: nothing changes.

                """
        )
    }

    /// Checks a reset link and prepares the new password (and recovery code) registrations.
    public func resetStart(token raw: String, registrationRequest: String, recoveryRegistrationRequest: String?) async throws -> ResetStart {
        let token = try await peekToken(raw, purpose: .reset)
        let user = try await resetUser(token)
        return ResetStart(
            registrationResponse: try registrationResponse(registrationRequest, credentialIdentifier: user.usernameNormalized),
            recoveryRegistrationResponse: try recoveryRegistrationRequest.map {
                try registrationResponse($0, credentialIdentifier: RecoveryCode.credentialIdentifier(userID: user.id))
            },
            userID: user.id, username: user.username, secondFactorRequired: try await hasSecondFactor(userID: user.id)
        )
    }

    /// Sets the new password with a new root key: the old envelopes and the vault go (nothing can
    /// open them any more), every session ends and a new one opens (the caller revokes OAuth
    /// grants). Apps, consents and organizations stay.
    public func resetComplete(_ input: ResetInput) async throws -> SignIn {
        let record = try Self.message("registration_record", input.registrationRecord, RegistrationRecord.init(bytes:))
        let sealed = try Self.envelope(input.envelope, field: "envelope")
        let token = try await peekToken(input.token, purpose: .reset)
        let methods = try await checkSecondFactor(input.secondFactor, userID: token.userID)
        let lock = try input.recovery.map { try recoveryLock(userID: token.userID, record: $0.registrationRecord, envelope: $0.envelope) }
        var user = try await resetUser(try await useToken(input.token, purpose: .reset))
        user.opaqueRecord = record.bytes
        user.credentialIdentifier = user.usernameNormalized
        user.updatedAt = time.now
        try await keys.reset(user, keys: UserKeys(envelopes: [.password: sealed], recovery: lock), now: time.now)
        try await tokens.deleteAll(userID: user.id, purpose: .reset)
        return try await signIn(user, methods: methods)
    }

    /// The account of a reset token, while its address is still the verified one it was sent to.
    private func resetUser(_ token: AccountToken) async throws -> StoredUser {
        guard let user = try await users.find(id: token.userID), user.emailVerified, user.emailIndex == token.binding else {
            throw AccountError.invalidToken
        }
        return user
    }
}
