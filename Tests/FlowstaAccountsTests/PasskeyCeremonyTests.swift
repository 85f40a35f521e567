import Crypto
import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Testing

/// Issue #20: the relying party's checks of WebAuthn registrations and assertions, with the
/// negative cases the issue names: wrong origin, wrong rpId, replayed challenge, counter going
/// back, tampered signature.
@Suite struct PasskeyCeremonyTests {
    static let rp = PasskeyCeremony(relyingPartyID: "auth.flowsta.test", origins: ["https://auth.flowsta.test"])
    static let origin = "https://auth.flowsta.test"

    static func expectFailure(_ reason: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("accepted; expected: \(reason)")
        } catch let error as PasskeyCeremony.Failure {
            #expect(error.reason.contains(reason), "\(error.reason)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: ["p256", "ed25519"], ["packed", "none"])
    func aRegistrationAndItsAssertionsVerify(_ algorithm: String, _ format: String) throws {
        var authenticator = SoftAuthenticator(key: algorithm == "p256" ? .p256(P256.Signing.PrivateKey()) : .ed25519(Curve25519.Signing.PrivateKey()))
        let challenge = SecureRandom.bytes(32)
        let made = authenticator.create(rpID: "auth.flowsta.test", origin: Self.origin, challenge: challenge, format: format)
        let registration = try Self.rp.verifyRegistration(clientDataJSON: made.clientData, attestationObject: made.attestation, challenge: challenge)
        #expect(registration.credentialID == authenticator.credentialID && registration.userVerified && registration.signCount == 0)
        #expect(registration.algorithm == (algorithm == "p256" ? -7 : -8))

        let second = SecureRandom.bytes(32)
        let assertion = authenticator.get(rpID: "auth.flowsta.test", origin: Self.origin, challenge: second)
        let verified = try Self.rp.verifyAssertion(
            clientDataJSON: assertion.clientData, authenticatorData: assertion.data, signature: assertion.signature, challenge: second,
            publicKey: registration.publicKey, storedSignCount: 0
        )
        #expect(verified.signCount == 1 && verified.userVerified)
    }

    @Test func registrationsFromElsewhereAreRefused() {
        let authenticator = SoftAuthenticator(key: .p256(P256.Signing.PrivateKey()))
        let challenge = SecureRandom.bytes(32)
        let phished = authenticator.create(rpID: "auth.flowsta.test", origin: "https://auth.flowsta.test.evil.example", challenge: challenge)
        Self.expectFailure("origin") { _ = try Self.rp.verifyRegistration(clientDataJSON: phished.clientData, attestationObject: phished.attestation, challenge: challenge) }
        let otherRP = authenticator.create(rpID: "evil.example", origin: Self.origin, challenge: challenge)
        Self.expectFailure("relying party") { _ = try Self.rp.verifyRegistration(clientDataJSON: otherRP.clientData, attestationObject: otherRP.attestation, challenge: challenge) }
        let made = authenticator.create(rpID: "auth.flowsta.test", origin: Self.origin, challenge: challenge)
        Self.expectFailure("challenge") { _ = try Self.rp.verifyRegistration(clientDataJSON: made.clientData, attestationObject: made.attestation, challenge: SecureRandom.bytes(32)) }
        let selfie = authenticator.create(rpID: "auth.flowsta.test", origin: Self.origin, challenge: challenge, format: "fido-u2f")
        Self.expectFailure("not accepted") { _ = try Self.rp.verifyRegistration(clientDataJSON: selfie.clientData, attestationObject: selfie.attestation, challenge: challenge) }
        var presenceOnly = authenticator
        presenceOnly.flags = 0x01
        let touched = presenceOnly.create(rpID: "auth.flowsta.test", origin: Self.origin, challenge: challenge)
        Self.expectFailure("verify the user") { _ = try Self.rp.verifyRegistration(clientDataJSON: touched.clientData, attestationObject: touched.attestation, challenge: challenge) }
        let crossOrigin = SoftAuthenticator.clientData(type: "webauthn.create", challenge: challenge, origin: Self.origin, crossOrigin: true)
        Self.expectFailure("cross-origin") { _ = try Self.rp.verifyRegistration(clientDataJSON: crossOrigin, attestationObject: made.attestation, challenge: challenge) }
        Self.expectFailure("type") { _ = try Self.rp.verifyRegistration(
            clientDataJSON: SoftAuthenticator.clientData(type: "webauthn.get", challenge: challenge, origin: Self.origin), attestationObject: made.attestation, challenge: challenge
        ) }
        Self.expectFailure("self-attestation") { _ = try Self.rp.verifyRegistration(
            clientDataJSON: SoftAuthenticator.clientData(type: "webauthn.create", challenge: challenge, origin: Self.origin) + [0x20],
            attestationObject: made.attestation, challenge: challenge
        ) }
    }

    @Test func assertionsThatAreTamperedReplayedOrRewoundAreRefused() throws {
        var authenticator = SoftAuthenticator(key: .ed25519(Curve25519.Signing.PrivateKey()))
        let challenge = SecureRandom.bytes(32)
        let made = authenticator.create(rpID: "auth.flowsta.test", origin: Self.origin, challenge: challenge)
        let key = try Self.rp.verifyRegistration(clientDataJSON: made.clientData, attestationObject: made.attestation, challenge: challenge).publicKey
        let issued = SecureRandom.bytes(32)
        let good = authenticator.get(rpID: "auth.flowsta.test", origin: Self.origin, challenge: issued)
        func verify(_ a: (clientData: [UInt8], data: [UInt8], signature: [UInt8]), challenge: [UInt8] = issued, stored: UInt32 = 0) throws {
            _ = try Self.rp.verifyAssertion(
                clientDataJSON: a.clientData, authenticatorData: a.data, signature: a.signature, challenge: challenge, publicKey: key, storedSignCount: stored
            )
        }
        try verify(good)
        var tampered = good
        tampered.signature[tampered.signature.count - 1] ^= 1
        Self.expectFailure("signature") { try verify(tampered) }
        Self.expectFailure("challenge") { try verify(good, challenge: SecureRandom.bytes(32)) }
        Self.expectFailure("counter") { try verify(good, stored: 1) }
        Self.expectFailure("counter") { try verify(good, stored: 5) }
        let phished = authenticator.get(rpID: "auth.flowsta.test", origin: "https://evil.example", challenge: issued)
        Self.expectFailure("origin") { try verify(phished, stored: 1) }
        let otherRP = authenticator.get(rpID: "evil.example", origin: Self.origin, challenge: issued)
        Self.expectFailure("relying party") { try verify(otherRP, stored: 1) }
        // Another authenticator's signature over the same data does not verify with this key.
        var stranger = SoftAuthenticator(key: .ed25519(Curve25519.Signing.PrivateKey()))
        stranger.counter = 10
        Self.expectFailure("signature") { try verify(stranger.get(rpID: "auth.flowsta.test", origin: Self.origin, challenge: issued), stored: 1) }
        Self.expectFailure("clientDataJSON") { try verify(([0x7B], good.data, good.signature)) }
        Self.expectFailure("malformed") { try verify((good.clientData, Array(good.data.prefix(36)), good.signature)) }
    }
}
