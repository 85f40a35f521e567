import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue #15 §2.3: a new account costs a solved proof of work, bound to its username and
/// valid for 10 minutes; a password change costs none.
@Suite struct SignupProofTests {
    @Test func aNewAccountNeedsASolvedChallengeForItsUsername() async throws {
        let clock = FixedTimeSource()
        let server = try await TestServer(time: clock)
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            let challenge = try await client.execute(uri: "/auth/signup-challenge", method: .get)
            #expect(challenge.status == .ok)
            #expect(challenge.headers[.cacheControl] == "no-store")
            #expect(JSON.object(challenge.body)["difficulty"] as? Int == TestServer.signupProofBits)

            let missing = try await driver.register("nopow", "pw", extra: ["signup_proof": NSNull()])
            #expect(JSON.object(missing.body)["error"] as? String == "signup_proof_required")
            // A solution for another name (at the test's 4 bits, one in 16 also solves this name's:
            // take one that does not).
            var other = try await driver.signupProof("someone_else")
            while ProofOfWork.isSolution(challenge: other["challenge"] ?? "", username: "nopow", nonce: other["nonce"] ?? "", difficulty: TestServer.signupProofBits) {
                other = try await driver.signupProof("someone_else")
            }
            let wrongName = try await driver.register("nopow", "pw", extra: ["signup_proof": other])
            #expect(wrongName.status == .badRequest)
            #expect(JSON.object(wrongName.body)["error"] as? String == "invalid_signup_proof")
            var forged = try await driver.signupProof("nopow")
            forged["challenge"] = String(forged["challenge"]!.dropLast()) + (forged["challenge"]!.hasSuffix("0") ? "1" : "0")
            #expect(JSON.object(try await driver.register("nopow", "pw", extra: ["signup_proof": forged]).body)["error"] as? String == "invalid_signup_proof")
            let unsolved = try await unsolvedProof(driver, username: "nopow")
            #expect(JSON.object(try await driver.register("nopow", "pw", extra: ["signup_proof": unsolved]).body)["error"] as? String == "invalid_signup_proof")

            let stale = try await driver.signupProof("latecomer")
            clock.advance(by: 10 * 60 + 1)
            #expect(JSON.object(try await driver.register("latecomer", "pw", extra: ["signup_proof": stale]).body)["error"] as? String == "invalid_signup_proof")
            #expect(try await driver.register("latecomer", "pw").status == .created, "a fresh challenge works")

            // A password change (signed in, same username) needs no proof.
            let cookie = try #require(try await driver.login("latecomer", "pw").cookie)
            #expect(try await driver.register("latecomer", "pw2", extra: ["signup_proof": NSNull()], cookie: cookie).status == .ok)
        }
    }

    /// A challenge whose smallest nonce is not "0": "0" then fails the difficulty.
    func unsolvedProof(_ driver: OPAQUEDriver, username: String) async throws -> [String: String] {
        while true {
            let proof = try await driver.signupProof(username)
            let challenge = try #require(proof["challenge"])
            if !ProofOfWork.isSolution(challenge: challenge, username: username, nonce: "0", difficulty: TestServer.signupProofBits) {
                return ["challenge": challenge, "nonce": "0"]
            }
        }
    }
}
