import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Testing

/// Issue #16: the root key in envelopes, password change, recovery code, reset, verified email,
/// sessions — on the engine with in-memory stores.
@Suite struct RootKeyTests {
    @Test func signUpStoresEnvelopesThatOpenToTheSameRootKey() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("alice", "correct horse")
        #expect(try await harness.service.keyKinds(account.session) == [.password, .recovery])
        let (_, opened) = try await harness.openRootKey("alice", "correct horse")
        #expect(opened == account.rootKey.bytes)
        // The server holds envelopes only: the root key appears in none of them.
        let stored = await harness.keys.keys(userID: account.profile.id)
        for bytes in Array(stored.envelopes.values) + [try requireValue(stored.recovery).envelope] {
            #expect(bytes.count == KeyEnvelope.byteCount)
            #expect(Data(bytes).range(of: Data(account.rootKey.bytes)) == nil)
        }
        // A second setup is refused: the existing root key cannot be replaced this way.
        await #expect(throws: AccountError.rootKeyExists) {
            _ = try await harness.service.setUpRootKey(account.session, KeySetupInput(envelopes: [.password: Base64URL.encode([1] + [UInt8](repeating: 0, count: 60))]))
        }
    }

    @Test func setupChecksEnvelopeShapeAndFreshness() async throws {
        let harness = try await AccountHarness()
        try await harness.register("bob", "pw for bob")
        let (signIn, _) = try await harness.loginWithKey("bob", "pw for bob")
        let session = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        for bad in [[UInt8](repeating: 1, count: 60), [2] + [UInt8](repeating: 0, count: 60), [1] + [UInt8](repeating: 0, count: 61)] {
            await #expect(throws: AccountError.self) {
                _ = try await harness.service.setUpRootKey(session, KeySetupInput(envelopes: [.password: Base64URL.encode(bad)]))
            }
        }
        await #expect(throws: AccountError.self) {
            _ = try await harness.service.setUpRootKey(session, KeySetupInput(envelopes: [.legacyVault: Base64URL.encode([1] + [UInt8](repeating: 0, count: 60))]))
        }
        harness.time.advance(by: 301)
        await #expect(throws: AccountError.reauthenticationRequired(withinSeconds: 300)) {
            _ = try await harness.service.setUpRootKey(session, KeySetupInput(envelopes: [.password: Base64URL.encode([1] + [UInt8](repeating: 0, count: 60))]))
        }
        #expect(await harness.keys.keys(userID: signIn.profile.id).hasRootKey == false)
    }

    @Test func passwordChangeKeepsTheRootKeyAndEndsOtherSessions() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("carol", "old password")
        let other = try await harness.login("carol", "old password")
        let (signIn, _) = try await harness.loginWithKey("carol", "old password")
        let session = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        let new = try await harness.registration("new password") {
            try await harness.service.registrationStart(username: "carol", request: $0, session: session)
        }
        // Without the re-sealed root key the change is refused: the key would be lost.
        await #expect(throws: AccountError.envelopeRequired) {
            _ = try await harness.service.changePassword(session, registrationRecord: new.record, envelope: nil)
        }
        await #expect(throws: AccountError.envelopeRequired) {
            _ = try await harness.service.registrationFinish(RegistrationInput(username: "carol", registrationRecord: new.record), session: session)
        }
        let envelope = try harness.seal(account.rootKey.bytes, .password, new.exportKey, account.profile.id)
        _ = try await harness.service.changePassword(session, registrationRecord: new.record, envelope: envelope)

        let (_, opened) = try await harness.openRootKey("carol", "new password")
        #expect(opened == account.rootKey.bytes)
        await #expect(throws: AccountError.invalidCredentials) { _ = try await harness.login("carol", "old password") }
        await #expect(throws: AccountError.unauthenticated) { _ = try await harness.service.authenticate(sessionToken: other.sessionToken) }
        _ = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        // The recovery lock is untouched.
        #expect(await harness.keys.keys(userID: account.profile.id).recovery != nil)
    }

    @Test func accountsWithoutRootKeyChangePasswordTheOldWay() async throws {
        let harness = try await AccountHarness()
        try await harness.register("dave", "first password")
        let signIn = try await harness.login("dave", "first password")
        let session = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        try await harness.register("dave", "second password", session: session)
        _ = try await harness.login("dave", "second password")
    }

    @Test func recoveryCodeSetsANewPasswordAndKeepsTheRootKey() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("erin", "forgotten password")
        let stale = try await harness.login("erin", "forgotten password")

        let typed = account.recoveryCode.display.lowercased().replacingOccurrences(of: "-", with: " ")
        let code = try requireValue(RecoveryCode(typed: typed))
        let (ke1, state) = try harness.client.startLogin(password: Array(code.normalized.utf8))
        let start = try await harness.service.recoveryStart(username: "erin", ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
        let (ke3, _, recoveryExportKey) = try harness.client.finishLogin(state: state, ke2: KE2(bytes: Base64URL.decode(start.ke2)!))
        // A recovery login id never finishes a password sign-in.
        await #expect(throws: AccountError.invalidLogin) {
            _ = try await harness.service.loginFinish(loginID: start.loginID, ke3: Base64URL.encode(ke3.bytes))
        }
        let start2 = try await harness.service.recoveryStart(username: "erin", ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
        let (ke3b, _, _) = try harness.client.finishLogin(state: state, ke2: KE2(bytes: Base64URL.decode(start2.ke2)!))
        let (request, registration) = try harness.client.startRegistration(password: Array("brand new password".utf8))
        let proof = try await harness.service.recoveryFinish(
            loginID: start2.loginID, ke3: Base64URL.encode(ke3b.bytes), registrationRequest: Base64URL.encode(request.bytes)
        )
        #expect(proof.userID == account.profile.id)
        let rootKey = try KeyEnvelope.open(
            try requireValue(proof.envelopes[.recovery]), kind: .recovery, lockSecret: recoveryExportKey, userID: proof.userID
        )
        #expect(rootKey == account.rootKey.bytes)
        let (record, exportKey) = try harness.client.finishRegistration(
            state: registration, response: RegistrationResponse(bytes: Base64URL.decode(proof.registrationResponse)!)
        )
        let envelope = try harness.seal(rootKey, .password, exportKey, proof.userID)
        let signIn = try await harness.service.recoveryComplete(
            recoveryToken: proof.recoveryToken, registrationRecord: Base64URL.encode(record.bytes), envelope: envelope
        )
        _ = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        await #expect(throws: AccountError.unauthenticated) { _ = try await harness.service.authenticate(sessionToken: stale.sessionToken) }
        let (_, opened) = try await harness.openRootKey("erin", "brand new password")
        #expect(opened == account.rootKey.bytes)
        // The token is single use.
        await #expect(throws: AccountError.invalidToken) {
            _ = try await harness.service.recoveryComplete(recoveryToken: proof.recoveryToken, registrationRecord: Base64URL.encode(record.bytes), envelope: envelope)
        }
    }

    @Test func aWrongRecoveryCodeOrAnAccountWithoutOneFailsLikeAWrongPassword() async throws {
        let harness = try await AccountHarness()
        _ = try await harness.signUp("frank", "pw for frank")
        try await harness.register("gina", "pw for gina")
        let (request, _) = try harness.client.startRegistration(password: Array("x".utf8))
        for username in ["frank", "gina", "nobody"] {
            let wrong = RecoveryCode.generate()
            let (ke1, state) = try harness.client.startLogin(password: Array(wrong.normalized.utf8))
            let start = try await harness.service.recoveryStart(username: username, ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
            // The client cannot even finish: the fake or real record does not open with this code.
            #expect(throws: (any Error).self) { _ = try harness.client.finishLogin(state: state, ke2: KE2(bytes: Base64URL.decode(start.ke2)!)) }
            await #expect(throws: AccountError.invalidCredentials) {
                _ = try await harness.service.recoveryFinish(loginID: start.loginID, ke3: AccountHarness.forgedKE3, registrationRequest: Base64URL.encode(request.bytes))
            }
        }
    }

    @Test func recoveryAttemptsAreLimitedPerUsername() async throws {
        let harness = try await AccountHarness(limits: .init(perUsername: 3, perAddress: 1000))
        _ = try await harness.signUp("hank", "pw for hank")
        let (ke1, _) = try harness.client.startLogin(password: Array("x".utf8))
        var limited = false
        for _ in 0..<5 {
            do {
                _ = try await harness.service.recoveryStart(username: "hank", ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
            } catch AccountError.rateLimited {
                limited = true
            }
        }
        #expect(limited)
        // Password sign-ins have their own bucket.
        _ = try await harness.login("hank", "pw for hank")
    }

    @Test func newRecoveryCodeReplacesTheOld() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("ivy", "pw for ivy")
        let code = RecoveryCode.generate()
        let lock = try await harness.registration(code.normalized) { try harness.service.recoveryRegistrationStart(account.session, request: $0) }
        try await harness.service.replaceRecovery(
            account.session, registrationRecord: lock.record,
            envelope: try harness.seal(account.rootKey.bytes, .recovery, lock.exportKey, account.profile.id)
        )
        let stored = try requireValue(await harness.keys.keys(userID: account.profile.id).recovery)
        let opened = try KeyEnvelope.open(stored.envelope, kind: .recovery, lockSecret: lock.exportKey, userID: account.profile.id)
        #expect(opened == account.rootKey.bytes)
        // Without a root key there is nothing for a recovery code to open.
        try await harness.register("jack", "pw for jack")
        let signIn = try await harness.login("jack", "pw for jack")
        let session = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        let other = try await harness.registration(code.normalized) { try harness.service.recoveryRegistrationStart(session, request: $0) }
        await #expect(throws: AccountError.rootKeyRequired) {
            try await harness.service.replaceRecovery(session, registrationRecord: other.record, envelope: try harness.seal(account.rootKey.bytes, .recovery, other.exportKey, signIn.profile.id))
        }
    }

    @Test func emailIsVerifiedByItsLinkOnly() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("kim", "pw for kim", email: "Kim@Example.com")
        #expect(account.profile.emailVerified == false)
        let stored = try requireValue(await harness.users.find(id: account.profile.id))
        #expect(stored.emailIndex == nil)
        // Until verified the address receives nothing but the link.
        #expect(harness.mail.messages.map(\.subject) == ["Verify your email address for Flowsta"])
        let token = try harness.mailedToken(to: "Kim@example.com", subject: "Verify")
        await #expect(throws: AccountError.invalidToken) { _ = try await harness.service.verifyEmail(token: token + "x") }
        let verified = try await harness.service.verifyEmail(token: token)
        #expect(verified.emailVerified)
        await #expect(throws: AccountError.invalidToken) { _ = try await harness.service.verifyEmail(token: token) }
        let session = try await harness.service.authenticate(sessionToken: try await harness.login("kim", "pw for kim").sessionToken)
        await #expect(throws: AccountError.nothingToVerify) { try await harness.service.requestEmailVerification(session) }

        // Another account entering the verified address: accepted, unverified, never verifiable,
        // and the owner is told.
        let other = try await harness.signUp("lee", "pw for lee", email: "kim@example.com")
        #expect(other.profile.emailVerified == false)
        #expect(harness.mail.messages.last?.subject == "This address was entered for a Flowsta account")
        await #expect(throws: AccountError.emailInUse) { try await harness.service.requestEmailVerification(other.session) }
    }

    @Test func changingTheAddressVoidsItsLinkAndUnverifies() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("mia", "pw for mia", email: "mia@example.com")
        let first = try harness.mailedToken(to: "mia@example.com", subject: "Verify")
        _ = try await harness.service.verifyEmail(token: first)
        let session = try await harness.service.authenticate(sessionToken: try await harness.login("mia", "pw for mia").sessionToken)
        var profile = try await harness.service.update(session, with: ProfileUpdate(email: .set("MIA@example.com")))
        #expect(profile.emailVerified, "the same address in another case stays verified")
        profile = try await harness.service.update(session, with: ProfileUpdate(email: .set("mia@elsewhere.example")))
        #expect(!profile.emailVerified)
        let second = try harness.mailedToken(to: "mia@elsewhere.example", subject: "Verify")
        _ = try await harness.service.update(session, with: ProfileUpdate(email: .set("mia@third.example")))
        await #expect(throws: AccountError.invalidToken) { _ = try await harness.service.verifyEmail(token: second) }
        #expect(await harness.users.find(id: account.profile.id)?.emailIndex == nil)
    }

    @Test func verificationMailsAreLimitedPerDay() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("ned", "pw for ned", email: "ned@example.com")
        for _ in 1..<AccountHarness.configuration.verificationMailsPerDay {
            try await harness.service.requestEmailVerification(account.session)
        }
        await #expect(throws: AccountError.rateLimited(retryAfterSeconds: 3600)) { try await harness.service.requestEmailVerification(account.session) }
        harness.time.advance(by: 86_401)
        let session = try await harness.service.authenticate(sessionToken: try await harness.login("ned", "pw for ned").sessionToken)
        try await harness.service.requestEmailVerification(session)
    }

    @Test func resetThroughTheVerifiedAddressMakesANewRootKeyAndEmptiesTheVault() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("olga", "lost password", email: "olga@example.com")
        _ = try await harness.service.verifyEmail(token: try harness.mailedToken(to: "olga@example.com", subject: "Verify"))
        _ = try await VaultService(repository: harness.vault).put(
            userID: account.profile.id, id: UUID(), kind: "signin", ciphertext: Base64URL.encode([2] + [UInt8](repeating: 9, count: 40))
        )
        let stale = try await harness.login("olga", "lost password")

        try await harness.service.requestPasswordReset(email: "OLGA@example.com")
        // The link goes to the verified address as stored, not as typed in the request.
        let token = try harness.mailedToken(to: "olga@example.com", subject: "Reset")
        let (request, registration) = try harness.client.startRegistration(password: Array("new password".utf8))
        let code = RecoveryCode.generate()
        let (recoveryRequest, recoveryRegistration) = try harness.client.startRegistration(password: Array(code.normalized.utf8))
        let start = try await harness.service.resetStart(
            token: token, registrationRequest: Base64URL.encode(request.bytes), recoveryRegistrationRequest: Base64URL.encode(recoveryRequest.bytes)
        )
        #expect(start.userID == account.profile.id && start.username == "olga")
        let (record, exportKey) = try harness.client.finishRegistration(state: registration, response: RegistrationResponse(bytes: Base64URL.decode(start.registrationResponse)!))
        let (recoveryRecord, recoveryKey) = try harness.client.finishRegistration(
            state: recoveryRegistration, response: RegistrationResponse(bytes: Base64URL.decode(try requireValue(start.recoveryRegistrationResponse))!)
        )
        let newRoot = RootKey.generate()
        let signIn = try await harness.service.resetComplete(ResetInput(
            token: token, registrationRecord: Base64URL.encode(record.bytes), envelope: try harness.seal(newRoot.bytes, .password, exportKey, start.userID),
            recovery: (Base64URL.encode(recoveryRecord.bytes), try harness.seal(newRoot.bytes, .recovery, recoveryKey, start.userID))
        ))
        _ = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        await #expect(throws: AccountError.unauthenticated) { _ = try await harness.service.authenticate(sessionToken: stale.sessionToken) }
        let (_, opened) = try await harness.openRootKey("olga", "new password")
        #expect(opened == newRoot.bytes && opened != account.rootKey.bytes)
        #expect(await harness.vault.entries(userID: account.profile.id, kind: nil, after: nil, limit: 10).isEmpty)
        // The link works once.
        await #expect(throws: AccountError.invalidToken) {
            _ = try await harness.service.resetStart(token: token, registrationRequest: Base64URL.encode(request.bytes), recoveryRegistrationRequest: nil)
        }
    }

    @Test func resetMailsGoOnlyToVerifiedAddressesAndAreLimited() async throws {
        let harness = try await AccountHarness()
        _ = try await harness.signUp("pat", "pw for pat", email: "pat@example.com")
        try await harness.service.requestPasswordReset(email: "pat@example.com")
        try await harness.service.requestPasswordReset(email: "nobody@example.com")
        #expect(!harness.mail.messages.contains { $0.subject.contains("Reset") })
        _ = try await harness.service.verifyEmail(token: try harness.mailedToken(to: "pat@example.com", subject: "Verify"))
        for _ in 0..<5 { try await harness.service.requestPasswordReset(email: "pat@example.com") }
        #expect(harness.mail.messages.filter { $0.subject.contains("Reset") }.count == AccountHarness.configuration.resetMailsPerDay)
        await #expect(throws: AccountError.self) { try await harness.service.requestPasswordReset(email: "not an address") }
        // A link stops working when the address changes.
        let token = try harness.mailedToken(to: "pat@example.com", subject: "Reset")
        let session = try await harness.service.authenticate(sessionToken: try await harness.login("pat", "pw for pat").sessionToken)
        _ = try await harness.service.update(session, with: ProfileUpdate(email: .set("pat@new.example")))
        let (request, _) = try harness.client.startRegistration(password: Array("x".utf8))
        await #expect(throws: AccountError.invalidToken) {
            _ = try await harness.service.resetStart(token: token, registrationRequest: Base64URL.encode(request.bytes), recoveryRegistrationRequest: nil)
        }
    }

    @Test func sessionsAreListedAndEndedOneOrAllOthers() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("quinn", "pw for quinn")
        let second = try await harness.login("quinn", "pw for quinn")
        harness.time.advance(by: 10)
        let third = try await harness.login("quinn", "pw for quinn")
        let current = try await harness.service.authenticate(sessionToken: third.sessionToken)
        let listed = try await harness.service.sessions(current)
        #expect(listed.count == 3)
        #expect(listed.filter(\.current).count == 1 && listed.first?.current == true)
        #expect(Set(listed.map(\.id)).count == 3)
        #expect(listed.allSatisfy { !$0.id.contains(current.tokenHash) && $0.id.count == 32 })
        await #expect(throws: AccountError.sessionNotFound) { try await harness.service.endSession(current, id: "nope") }
        let target = try requireValue(listed.last)
        #expect(try await harness.service.endSession(current, id: target.id) == false)
        #expect(try await harness.service.sessions(current).count == 2)
        try await harness.service.endOtherSessions(current)
        #expect(try await harness.service.sessions(current).map(\.current) == [true])
        await #expect(throws: AccountError.unauthenticated) { _ = try await harness.service.authenticate(sessionToken: second.sessionToken) }
        _ = account
    }
}
