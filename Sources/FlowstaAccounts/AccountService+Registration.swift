import FlowstaCore
import FlowstaCrypto
import Foundation

/// `register/finish` input, already decoded from JSON.
public struct RegistrationInput: Sendable {
    public var username: String
    public var registrationRecord: String
    public var displayName: String?
    public var email: String?
    public var agentPublicKey: String?
    /// The solved sign-up challenge (new accounts only).
    public var signupProof: SignupProof?

    public init(
        username: String, registrationRecord: String, displayName: String? = nil, email: String? = nil, agentPublicKey: String? = nil,
        signupProof: SignupProof? = nil
    ) {
        self.signupProof = signupProof
        self.username = username
        self.registrationRecord = registrationRecord
        self.displayName = displayName
        self.email = email
        self.agentPublicKey = agentPublicKey
    }
}

extension AccountService {
    /// OPAQUE `CreateRegistrationResponse` for a new account, or for a password change when
    /// `session` belongs to `username`.
    /// - Throws: ``AccountError/usernameTaken`` when another account holds the name.
    public func registrationStart(username rawUsername: String, request: String, session: AuthenticatedSession?) async throws -> String {
        let username = try Self.validUsername(rawUsername)
        let request = try Self.message("registration_request", request, RegistrationRequest.init(bytes:))
        if let existing = try await users.find(usernameNormalized: username.normalized) {
            guard let session, existing.id == session.user.id else { throw AccountError.usernameTaken }
            try requireFreshSignIn(session)
        }
        let response = try opaque.createRegistrationResponse(request: request, credentialIdentifier: Array(username.normalized.utf8))
        return Base64URL.encode(response.bytes)
    }

    /// Stores a new account, or replaces the signed-in user's OPAQUE record (password change).
    /// - Returns: the profile and whether an account was created.
    public func registrationFinish(_ input: RegistrationInput, session: AuthenticatedSession?) async throws -> (profile: UserProfile, created: Bool) {
        let username = try Self.validUsername(input.username)
        let record = try Self.message("registration_record", input.registrationRecord, RegistrationRecord.init(bytes:))
        let now = time.now

        if let session, session.user.usernameNormalized == username.normalized {
            // Password change: one UPDATE swaps the record; other sessions end (the caller
            // revokes the user's OAuth grants).
            try requireFreshSignIn(session)
            var user = session.user
            user.opaqueRecord = record.bytes
            user.credentialIdentifier = username.normalized
            user.updatedAt = now
            try await users.update(user)
            try await sessions.deleteAll(userID: user.id, keeping: session.tokenHash)
            return (try profile(of: user), false)
        }

        try signupChallenges.verify(input.signupProof, username: username)
        let id = UUID()
        var user = StoredUser(
            id: id, username: username.value, usernameNormalized: username.normalized,
            credentialIdentifier: username.normalized, displayName: nil, emailSealed: nil,
            emailIndex: nil, agentPublicKey: nil, opaqueRecord: record.bytes, createdAt: now, updatedAt: now
        )
        if let displayName = input.displayName {
            user.displayName = try Self.validDisplayName(displayName)
        }
        var sharedAddress: String?
        if let email = input.email {
            sharedAddress = try await setEmail(email, on: &user)
        }
        if let key = input.agentPublicKey {
            let bytes = try Self.bytes(key, field: "agent_pub_key")
            guard bytes.count == 32 else {
                throw AccountError.invalidRequest("agent_pub_key must be a 32-byte Ed25519 public key")
            }
            user.agentPublicKey = bytes
        }
        try await save(&user, sharedAddress: sharedAddress, with: users.create)
        return (try profile(of: user), true)
    }

    static func validDisplayName(_ raw: String) throws -> String {
        guard let name = ProfileRules.displayName(raw) else {
            throw AccountError.invalidRequest("display_name must be 1-\(ProfileRules.displayNameMaxLength) characters without control characters")
        }
        return name
    }

    /// Seals the address and sets its blind index (the address is never stored in clear).
    ///
    /// Issue #15 §2.6: an address another account already has is accepted all the same —
    /// answering "taken" would tell anyone which addresses have accounts. This account keeps it
    /// without the index (addresses are not verified, so they are not identities: OIDC's
    /// `email_verified` is `false`), and the address's owner hears about it by mail.
    /// - Returns: the address, when another account has it (to notify).
    func setEmail(_ raw: String, on user: inout StoredUser) async throws -> String? {
        guard let email = ProfileRules.email(raw) else {
            throw AccountError.invalidRequest("email is not a valid email address")
        }
        user.emailSealed = try keyRing.seal(Array(email.utf8), context: Self.emailContext(user.id))
        let index = emailIndex.hash(email.lowercased())
        if let holder = try await users.userID(emailIndex: index), holder != user.id {
            user.emailIndex = nil
            return email
        }
        user.emailIndex = index
        return nil
    }

    /// Writes `user` with `write`, then tells the owner of a shared address. When another
    /// account took the address between the check and the write, this one keeps it without the
    /// index (the store's unique index refused it).
    func save(_ user: inout StoredUser, sharedAddress: String?, with write: (StoredUser) async throws -> Void) async throws {
        var shared = sharedAddress
        do {
            try await write(user)
        } catch RepositoryConflict.email {
            shared = try openEmail(of: user)
            user.emailIndex = nil
            try await write(user)
        } catch RepositoryConflict.username {
            throw AccountError.usernameTaken
        }
        if let shared { await noticeAddressInUse(shared) }
    }

    func openEmail(of user: StoredUser) throws -> String? {
        try user.emailSealed.map { String(decoding: try keyRing.open($0, context: Self.emailContext(user.id)), as: UTF8.self) }
    }

    /// Tells the address's owner that it was entered for another account (at most once a day
    /// per address and process, so the notice cannot be used to flood a mailbox).
    func noticeAddressInUse(_ email: String) async {
        guard let mailer, addressNotices.shouldSend(emailIndex.hash(email.lowercased()), now: time.now) else { return }
        try? await mailer.send(
            to: email, subject: "This address was entered for a Flowsta account",
            text: """
                Someone entered this email address for a Flowsta account. An account that already uses this address \
                is unchanged.

                If this was you, you can simply sign in with your existing account. If it was not, there is nothing to do: \
                an address entered by someone else is never verified and never signs anyone in.

                """
        )
    }
}
