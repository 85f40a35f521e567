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
        return try await harness.service.finishPasskeySignIn(
            ceremonyID: options.ceremonyID, credentialID: authenticator.credentialID, clientDataJSON: assertion.clientData,
            authenticatorData: assertion.data, signature: assertion.signature
        )
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
            try await harness.service.finishPasskeySignIn(
                ceremonyID: id, credentialID: authenticator.credentialID, clientDataJSON: assertion.clientData,
                authenticatorData: assertion.data, signature: assertion.signature
            )
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
}
