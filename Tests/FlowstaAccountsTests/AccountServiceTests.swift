import Crypto
import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Testing

@Suite struct AccountServiceTests {
    @Test func registersSignsInAndResolvesTheSession() async throws {
        let harness = try await AccountHarness()
        let profile = try await harness.register("Alice", "correct horse", email: "alice@example.com")
        #expect(profile.username == "Alice")
        #expect(profile.email == "alice@example.com")

        let signIn = try await harness.login("alice", "correct horse")
        #expect(signIn.profile.id == profile.id)
        let session = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        #expect(session.user.id == profile.id)
    }

    @Test func storesNoSecretInClear() async throws {
        let harness = try await AccountHarness()
        let profile = try await harness.register("carol", "hunter2 hunter2", email: "carol@example.com")
        let stored = try #require(await harness.users.find(id: profile.id))
        #expect(stored.emailSealed != nil)
        #expect(!String(decoding: stored.emailSealed!, as: UTF8.self).contains("carol@example.com"))
        #expect(stored.emailIndex == nil, "an unverified address holds no blind index")
        #expect(!String(decoding: stored.opaqueRecord, as: UTF8.self).contains("hunter2"))
        let signIn = try await harness.login("carol", "hunter2 hunter2")
        #expect(await harness.users.find(id: profile.id) != nil)
        #expect(await harness.sessions.find(tokenHash: signIn.sessionToken) == nil)
    }

    @Test func wrongPasswordIsInvalidCredentials() async throws {
        let harness = try await AccountHarness()
        try await harness.register("dave", "right password")
        let (loginID, ke3) = try await harness.startLogin("dave", "wrong password")
        #expect(ke3 == nil)
        await #expect(throws: AccountError.invalidCredentials) {
            try await harness.service.loginFinish(loginID: loginID, ke3: AccountHarness.forgedKE3)
        }
    }

    @Test func unknownUserGetsAFakeKE2OfTheSameShape() async throws {
        let harness = try await AccountHarness()
        try await harness.register("erin", "pw for erin")
        let (ke1, _) = try harness.client.startLogin(password: Array("x".utf8))
        let known = try await harness.service.loginStart(username: "erin", ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
        let unknown = try await harness.service.loginStart(username: "nobody", ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
        #expect(known.ke2.count == unknown.ke2.count)
        #expect(known.loginID.count == unknown.loginID.count)
        await #expect(throws: AccountError.invalidCredentials) {
            try await harness.service.loginFinish(loginID: unknown.loginID, ke3: AccountHarness.forgedKE3)
        }
    }

    @Test func loginStateIsSingleUse() async throws {
        let harness = try await AccountHarness()
        try await harness.register("frank", "pw for frank")
        let (loginID, ke3) = try await harness.startLogin("frank", "pw for frank")
        _ = try await harness.service.loginFinish(loginID: loginID, ke3: try #require(ke3))
        await #expect(throws: AccountError.invalidLogin) {
            try await harness.service.loginFinish(loginID: loginID, ke3: ke3!)
        }
    }

    @Test func loginStateExpiresAfterSixtySeconds() async throws {
        let harness = try await AccountHarness()
        try await harness.register("grace", "pw for grace")
        let early = try await harness.startLogin("grace", "pw for grace")
        harness.time.advance(by: 59)
        _ = try await harness.service.loginFinish(loginID: early.loginID, ke3: try #require(early.ke3))

        let late = try await harness.startLogin("grace", "pw for grace")
        harness.time.advance(by: 61)
        await #expect(throws: AccountError.invalidLogin) {
            try await harness.service.loginFinish(loginID: late.loginID, ke3: late.ke3!)
        }
    }

    @Test func unknownLoginIDIsInvalidLogin() async throws {
        let harness = try await AccountHarness()
        await #expect(throws: AccountError.invalidLogin) {
            try await harness.service.loginFinish(loginID: "bm90LWEtbG9naW4", ke3: AccountHarness.forgedKE3)
        }
    }

    @Test func usernamesAreUniqueCaseInsensitively() async throws {
        let harness = try await AccountHarness()
        try await harness.register("Heidi", "pw")
        await #expect(throws: AccountError.usernameTaken) { try await harness.register("heidi", "pw2") }
    }

    /// Issue #15 §2.6: a taken address is no oracle — the second account keeps it too
    /// (unverified) and the address's owner is told by mail, once a day at most. Issue #16: only
    /// a verified address is "taken"; an unverified one receives nothing but its link.
    @Test func aTakenAddressIsAcceptedAndItsOwnerIsTold() async throws {
        let harness = try await AccountHarness()
        let ivan = try await harness.register("ivan", "pw", email: "same@example.com")
        #expect(harness.mail.messages.map(\.subject) == ["Verify your email address for Flowsta"])
        _ = try await harness.service.verifyEmail(token: try harness.mailedToken(to: "same@example.com", subject: "Verify"))
        let judy = try await harness.register("judy", "pw", email: "SAME@example.com")
        #expect(judy.email == "SAME@example.com" && !judy.emailVerified)
        #expect(ivan.email == "same@example.com")
        let notices = { harness.mail.messages.filter { $0.subject == "This address was entered for a Flowsta account" } }
        #expect(notices().map(\.to) == ["SAME@example.com"])
        #expect(notices().first?.text.contains("judy") == false, "the notice names no account")
        #expect(harness.mail.messages.count == 2, "no verification link for an address another account verified")
        _ = try await harness.register("kate", "pw", email: "same@example.com")
        #expect(harness.mail.messages.count == 2, "one notice a day per address")
        // An address no one verified: its verification link, nothing else.
        _ = try await harness.register("liam", "pw", email: "fresh@example.com")
        #expect(harness.mail.messages.map(\.to).suffix(1) == ["fresh@example.com"] && notices().count == 1)
    }

    @Test func sessionsExpireAfterSevenDays() async throws {
        let harness = try await AccountHarness()
        try await harness.register("kim", "pw")
        let signIn = try await harness.login("kim", "pw")
        harness.time.advance(by: 7 * 24 * 3600 - 1)
        _ = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        harness.time.advance(by: 2)
        await #expect(throws: AccountError.unauthenticated) {
            try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        }
    }

    @Test func passwordChangeReplacesTheRecordAndEndsOtherSessions() async throws {
        let harness = try await AccountHarness()
        try await harness.register("liam", "old password")
        let current = try await harness.login("liam", "old password")
        let other = try await harness.login("liam", "old password")
        let session = try await harness.service.authenticate(sessionToken: current.sessionToken)

        try await harness.register("liam", "new password", session: session)

        _ = try await harness.login("liam", "new password")
        await #expect(throws: AccountError.invalidCredentials) { try await harness.login("liam", "old password") }
        _ = try await harness.service.authenticate(sessionToken: current.sessionToken)
        await #expect(throws: AccountError.unauthenticated) {
            try await harness.service.authenticate(sessionToken: other.sessionToken)
        }
    }

    @Test func registeringATakenNameWithAnotherUsersSessionIsRefused() async throws {
        let harness = try await AccountHarness()
        try await harness.register("mia", "pw")
        try await harness.register("noah", "pw")
        let noah = try await harness.service.authenticate(sessionToken: harness.login("noah", "pw").sessionToken)
        await #expect(throws: AccountError.usernameTaken) { try await harness.register("mia", "hijack", session: noah) }
    }

    @Test func profileUpdatesKeepThePasswordWorking() async throws {
        let harness = try await AccountHarness()
        try await harness.register("olivia", "pw", email: "o@example.com")
        let session = try await harness.service.authenticate(sessionToken: harness.login("olivia", "pw").sessionToken)
        let updated = try await harness.service.update(session, with: ProfileUpdate(username: "Olive", displayName: .set("Olive O."), email: .clear))
        #expect(updated.username == "Olive")
        #expect(updated.displayName == "Olive O.")
        #expect(updated.email == nil)
        _ = try await harness.login("olive", "pw")
        await #expect(throws: AccountError.invalidUsername) {
            try await harness.service.update(session, with: ProfileUpdate(username: "9lives"))
        }
    }

    @Test func deletingTheAccountRemovesItsSessions() async throws {
        let harness = try await AccountHarness()
        try await harness.register("paul", "pw")
        let signIn = try await harness.login("paul", "pw")
        let session = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        try await harness.service.deleteAccount(session)
        #expect(await harness.sessions.count == 0)
        await #expect(throws: AccountError.unauthenticated) {
            try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        }
    }

    @Test func loginAttemptsAreRateLimitedPerUsername() async throws {
        let harness = try await AccountHarness(limits: .init(perUsername: 3, perAddress: 100))
        try await harness.register("quinn", "pw")
        for _ in 0..<3 { _ = try await harness.startLogin("quinn", "pw") }
        do {
            _ = try await harness.startLogin("quinn", "pw")
            Issue.record("the fourth attempt was allowed")
        } catch AccountError.rateLimited(let seconds) {
            #expect(seconds >= 1 && seconds <= 60)
        }
        harness.time.advance(by: 60)
        _ = try await harness.startLogin("quinn", "pw")
    }

    /// A sign-up's `agent_pub_key` becomes the account's signing key (and DID) only with its
    /// proof of possession over an issued sign-up challenge.
    @Test func aSignUpKeyBecomesTheDIDOnlyWithItsProof() async throws {
        let harness = try await AccountHarness()
        let key = Curve25519.Signing.PrivateKey()
        let publicKey = [UInt8](key.publicKey.rawRepresentation)
        let did = try DIDKey.did(ed25519PublicKey: publicKey)
        let challenge = harness.service.signupChallenges.issue().challenge
        func proof(_ signer: Curve25519.Signing.PrivateKey, over challenge: String) throws -> String {
            Base64URL.encode(try signer.signature(for: SigningKeyProof.message(did: did, challenge: Array(challenge.utf8))))
        }
        func signUp(_ name: String, key: String?, signature: String?, challenge: String? = challenge) async throws -> UserProfile {
            let (request, state) = try harness.client.startRegistration(password: Array("pw".utf8))
            let response = try await harness.service.registrationStart(username: name, request: Base64URL.encode(request.bytes), session: nil)
            let (record, _) = try harness.client.finishRegistration(state: state, response: RegistrationResponse(bytes: Base64URL.decode(response)!))
            let input = RegistrationInput(
                username: name, registrationRecord: Base64URL.encode(record.bytes), agentPublicKey: key, agentPublicKeySignature: signature,
                signupProof: challenge.map { SignupProof(challenge: $0, nonce: "0") }
            )
            return try await harness.service.registrationFinish(input, session: nil).profile
        }
        let encodedKey = Base64URL.encode(publicKey)
        let refusals: [(String, String?, String?, String?)] = [
            ("no proof", encodedKey, nil, challenge),
            ("another key's proof", encodedKey, try proof(Curve25519.Signing.PrivateKey(), over: challenge), challenge),
            ("a proof over another challenge", encodedKey, try proof(key, over: harness.service.signupChallenges.issue().challenge), challenge),
            ("a challenge the server never issued", encodedKey, try proof(key, over: "made-up"), "made-up"),
            ("no challenge at all", encodedKey, try proof(key, over: challenge), nil),
            ("a proof without a key", nil, try proof(key, over: challenge), challenge),
            ("a short key", Base64URL.encode([UInt8](repeating: 1, count: 31)), try proof(key, over: challenge), challenge),
        ]
        for (number, (what, key, signature, challenge)) in refusals.enumerated() {
            await #expect(throws: AccountError.self, "\(what)") {
                _ = try await signUp("refused\(number)", key: key, signature: signature, challenge: challenge)
            }
            #expect(await harness.users.find(usernameNormalized: "refused\(number)") == nil, "\(what): no account was made")
        }

        let profile = try await signUp("rita", key: encodedKey, signature: try proof(key, over: challenge))
        #expect(profile.did == did)
        #expect(profile.did?.hasPrefix("did:key:z6Mk") == true)
        #expect(try await harness.service.signingKeys(try await harness.service.authenticate(sessionToken: try await harness.login("rita", "pw").sessionToken)).map(\.did) == [did])
        // The same key cannot be a second account's.
        await #expect(throws: AccountError.self) { _ = try await signUp("rita2", key: encodedKey, signature: try proof(key, over: challenge)) }
        // Without a key an account has no DID until it registers one.
        #expect(try await signUp("sam", key: nil, signature: nil).did == nil)
    }
}

@Suite struct EphemeralLoginStateRepositoryTests {
    static func login(_ key: String, expiresAt: Date) -> PendingLogin {
        PendingLogin(handleHash: key, userID: nil, sealedState: [1], expiresAt: expiresAt)
    }

    @Test func consumesOnceAndDropsExpiredStates() async {
        let time = FixedTimeSource()
        let repository = EphemeralLoginStateRepository(capacity: 10, time: time)
        await repository.insert(Self.login("a", expiresAt: time.now.addingTimeInterval(60)))
        await repository.insert(Self.login("b", expiresAt: time.now.addingTimeInterval(60)))
        #expect(await repository.consume(handleHash: "a")?.handleHash == "a")
        #expect(await repository.consume(handleHash: "a") == nil)
        time.advance(by: 61)
        await repository.insert(Self.login("c", expiresAt: time.now.addingTimeInterval(60)))
        #expect(await repository.count == 1)
        #expect(await repository.consume(handleHash: "b") == nil)
    }

    @Test func evictsTheOldestBeyondCapacity() async {
        let time = FixedTimeSource()
        let repository = EphemeralLoginStateRepository(capacity: 3, time: time)
        for key in ["a", "b", "c", "d"] {
            await repository.insert(Self.login(key, expiresAt: time.now.addingTimeInterval(60)))
        }
        #expect(await repository.count == 3)
        #expect(await repository.consume(handleHash: "a") == nil)
        #expect(await repository.consume(handleHash: "d") != nil)
    }
}
