import FlowstaCore
import FlowstaCrypto
import Foundation

/// `register/finish` input, already decoded from JSON.
public struct RegistrationInput: Sendable {
    public var username: String
    public var registrationRecord: String
    public var displayName: String?
    public var email: String?
    /// An Ed25519 public key (base64url) to make the account's signing key, with its proof
    /// (``agentPublicKeySignature``) made over the sign-up challenge.
    public var agentPublicKey: String?
    public var agentPublicKeySignature: String?
    /// The solved sign-up challenge (new accounts only).
    public var signupProof: SignupProof?

    public init(
        username: String, registrationRecord: String, displayName: String? = nil, email: String? = nil, agentPublicKey: String? = nil,
        agentPublicKeySignature: String? = nil, signupProof: SignupProof? = nil
    ) {
        self.agentPublicKeySignature = agentPublicKeySignature
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
            // Password change by a client that knows nothing of envelopes (third-party RFC 9807
            // clients): refused when the account has a root key, which it would lose
            // (`POST /auth/password` re-seals it). Other sessions end; the caller revokes the
            // user's OAuth grants.
            try requireFreshSignIn(session)
            var user = session.user
            user.opaqueRecord = record.bytes
            user.credentialIdentifier = username.normalized
            user.updatedAt = now
            do {
                try await changePasswordEndingSessions(user, envelope: nil, keepingSession: session.tokenHash, now: now)
            } catch RepositoryConflict.rootKey {
                throw AccountError.envelopeRequired
            }
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
        var change = EmailChange.none
        if let email = input.email {
            change = try await setEmail(email, on: &user)
        }
        let signingKey = try await signUpSigningKey(input, userID: id, now: now)
        try await save(&user, change: change, with: users.create)
        if let signingKey, try await signingKeys.register(signingKey) {
            user.agentPublicKey = signingKey.publicKey
        }
        return (try profile(of: user), true)
    }

    /// The signing key a sign-up brings, checked: `agent_pub_key` needs `agent_pub_key_signature`,
    /// the key's proof (``SigningKeyProof``) over the UTF-8 bytes of a sign-up challenge this
    /// server issued (`signup_proof.challenge`, even when the proof of work is off), so no account
    /// shows a DID whose key its owner does not hold. A key registered before is refused.
    private func signUpSigningKey(_ input: RegistrationInput, userID: UUID, now: Date) async throws -> StoredUserSigningKey? {
        guard let rawKey = input.agentPublicKey else {
            guard input.agentPublicKeySignature == nil else { throw AccountError.invalidRequest("agent_pub_key_signature needs agent_pub_key") }
            return nil
        }
        let publicKey = try Self.bytes(rawKey, field: "agent_pub_key")
        guard publicKey.count == 32, let did = try? DIDKey.did(ed25519PublicKey: publicKey) else {
            throw AccountError.invalidRequest("agent_pub_key must be a 32-byte Ed25519 public key")
        }
        guard let rawSignature = input.agentPublicKeySignature, let challenge = input.signupProof?.challenge else {
            throw AccountError.invalidRequest(
                "agent_pub_key needs agent_pub_key_signature, the key's proof of possession over the sign-up challenge (or register the key after signing in)"
            )
        }
        _ = try signupChallenges.issuedDifficulty(challenge)
        let signature = try Self.bytes(rawSignature, field: "agent_pub_key_signature")
        guard SigningKeyProof.verify(publicKey: publicKey, challenge: Array(challenge.utf8), signature: signature) else {
            throw AccountError.invalidRequest("agent_pub_key_signature is not the key's signature of the proof for this sign-up challenge")
        }
        guard try await signingKeys.key(did: did) == nil else { throw AccountError.invalidRequest("this key was registered before: make a new one") }
        return StoredUserSigningKey(id: UUID(), userID: userID, publicKey: publicKey, did: did, createdAt: now)
    }

    static func validDisplayName(_ raw: String) throws -> String {
        guard let name = ProfileRules.displayName(raw) else {
            throw AccountError.invalidRequest("display_name must be 1-\(ProfileRules.displayNameMaxLength) characters without control characters")
        }
        return name
    }

    /// What setting an address asks for once the account is saved.
    enum EmailChange {
        case none
        /// A new address: send it a verification link.
        case verify(String)
        /// Another account verified this address: tell its owner (nothing goes to anyone else).
        case inUse(String)
    }

    /// Seals the address (it is never stored in clear). A new address is unverified and holds no
    /// blind index: the index is set when the address is verified, so at most one account holds
    /// a verified address, and an unverified one identifies no one (OIDC `email_verified` false).
    ///
    /// Issue #15 §2.6: an address another account verified is accepted all the same — answering
    /// "taken" would tell anyone which addresses have accounts — and its owner hears about it.
    func setEmail(_ raw: String, on user: inout StoredUser) async throws -> EmailChange {
        guard let email = ProfileRules.email(raw) else {
            throw AccountError.invalidRequest("email is not a valid email address")
        }
        user.emailSealed = try keyRing.seal(Array(email.utf8), context: Self.emailContext(user.id))
        let index = emailIndex.hash(email.lowercased())
        if user.emailVerified, user.emailIndex == index { return .none }
        user.emailIndex = nil
        user.emailVerified = false
        if let holder = try await users.userID(emailIndex: index), holder != user.id { return .inUse(email) }
        return .verify(email)
    }

    /// Writes `user` with `write`, then sends what the address change asks for. When another
    /// account verified the address between the check and the write, this one keeps it
    /// unverified (the store's unique index refused it).
    func save(_ user: inout StoredUser, change: EmailChange, with write: (StoredUser) async throws -> Void) async throws {
        var change = change
        do {
            try await write(user)
        } catch RepositoryConflict.email {
            change = try openEmail(of: user).map { .inUse($0) } ?? .none
            user.emailIndex = nil
            user.emailVerified = false
            try await write(user)
        } catch RepositoryConflict.username {
            throw AccountError.usernameTaken
        }
        switch change {
        case .none: break
        case .inUse(let address): await noticeAddressInUse(address)
        // The account is saved: a mail that cannot be queued now can be asked for again.
        case .verify(let address): try? await sendVerification(to: address, of: user, quietly: true)
        }
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
                Someone entered this email address for a Flowsta account. Your account, which verified this address, \
                is unchanged.

                If this was you, you can simply sign in with your existing account. If it was not, there is nothing to do: \
                the other account cannot verify this address, and it never receives mail or signs anyone in.

                """
        )
    }
}
