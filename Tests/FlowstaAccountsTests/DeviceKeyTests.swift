import Crypto
import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Testing

/// Device keys (issue #21) in the account engine: an agent asks to add its key, the signed-in
/// user approves it with the agent's code, the agent signs in by signing a challenge; refusals,
/// limits, mail, removal and expiry.
@Suite struct DeviceKeyTests {
    static func proof(_ key: Curve25519.Signing.PrivateKey, _ challenge: [UInt8]) throws -> String {
        let did = try DIDKey.did(ed25519PublicKey: [UInt8](key.publicKey.rawRepresentation))
        return Base64URL.encode([UInt8](try key.signature(for: DeviceKeyProof.message(did: did, challenge: challenge))))
    }

    static func encoded(_ key: Curve25519.Signing.PrivateKey) -> String { Base64URL.encode([UInt8](key.publicKey.rawRepresentation)) }

    @Test func anApprovedAgentSignsInWithoutAPassword() async throws {
        let harness = try await AccountHarness()
        _ = try await harness.signUp("dee", "pw of dee", email: "dee@example.com")
        _ = try await harness.service.verifyEmail(token: try harness.mailedToken(to: "dee@example.com", subject: "Verify"))
        let session = try await harness.service.authenticate(sessionToken: try await harness.login("dee", "pw of dee").sessionToken)
        let agent = Curve25519.Signing.PrivateKey()

        await #expect(throws: AccountError.self) { _ = try await harness.service.startDeviceKeyEnrolment(publicKey: "short", name: "Laptop") }
        await #expect(throws: AccountError.self) { _ = try await harness.service.startDeviceKeyEnrolment(publicKey: Self.encoded(agent), name: " ") }
        let started = try await harness.service.startDeviceKeyEnrolment(publicKey: Self.encoded(agent), name: "Work laptop")
        #expect(UserCode.normalize(started.userCode) != nil)
        await #expect(throws: AccountError.invalidLogin) { _ = try await harness.service.deviceKeyEnrolmentState(id: started.id, pollSecret: "guess") }
        #expect(try await harness.service.deviceKeyEnrolmentState(id: started.id, pollSecret: started.pollSecret) == .pending)

        let wrong = await #expect(throws: AccountError.self) { _ = try await harness.service.approveDeviceKey(session, userCode: "BBBB-BBBB") }
        #expect(wrong == .invalidCode(attemptsLeft: AccountService.wrongDeviceKeyCodesPerUser - 1))
        let key = try await harness.service.approveDeviceKey(session, userCode: started.userCode.lowercased())
        #expect(key.name == "Work laptop" && key.userID == session.user.id)
        #expect(try await harness.service.deviceKeyEnrolmentState(id: started.id, pollSecret: started.pollSecret) == .approved(keyID: key.id))
        #expect(harness.mail.messages.contains { $0.to == "dee@example.com" && $0.subject.contains("device was added") })
        await #expect(throws: AccountError.self, "an answered code is spent") { _ = try await harness.service.approveDeviceKey(session, userCode: started.userCode) }

        // Sign-in: a wrong signature is refused and spends the challenge; the right one opens a session.
        let first = try await harness.service.startDeviceKeySignIn(keyID: key.id)
        await #expect(throws: AccountError.invalidCredentials) {
            _ = try await harness.service.finishDeviceKeySignIn(keyID: key.id, loginID: first.loginID, signature: try Self.proof(Curve25519.Signing.PrivateKey(), first.challenge))
        }
        await #expect(throws: AccountError.invalidLogin) {
            _ = try await harness.service.finishDeviceKeySignIn(keyID: key.id, loginID: first.loginID, signature: try Self.proof(agent, first.challenge))
        }
        let second = try await harness.service.startDeviceKeySignIn(keyID: key.id)
        // A signing-key proof of the same challenge is not a sign-in (another label).
        let did = try DIDKey.did(ed25519PublicKey: [UInt8](agent.publicKey.rawRepresentation))
        let crossLabel = Base64URL.encode([UInt8](try agent.signature(for: SigningKeyProof.message(did: did, challenge: second.challenge))))
        await #expect(throws: AccountError.invalidCredentials) {
            _ = try await harness.service.finishDeviceKeySignIn(keyID: key.id, loginID: second.loginID, signature: crossLabel)
        }
        let third = try await harness.service.startDeviceKeySignIn(keyID: key.id)
        let signIn = try await harness.service.finishDeviceKeySignIn(keyID: key.id, loginID: third.loginID, signature: try Self.proof(agent, third.challenge))
        let agentSession = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        #expect(agentSession.user.id == session.user.id && agentSession.methods.values == ["swk"])
        #expect(harness.mail.messages.contains { $0.subject.contains("device signed in") })
        #expect(try await harness.service.deviceKeys(session).first?.lastUsedAt != nil)

        // Removed: it no longer signs in, even with a challenge it already holds.
        let pending = try await harness.service.startDeviceKeySignIn(keyID: key.id)
        try await harness.service.removeDeviceKey(session, id: key.id)
        await #expect(throws: AccountError.deviceKeyNotFound) { try await harness.service.removeDeviceKey(session, id: key.id) }
        await #expect(throws: AccountError.invalidLogin) {
            _ = try await harness.service.finishDeviceKeySignIn(keyID: key.id, loginID: pending.loginID, signature: try Self.proof(agent, pending.challenge))
        }
        await #expect(throws: AccountError.invalidLogin) { _ = try await harness.service.startDeviceKeySignIn(keyID: key.id) }
    }

    @Test func enrolmentsAreLimitedExpireAndNeedAFreshSignIn() async throws {
        let harness = try await AccountHarness()
        _ = try await harness.signUp("eli", "pw of eli")
        var session = try await harness.service.authenticate(sessionToken: try await harness.login("eli", "pw of eli").sessionToken)
        var codes: [String] = []
        for index in 0..<(AccountService.deviceKeyLimit + 1) {
            codes.append(try await harness.service.startDeviceKeyEnrolment(publicKey: Self.encoded(Curve25519.Signing.PrivateKey()), name: "Device \(index)").userCode)
        }
        for code in codes.prefix(AccountService.deviceKeyLimit) { _ = try await harness.service.approveDeviceKey(session, userCode: code) }
        await #expect(throws: AccountError.self, "the eleventh device") { _ = try await harness.service.approveDeviceKey(session, userCode: codes[AccountService.deviceKeyLimit]) }
        #expect(try await harness.service.deviceKeys(session).count == AccountService.deviceKeyLimit)

        // A key added to one account cannot be added to another.
        _ = try await harness.signUp("fay", "pw of fay")
        let fay = try await harness.service.authenticate(sessionToken: try await harness.login("fay", "pw of fay").sessionToken)
        let shared = Curve25519.Signing.PrivateKey()
        let mine = try await harness.service.startDeviceKeyEnrolment(publicKey: Self.encoded(shared), name: "Shared")
        _ = try await harness.service.approveDeviceKey(fay, userCode: mine.userCode)
        let again = try await harness.service.startDeviceKeyEnrolment(publicKey: Self.encoded(shared), name: "Shared")
        try await harness.service.removeDeviceKey(session, id: try #require(try await harness.service.deviceKeys(session).first?.id))
        await #expect(throws: AccountError.self) { _ = try await harness.service.approveDeviceKey(session, userCode: again.userCode) }

        // Stale sign-in: no approval. Expired enrolment: the agent reads expired, the code is dead.
        let late = try await harness.service.startDeviceKeyEnrolment(publicKey: Self.encoded(Curve25519.Signing.PrivateKey()), name: "Late")
        harness.time.advance(by: AccountService.deviceKeyEnrolmentLifetime + 1)
        await #expect(throws: AccountError.self) { _ = try await harness.service.approveDeviceKey(session, userCode: late.userCode) }
        #expect(try await harness.service.deviceKeyEnrolmentState(id: late.id, pollSecret: late.pollSecret) == .expired)
        session = try await harness.service.authenticate(sessionToken: try await harness.login("eli", "pw of eli").sessionToken)
        await #expect(throws: AccountError.self) { _ = try await harness.service.approveDeviceKey(session, userCode: late.userCode) }
        #expect(try await harness.service.purgeDeviceKeyEnrolments(now: harness.time.now) >= 1)

        // Denied: the agent reads denied.
        let refused = try await harness.service.startDeviceKeyEnrolment(publicKey: Self.encoded(Curve25519.Signing.PrivateKey()), name: "Refused")
        try await harness.service.denyDeviceKey(session, userCode: refused.userCode)
        #expect(try await harness.service.deviceKeyEnrolmentState(id: refused.id, pollSecret: refused.pollSecret) == .denied)
    }
}
