import Crypto
import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Testing

/// Issue #20: adding passkeys to an account and signing in with one, on the engine with a
/// software authenticator (the relying party is the default public base URL, localhost:8080).
@Suite struct PasskeyAccountTests {
    static let rpID = "localhost"
    static let origin = "http://localhost:8080"

    /// A signed-up user with a fresh session and a registered passkey (P-256 unless given).
    static func withPasskey(
        _ harness: AccountHarness, _ username: String, authenticator: SoftAuthenticator = SoftAuthenticator(key: .p256(P256.Signing.PrivateKey())),
        envelope: String? = nil
    ) async throws -> (session: AuthenticatedSession, passkey: StoredPasskey, authenticator: SoftAuthenticator) {
        let account = try await harness.signUp(username, "pw of \(username)")
        let options = try await harness.service.startPasskeyRegistration(account.session)
        #expect(options.relyingPartyID == rpID && options.excludeCredentialIDs.isEmpty && options.userName == username)
        #expect(!options.userHandle.isEmpty && String(decoding: options.userHandle, as: UTF8.self) != account.profile.id.uuidString.lowercased())
        let made = authenticator.create(rpID: rpID, origin: origin, challenge: options.challenge)
        let passkey = try await harness.service.finishPasskeyRegistration(
            account.session, ceremonyID: options.ceremonyID, clientDataJSON: made.clientData, attestationObject: made.attestation,
            name: "  My laptop ", rootKeyEnvelope: envelope
        )
        return (account.session, passkey, authenticator)
    }

    static func signIn(_ harness: AccountHarness, _ authenticator: inout SoftAuthenticator) async throws -> PasskeySignIn {
        let options = try await harness.service.startPasskeySignIn()
        let assertion = authenticator.get(rpID: rpID, origin: origin, challenge: options.challenge)
        return try await harness.service.finishPasskeySignIn(PasskeyAssertion(
            ceremonyID: options.ceremonyID, credentialID: authenticator.credentialID, clientDataJSON: assertion.clientData,
            authenticatorData: assertion.data, signature: assertion.signature
        ))
    }

    @Test func aPasskeySignsInWithoutThePasswordAndCarriesItsEnvelope() async throws {
        let harness = try await AccountHarness()
        let envelope = Base64URL.encode([1] + [UInt8](repeating: 3, count: KeyEnvelope.byteCount - 1))
        var (session, passkey, authenticator) = try await Self.withPasskey(harness, "pia", envelope: envelope)
        #expect(passkey.name == "My laptop" && passkey.algorithm == -7 && passkey.rootKeyEnvelope == Base64URL.decode(envelope))
        #expect(try await harness.service.passkeys(session).map(\.id) == [passkey.id])

        let signedIn = try await Self.signIn(harness, &authenticator)
        #expect(signedIn.signIn.profile.username == "pia" && signedIn.rootKeyEnvelope == passkey.rootKeyEnvelope)
        let passkeySession = try await harness.service.authenticate(sessionToken: signedIn.signIn.sessionToken)
        #expect(passkeySession.methods.values == ["hwk", "mfa"])
        // A second registration of the same authenticator is refused; the options exclude it.
        let again = try await harness.service.startPasskeyRegistration(session)
        #expect(again.excludeCredentialIDs == [authenticator.credentialID])
        let twice = authenticator.create(rpID: Self.rpID, origin: Self.origin, challenge: again.challenge)
        await #expect(throws: AccountError.self) {
            _ = try await harness.service.finishPasskeyRegistration(
                session, ceremonyID: again.ceremonyID, clientDataJSON: twice.clientData, attestationObject: twice.attestation, name: "x", rootKeyEnvelope: nil
            )
        }
        try await harness.service.renamePasskey(session, id: passkey.id, to: "Work")
        #expect(try await harness.service.passkeys(session).first?.name == "Work")
        session = try await harness.service.authenticate(sessionToken: signedIn.signIn.sessionToken)
        try await harness.service.removePasskey(session, id: passkey.id)
        await #expect(throws: AccountError.invalidCredentials) { _ = try await Self.signIn(harness, &authenticator) }
    }

    @Test func ceremoniesAreSingleUseBoundAndExpire() async throws {
        let harness = try await AccountHarness()
        var (session, _, authenticator) = try await Self.withPasskey(harness, "quinn")
        let options = try await harness.service.startPasskeySignIn()
        let assertion = authenticator.get(rpID: Self.rpID, origin: Self.origin, challenge: options.challenge)
        func finish(_ id: String) async throws -> PasskeySignIn {
            try await harness.service.finishPasskeySignIn(PasskeyAssertion(
                ceremonyID: id, credentialID: authenticator.credentialID, clientDataJSON: assertion.clientData,
                authenticatorData: assertion.data, signature: assertion.signature
            ))
        }
        _ = try await finish(options.ceremonyID)
        await #expect(throws: AccountError.invalidLogin) { _ = try await finish(options.ceremonyID) }
        // A replayed assertion under a new ceremony fails: its challenge is the old one.
        await #expect(throws: AccountError.invalidCredentials) { _ = try await finish(try await harness.service.startPasskeySignIn().ceremonyID) }
        // A registration ceremony is the user's: another user's session cannot finish it.
        let other = try await harness.signUp("rory", "pw of rory")
        let mine = try await harness.service.startPasskeyRegistration(session)
        let made = SoftAuthenticator(key: .ed25519(Curve25519.Signing.PrivateKey())).create(rpID: Self.rpID, origin: Self.origin, challenge: mine.challenge)
        await #expect(throws: AccountError.invalidLogin) {
            _ = try await harness.service.finishPasskeyRegistration(
                other.session, ceremonyID: mine.ceremonyID, clientDataJSON: made.clientData, attestationObject: made.attestation, name: "x", rootKeyEnvelope: nil
            )
        }
        let late = try await harness.service.startPasskeySignIn()
        harness.time.advance(by: 301)
        await #expect(throws: AccountError.invalidLogin) { _ = try await finish(late.ceremonyID) }
        // Adding or removing needs a fresh sign-in.
        session = try await harness.service.authenticate(sessionToken: try await harness.login("quinn", "pw of quinn").sessionToken)
        harness.time.advance(by: 301)
        await #expect(throws: AccountError.reauthenticationRequired(withinSeconds: 300)) { _ = try await harness.service.startPasskeyRegistration(session) }
    }

    @Test func badNamesEnvelopesAndUnknownCredentialsAreRefused() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("sam", "pw of sam")
        for name in ["", "   ", String(repeating: "n", count: 65), "a\u{0}b"] {
            let options = try await harness.service.startPasskeyRegistration(account.session)
            let made = SoftAuthenticator(key: .p256(P256.Signing.PrivateKey())).create(rpID: Self.rpID, origin: Self.origin, challenge: options.challenge)
            await #expect(throws: AccountError.self) {
                _ = try await harness.service.finishPasskeyRegistration(
                    account.session, ceremonyID: options.ceremonyID, clientDataJSON: made.clientData, attestationObject: made.attestation,
                    name: name, rootKeyEnvelope: nil
                )
            }
        }
        let options = try await harness.service.startPasskeyRegistration(account.session)
        let made = SoftAuthenticator(key: .p256(P256.Signing.PrivateKey())).create(rpID: Self.rpID, origin: Self.origin, challenge: options.challenge)
        await #expect(throws: AccountError.self) {
            _ = try await harness.service.finishPasskeyRegistration(
                account.session, ceremonyID: options.ceremonyID, clientDataJSON: made.clientData, attestationObject: made.attestation,
                name: "ok", rootKeyEnvelope: Base64URL.encode([2, 3, 4])
            )
        }
        var stranger = SoftAuthenticator(key: .p256(P256.Signing.PrivateKey()))
        await #expect(throws: AccountError.invalidCredentials) { _ = try await Self.signIn(harness, &stranger) }
        #expect(try await harness.service.passkeys(account.session).isEmpty)
    }

    /// The passkey lock: the client seals the root key under the PRF output; a passkey without
    /// one gets it once, later, and never a second time.
    @Test func aPasskeyEnvelopeOpensTheSameRootKeyAndIsSetOnce() async throws {
        let harness = try await AccountHarness()
        var (session, passkey, authenticator) = try await Self.withPasskey(harness, "petra")
        #expect(passkey.rootKeyEnvelope == nil)
        let first = try await Self.signIn(harness, &authenticator)
        #expect(first.rootKeyEnvelope == nil && first.passkeyID == passkey.id)

        // The page opened the root key with the password, and seals it under the PRF output.
        let (_, rootKey) = try await harness.openRootKey("petra", "pw of petra")
        let prfOutput = SecureRandom.bytes(32)
        let userID = first.signIn.profile.id
        let envelope = try harness.seal(rootKey, .passkey, prfOutput, userID)
        session = try await harness.service.authenticate(sessionToken: first.signIn.sessionToken)
        let other = try await harness.signUp("otto", "pw of otto")
        await #expect(throws: AccountError.passkeyNotFound) { try await harness.service.setPasskeyEnvelope(other.session, id: passkey.id, envelope: envelope) }
        await #expect(throws: AccountError.self) { try await harness.service.setPasskeyEnvelope(session, id: passkey.id, envelope: "AAAA") }
        try await harness.service.setPasskeyEnvelope(session, id: passkey.id, envelope: envelope)
        await #expect(throws: AccountError.passkeyEnvelopeExists) {
            try await harness.service.setPasskeyEnvelope(session, id: passkey.id, envelope: try harness.seal(SecureRandom.bytes(32), .passkey, prfOutput, userID))
        }
        let second = try await Self.signIn(harness, &authenticator)
        let opened = try KeyEnvelope.open(try #require(second.rootKeyEnvelope), kind: .passkey, lockSecret: prfOutput, userID: userID)
        #expect(opened == rootKey)
        #expect(throws: KeyEnvelope.Error.decryptionFailed) {
            _ = try KeyEnvelope.open(try #require(second.rootKeyEnvelope), kind: .passkey, lockSecret: SecureRandom.bytes(32), userID: userID)
        }
        // An account without a root key (a third-party OPAQUE client) cannot hold one.
        try await harness.register("thirdparty", "pw of thirdparty")
        let bare = try await harness.service.authenticate(sessionToken: try await harness.login("thirdparty", "pw of thirdparty").sessionToken)
        let options = try await harness.service.startPasskeyRegistration(bare)
        let made = SoftAuthenticator(key: .p256(P256.Signing.PrivateKey())).create(rpID: Self.rpID, origin: Self.origin, challenge: options.challenge)
        await #expect(throws: AccountError.rootKeyRequired) {
            _ = try await harness.service.finishPasskeyRegistration(
                bare, ceremonyID: options.ceremonyID, clientDataJSON: made.clientData, attestationObject: made.attestation, name: "k",
                rootKeyEnvelope: envelope
            )
        }
        // The key set-up does not take passkey envelopes: they go with their passkey.
        await #expect(throws: AccountError.self) {
            _ = try await harness.service.setUpRootKey(bare, KeySetupInput(envelopes: [.password: envelope, .passkey: envelope]))
        }
    }

    /// With two-step sign-in on, a passkey is a second step: `amr` pwd + hwk + mfa.
    @Test func aPasskeyIsASecondStepAfterThePassword() async throws {
        let harness = try await AccountHarness()
        let enrolled = try await SecondFactorTests.enrol(harness, "ula")
        let fresh = try await harness.service.authenticate(sessionToken: try await harness.service.finishSecondFactor(
            loginToken: try await SecondFactorTests.passwordStep(harness, "ula"), proof: .code(SecondFactorTests.code(enrolled.secret, at: harness.time.now.addingTimeInterval(30)))
        ).sessionToken)
        let options = try await harness.service.startPasskeyRegistration(fresh)
        var authenticator = SoftAuthenticator(key: .p256(P256.Signing.PrivateKey()))
        let made = authenticator.create(rpID: Self.rpID, origin: Self.origin, challenge: options.challenge)
        _ = try await harness.service.finishPasskeyRegistration(
            fresh, ceremonyID: options.ceremonyID, clientDataJSON: made.clientData, attestationObject: made.attestation, name: "Key", rootKeyEnvelope: nil
        )
        let token = try await SecondFactorTests.passwordStep(harness, "ula")
        let step = try await harness.service.startPasskeySecondFactor(loginToken: token)
        #expect(step.allowCredentialIDs == [authenticator.credentialID])

        // Another account's passkey does not pass, and costs one of the sign-in's tries.
        var stranger = try await Self.withPasskey(harness, "vic").authenticator
        let strangers = stranger.get(rpID: Self.rpID, origin: Self.origin, challenge: step.challenge)
        await #expect(throws: AccountError.invalidCode(attemptsLeft: 4)) {
            _ = try await harness.service.finishSecondFactor(loginToken: token, proof: .passkey(PasskeyAssertion(
                ceremonyID: step.ceremonyID, credentialID: stranger.credentialID, clientDataJSON: strangers.clientData,
                authenticatorData: strangers.data, signature: strangers.signature
            )))
        }
        let retry = try await harness.service.startPasskeySecondFactor(loginToken: token)
        let assertion = authenticator.get(rpID: Self.rpID, origin: Self.origin, challenge: retry.challenge)
        let signIn = try await harness.service.finishSecondFactor(loginToken: token, proof: .passkey(PasskeyAssertion(
            ceremonyID: retry.ceremonyID, credentialID: authenticator.credentialID, clientDataJSON: assertion.clientData,
            authenticatorData: assertion.data, signature: assertion.signature
        )))
        #expect(try await harness.service.authenticate(sessionToken: signIn.sessionToken).methods.values == ["pwd", "hwk", "mfa"])
        await #expect(throws: AccountError.invalidLogin) { _ = try await harness.service.startPasskeySecondFactor(loginToken: token) }

        // An account without passkeys has nothing to start.
        _ = try await SecondFactorTests.enrol(harness, "wen")
        let plain = try await SecondFactorTests.passwordStep(harness, "wen")
        await #expect(throws: AccountError.noSecondFactor) { _ = try await harness.service.startPasskeySecondFactor(loginToken: plain) }
    }

    /// A passkey session opens the root key with the password or the recovery code, without a
    /// new session; wrong secrets, used ids and another session's ids are refused.
    @Test func aSessionUnlocksTheRootKeyWithThePasswordOrTheRecoveryCode() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("una", "pw of una")
        let session = account.session
        func unlock(_ lock: KeyEnvelope.Kind, _ secret: String, as user: AuthenticatedSession? = nil) async throws -> [UInt8] {
            let (ke1, state) = try harness.client.startLogin(password: Array(secret.utf8))
            let (id, ke2) = try await harness.service.unlockStart(session, lock: lock, ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
            let (ke3, _, exportKey) = try harness.client.finishLogin(state: state, ke2: KE2(bytes: try #require(Base64URL.decode(ke2))))
            let envelope = try await harness.service.unlockFinish(user ?? session, lock: lock, unlockID: id, ke3: Base64URL.encode(ke3.bytes))
            return try KeyEnvelope.open(envelope, kind: lock, lockSecret: exportKey, userID: account.profile.id)
        }
        let sessionsBefore = try await harness.service.sessions(session).count
        #expect(try await unlock(.password, "pw of una") == account.rootKey.bytes)
        #expect(try await unlock(.recovery, account.recoveryCode.normalized) == account.rootKey.bytes)
        #expect(try await harness.service.sessions(session).count == sessionsBefore, "no session is opened")

        let (ke1, _) = try harness.client.startLogin(password: Array("pw of una".utf8))
        let (id, _) = try await harness.service.unlockStart(session, lock: .password, ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
        await #expect(throws: AccountError.invalidCredentials) {
            _ = try await harness.service.unlockFinish(session, lock: .password, unlockID: id, ke3: AccountHarness.forgedKE3)
        }
        await #expect(throws: AccountError.invalidLogin) {
            _ = try await harness.service.unlockFinish(session, lock: .password, unlockID: id, ke3: AccountHarness.forgedKE3)
        }
        // Another user's session cannot use this one's exchange, even with the right KE3.
        let other = try await harness.signUp("vera", "pw of vera")
        await #expect(throws: AccountError.invalidCredentials) { _ = try await unlock(.password, "pw of una", as: other.session) }
        // A wrong password: the client itself refuses KE2 (nothing to send).
        await #expect(throws: (any Error).self) { _ = try await unlock(.password, "not the password") }
        await #expect(throws: AccountError.self) {
            _ = try await harness.service.unlockStart(session, lock: .passkey, ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
        }
    }
}
