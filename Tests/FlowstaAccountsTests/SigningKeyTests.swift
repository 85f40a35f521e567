import Crypto
import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Testing

/// Issue #21: registering the user's signing key with a proof of possession, on the engine; the
/// key comes from the root key as the user's client derives it (docs/keys.md).
@Suite struct SigningKeyTests {
    /// The proof `key` gives for a challenge.
    static func prove(_ harness: AccountHarness, _ session: AuthenticatedSession, with key: Curve25519.Signing.PrivateKey) async throws
        -> (challengeID: String, publicKey: String, signature: String) {
        let challenge = try await harness.service.signingKeyChallenge(session)
        let publicKey = Array(key.publicKey.rawRepresentation)
        let did = try DIDKey.did(ed25519PublicKey: publicKey)
        let signature = try key.signature(for: SigningKeyProof.message(did: did, challenge: challenge.challenge))
        return (challenge.challengeID, Base64URL.encode(publicKey), Base64URL.encode(Array(signature)))
    }

    static func register(_ harness: AccountHarness, _ session: AuthenticatedSession, _ proof: (challengeID: String, publicKey: String, signature: String))
        async throws -> StoredUserSigningKey {
        try await harness.service.registerSigningKey(session, challengeID: proof.challengeID, publicKey: proof.publicKey, signature: proof.signature)
    }

    @Test func theRootKeysSigningKeyBecomesTheUsersDID() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("sia", "pw of sia", email: "sia@example.com")
        _ = try await harness.service.verifyEmail(token: try harness.mailedToken(to: "sia@example.com", subject: "Verify"))
        let seed = account.rootKey.signingSeed.withUnsafeBytes { Array($0) }
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        // A copy of the (verified) user from before the registration.
        let stale = try await harness.service.authenticate(sessionToken: try await harness.login("sia", "pw of sia").sessionToken)

        let registered = try await Self.register(harness, account.session, try await Self.prove(harness, account.session, with: key))
        let did = try DIDKey.did(ed25519PublicKey: Array(key.publicKey.rawRepresentation))
        #expect(registered.did == did && registered.revokedAt == nil)
        let user = try #require(await harness.users.find(id: account.profile.id))
        #expect(try harness.service.profile(of: user).did == did)
        // A profile change made from a copy of the user older than the key does not undo it.
        _ = try await harness.service.update(stale, with: ProfileUpdate(displayName: .set("Sia")))
        let after = try #require(await harness.users.find(id: account.profile.id))
        #expect(try harness.service.profile(of: after).did == did && after.displayName == "Sia")

        // Rotation: a fresh sign-in, the old key kept as revoked, the user mailed.
        let next = Curve25519.Signing.PrivateKey()
        harness.time.advance(by: 301)
        await #expect(throws: AccountError.reauthenticationRequired(withinSeconds: 300)) {
            _ = try await Self.register(harness, account.session, try await Self.prove(harness, account.session, with: next))
        }
        let fresh = try await harness.service.authenticate(sessionToken: try await harness.login("sia", "pw of sia").sessionToken)
        let rotated = try await Self.register(harness, fresh, try await Self.prove(harness, fresh, with: next))
        let keys = try await harness.service.signingKeys(fresh)
        #expect(keys.map(\.did) == [rotated.did, did])
        #expect(keys.last?.revokedAt == rotated.createdAt)
        #expect(harness.mail.messages.contains { $0.to == "sia@example.com" && $0.subject.contains("signing key changed") })
        let reloaded = try #require(await harness.users.find(id: account.profile.id))
        #expect(try harness.service.profile(of: reloaded).did == rotated.did)
        // The revoked key cannot come back.
        await #expect(throws: AccountError.self) { _ = try await Self.register(harness, fresh, try await Self.prove(harness, fresh, with: key)) }
    }

    @Test func proofsThatDoNotHoldAreRefused() async throws {
        let harness = try await AccountHarness()
        let account = try await harness.signUp("tam", "pw of tam")
        let other = try await harness.signUp("uri", "pw of uri")
        let key = Curve25519.Signing.PrivateKey()
        // Signed by another key than the one registered.
        var proof = try await Self.prove(harness, account.session, with: key)
        proof.publicKey = Base64URL.encode(Array(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation))
        await #expect(throws: AccountError.self) { _ = try await Self.register(harness, account.session, proof) }
        // A used challenge, another user's challenge, malformed fields.
        await #expect(throws: AccountError.invalidLogin) { _ = try await Self.register(harness, account.session, proof) }
        let theirs = try await Self.prove(harness, other.session, with: key)
        await #expect(throws: AccountError.invalidLogin) { _ = try await Self.register(harness, account.session, theirs) }
        let good = try await Self.prove(harness, account.session, with: key)
        for (publicKey, signature) in [("AAAA", good.signature), (good.publicKey, "AAAA"), ("not base64url!", good.signature)] {
            await #expect(throws: AccountError.self) {
                _ = try await harness.service.registerSigningKey(account.session, challengeID: good.challengeID, publicKey: publicKey, signature: signature)
            }
        }
        // The challenge expires.
        let late = try await Self.prove(harness, account.session, with: key)
        harness.time.advance(by: 301)
        await #expect(throws: AccountError.invalidLogin) { _ = try await Self.register(harness, account.session, late) }
        #expect(try await harness.service.signingKeys(account.session).isEmpty)
    }
}
