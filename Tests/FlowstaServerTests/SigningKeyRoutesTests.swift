import Crypto
import FlowstaCore
import FlowstaCrypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue #21 over HTTP on SQLite and PostgreSQL: a signing key is registered only with its proof
/// of possession (after sign-in, or at sign-up over the sign-up challenge), becomes the account's
/// DID, and a newer key revokes it.
@Suite struct SigningKeyRoutesTests {
    static func proof(_ key: Curve25519.Signing.PrivateKey, challenge: [UInt8]) throws -> [UInt8] {
        try SigningKeyProof.prove(key, challenge: challenge).signature
    }

    static func challenge(_ driver: OPAQUEDriver, cookie: String?) async throws -> (id: String, bytes: [UInt8]) {
        let issued = try await driver.post("/auth/signing-keys/challenge", [:], cookie: cookie)
        #expect(issued.status == .ok && issued.headers[.cacheControl] == "no-store")
        let object = JSON.object(issued.body)
        return (try #require(object["challenge_id"] as? String), try #require((object["challenge"] as? String).flatMap(Base64URL.decode)))
    }

    static func publicKey(_ key: Curve25519.Signing.PrivateKey) -> String {
        Base64URL.encode([UInt8](key.publicKey.rawRepresentation))
    }

    @Test(arguments: DatabaseChoice.all)
    func aKeyIsRegisteredWithItsProofAndRotated(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            let name = "signer" + UUID().uuidString.prefix(8).lowercased()
            #expect(try await driver.register(name, "signing password").status == .created)
            let cookie = try #require(try await driver.login(name, "signing password").cookie)
            #expect(try await driver.post("/auth/signing-keys/challenge", [:], cookie: nil).status == .unauthorized)

            let key = Curve25519.Signing.PrivateKey()
            let did = try DIDKey.did(ed25519PublicKey: [UInt8](key.publicKey.rawRepresentation))
            // Refused: another key's signature, a proof for another challenge, a short key.
            var issued = try await Self.challenge(driver, cookie: cookie)
            let wrong = try await driver.post("/auth/signing-keys", [
                "challenge_id": issued.id, "public_key": Self.publicKey(key),
                "signature": Base64URL.encode(try Self.proof(Curve25519.Signing.PrivateKey(), challenge: issued.bytes)),
            ], cookie: cookie)
            #expect(wrong.status == .badRequest && JSON.object(wrong.body)["error"] as? String == "invalid_request")
            // The refused attempt used its challenge up.
            let reused = try await driver.post("/auth/signing-keys", [
                "challenge_id": issued.id, "public_key": Self.publicKey(key), "signature": Base64URL.encode(try Self.proof(key, challenge: issued.bytes)),
            ], cookie: cookie)
            #expect(reused.status == .badRequest && JSON.object(reused.body)["error"] as? String == "invalid_login")
            issued = try await Self.challenge(driver, cookie: cookie)
            let otherChallenge = try await driver.post("/auth/signing-keys", [
                "challenge_id": issued.id, "public_key": Self.publicKey(key), "signature": Base64URL.encode(try Self.proof(key, challenge: SecureRandom.bytes(32))),
            ], cookie: cookie)
            #expect(otherChallenge.status == .badRequest)
            issued = try await Self.challenge(driver, cookie: cookie)
            let short = try await driver.post("/auth/signing-keys", [
                "challenge_id": issued.id, "public_key": Base64URL.encode([UInt8](repeating: 3, count: 31)), "signature": Base64URL.encode([UInt8](repeating: 0, count: 64)),
            ], cookie: cookie)
            #expect(short.status == .badRequest)
            #expect((JSON.object(try await driver.send("/auth/me", .get, cookie: cookie).body)["user"] as? [String: Any])?["did"] is NSNull)

            issued = try await Self.challenge(driver, cookie: cookie)
            let registered = try await driver.post("/auth/signing-keys", [
                "challenge_id": issued.id, "public_key": Self.publicKey(key), "signature": Base64URL.encode(try Self.proof(key, challenge: issued.bytes)),
            ], cookie: cookie)
            #expect(registered.status == .created)
            #expect(JSON.object(registered.body)["did"] as? String == did)
            #expect(JSON.object(registered.body)["revoked_at"] is NSNull)
            #expect(((JSON.object(try await driver.send("/auth/me", .get, cookie: cookie).body)["user"] as? [String: Any])?["did"] as? String) == did)

            // A second key replaces the first (the sign-in is fresh), which stays listed, revoked.
            let newer = Curve25519.Signing.PrivateKey()
            issued = try await Self.challenge(driver, cookie: cookie)
            let rotated = try await driver.post("/auth/signing-keys", [
                "challenge_id": issued.id, "public_key": Self.publicKey(newer), "signature": Base64URL.encode(try Self.proof(newer, challenge: issued.bytes)),
            ], cookie: cookie)
            #expect(rotated.status == .created)
            let listed = try #require(JSON.object(try await driver.send("/auth/signing-keys", .get, cookie: cookie).body)["signing_keys"] as? [[String: Any]])
            #expect(listed.count == 2)
            #expect(listed.first?["revoked_at"] is NSNull)
            #expect(listed.last?["did"] as? String == did && listed.last?["revoked_at"] is String)
            // A revoked key cannot come back.
            issued = try await Self.challenge(driver, cookie: cookie)
            let back = try await driver.post("/auth/signing-keys", [
                "challenge_id": issued.id, "public_key": Self.publicKey(key), "signature": Base64URL.encode(try Self.proof(key, challenge: issued.bytes)),
            ], cookie: cookie)
            #expect(back.status == .badRequest)
        }
    }

    @Test(arguments: DatabaseChoice.all)
    func aSignUpKeyNeedsItsProofOverTheSignupChallenge(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            let key = Curve25519.Signing.PrivateKey()
            let did = try DIDKey.did(ed25519PublicKey: [UInt8](key.publicKey.rawRepresentation))
            let name = "agent" + UUID().uuidString.prefix(8).lowercased()
            let unproven = try await driver.register(name, "pw pw pw", extra: ["agent_pub_key": Self.publicKey(key)])
            #expect(unproven.status == .badRequest && JSON.object(unproven.body)["error"] as? String == "invalid_request")
            let proof = try await driver.signupProof(name)
            let challenge = try #require(proof["challenge"])
            let forged = try await driver.register(name, "pw pw pw", extra: [
                "signup_proof": proof, "agent_pub_key": Self.publicKey(key),
                "agent_pub_key_signature": Base64URL.encode(try Self.proof(Curve25519.Signing.PrivateKey(), challenge: Array(challenge.utf8))),
            ])
            #expect(forged.status == .badRequest)
            let created = try await driver.register(name, "pw pw pw", extra: [
                "signup_proof": proof, "agent_pub_key": Self.publicKey(key),
                "agent_pub_key_signature": Base64URL.encode(try Self.proof(key, challenge: Array(challenge.utf8))),
            ])
            #expect(created.status == .created)
            #expect((JSON.object(created.body)["user"] as? [String: Any])?["did"] as? String == did)
        }
    }
}
