@testable import FlowstaClient
import FlowstaPrivacy
import FlowstaCrypto
import FlowstaServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The SDK against a real server on a loopback port, with the production KSF (Argon2id).
@Suite struct FlowstaClientLiveTests {
    static func withServer(_ body: @Sendable (URL) async throws -> Void) async throws {
        try await withRuntime { baseURL, _ in try await body(baseURL) }
    }

    /// The server and its runtime (to read the mail outbox: with no SMTP configured, mail waits there).
    static func withRuntime(_ body: @Sendable (URL, FlowstaApplication.Runtime) async throws -> Void) async throws {
        var configuration = ServerConfiguration()
        configuration.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("flowsta-sdk-\(UUID().uuidString)").path
        configuration.port = 0
        let runtime = try await FlowstaApplication.prepare(
            configuration: configuration,
            logger: FlowstaApplication.makeLogger(level: .warning, sink: CapturingLogSink())
        )
        let app = try FlowstaApplication.application(runtime: runtime)
        do {
            try await app.test(.live) { client in
                let port = try #require(client.port)
                try await body(URL(string: "http://127.0.0.1:\(port)")!, runtime)
            }
        } catch {
            await runtime.store.shutdown()
            throw error
        }
        await runtime.store.shutdown()
    }

    @Test func registerLoginMeWrongPasswordLogout() async throws {
        try await Self.withServer { baseURL in
            let sdk = FlowstaClient(baseURL: baseURL)
            let registered = try await sdk.register(username: "sdk_user", password: "sdk password 1", displayName: "SDK User")
            #expect(registered.user.username == "sdk_user")
            #expect(registered.exportKey.count == 64)
            // The account's DID is the root key's signing key, registered with its proof.
            let did = try DIDKey.did(ed25519PublicKey: [UInt8](try #require(registered.rootKey).signingKey.publicKey.rawRepresentation))
            #expect(registered.user.did == did)
            #expect(try await sdk.signingKeys().map(\.did) == [did])
            #expect(try await sdk.signingKeys().first?.revokedAt == nil)

            let signedIn = try await sdk.login(username: "SDK_user", password: "sdk password 1")
            #expect(signedIn.exportKey == registered.exportKey)
            #expect(await sdk.isSignedIn)
            #expect(try await sdk.me().displayName == "SDK User")
            #expect(try await sdk.me().did == did)

            let other = FlowstaClient(baseURL: baseURL)
            do {
                _ = try await other.login(username: "sdk_user", password: "wrong password")
                Issue.record("a wrong password signed in")
            } catch FlowstaClientError.authenticationFailed {
                // The client detected the wrong password from KE2; prove the server says 401 too.
            }
            #expect(try await Self.finishStatusWithWrongPassword(baseURL: baseURL, username: "sdk_user") == 401)

            try await sdk.logout()
            #expect(await !sdk.isSignedIn)
            await #expect(throws: FlowstaClientError.self) { try await sdk.me() }
        }
    }

    /// Drives login start/finish over plain HTTP with a wrong password, sending the KE3 anyway.
    static func finishStatusWithWrongPassword(baseURL: URL, username: String) async throws -> Int {
        let transport = URLSessionTransport(baseURL: baseURL)
        let client = OPAQUEClient()
        let (ke1, _) = try client.startLogin(password: Array("wrong password".utf8))
        let startBody = try JSONSerialization.data(withJSONObject: ["username": username, "ke1": base64url(ke1.bytes)])
        let start = try await transport.send(TransportRequest(method: "POST", path: "auth/opaque/login/start", headers: ["Content-Type": "application/json"], body: startBody))
        let object = try #require(try JSONSerialization.jsonObject(with: start.body) as? [String: String])
        let finishBody = try JSONSerialization.data(withJSONObject: ["login_id": object["login_id"]!, "ke3": base64url([UInt8](repeating: 3, count: 64))])
        let finish = try await transport.send(TransportRequest(method: "POST", path: "auth/opaque/login/finish", headers: ["Content-Type": "application/json"], body: finishBody))
        #expect(String(decoding: finish.body, as: UTF8.self).contains("invalid_credentials"))
        return finish.status
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    @Test func passwordChangeKeepsTheAccountAndRotatesTheExportKey() async throws {
        try await Self.withServer { baseURL in
            let sdk = FlowstaClient(baseURL: baseURL)
            _ = try await sdk.register(username: "changer", password: "first password")
            let first = try await sdk.login(username: "changer", password: "first password")
            let changed = try await sdk.changePassword(to: "second password")
            #expect(changed.user.id == first.user.id)
            #expect(changed.exportKey != first.exportKey)
            let again = try await FlowstaClient(baseURL: baseURL).login(username: "changer", password: "second password")
            #expect(again.exportKey == changed.exportKey)
            #expect(again.rootKey == first.rootKey && first.rootKey != nil, "the root key survives the password change")
            await #expect(throws: FlowstaClientError.authenticationFailed) {
                try await FlowstaClient(baseURL: baseURL).login(username: "changer", password: "first password")
            }
            // changePassword(from:to:) signs in with the current password first (the server wants
            // a fresh sign-in for a password change).
            let third = try await sdk.changePassword(from: "second password", to: "third password")
            #expect(third.user.id == first.user.id)
            _ = try await FlowstaClient(baseURL: baseURL).login(username: "changer", password: "third password")
        }
    }

    /// The `#token=` of the newest mail to `address` whose subject contains `subject` (waiting up
    /// to 10 s: the reset link is mailed after the answer).
    static func mailedToken(_ runtime: FlowstaApplication.Runtime, to address: String, subject: String) async throws -> String {
        var found: String?
        for _ in 0..<100 where found == nil {
            found = try await runtime.mailer.list().map(\.1).last { $0.to == address && $0.subject.contains(subject) }?.text
            if found == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let text = try #require(found)
        return String(try #require(text.components(separatedBy: "#token=").last?.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }))
    }

    /// Issue #16 through the SDK on a live server: the root key at sign-up, kept across a
    /// password change, a new recovery code and a recovery; a verified address; a reset that
    /// makes a new root key; sessions.
    @Test func rootKeyRecoveryResetAndSessions() async throws {
        try await Self.withRuntime { baseURL, runtime in
            let sdk = FlowstaClient(baseURL: baseURL)
            let registered = try await sdk.register(username: "keeper", password: "first password", email: "keeper@example.com")
            let rootKey = try #require(registered.rootKey)
            let firstCode = try #require(registered.recoveryCode)
            #expect(registered.user.emailVerified == false)
            let vaultKey = FlowstaVault.key(rootKey: rootKey)
            let entryID = UUID()
            let sealed = try FlowstaVault.seal(Array("history".utf8), key: vaultKey, id: entryID, kind: "note")

            // Another device signs in and opens the same root key.
            let laptop = FlowstaClient(baseURL: baseURL)
            #expect(try await laptop.login(username: "keeper", password: "first password").rootKey == rootKey)
            #expect(try await sdk.sessions().count == 2)

            // A new recovery code replaces the first.
            _ = try await sdk.login(username: "keeper", password: "first password")
            let code = try await sdk.newRecoveryCode()
            #expect(code != firstCode)
            await #expect(throws: FlowstaClientError.authenticationFailed) {
                _ = try await FlowstaClient(baseURL: baseURL).recover(username: "keeper", recoveryCode: firstCode.display, newPassword: "x password")
            }

            // Forgot the password: the recovery code (typed loosely) keeps the root key.
            let phone = FlowstaClient(baseURL: baseURL)
            let recovered = try await phone.recover(username: "keeper", recoveryCode: code.display.lowercased().replacingOccurrences(of: "-", with: " "), newPassword: "second password")
            #expect(recovered.rootKey == rootKey)
            #expect(try FlowstaVault.open(sealed, key: FlowstaVault.key(rootKey: try #require(recovered.rootKey)), id: entryID, kind: "note") == Array("history".utf8))
            await #expect(throws: FlowstaClientError.self) { _ = try await laptop.me() }
            #expect(try await phone.sessions().map(\.current) == [true])

            // The address is verified by its link only.
            let verified = try await phone.verifyEmail(token: try await Self.mailedToken(runtime, to: "keeper@example.com", subject: "Verify"))
            #expect(verified.emailVerified == true)
            await #expect(throws: FlowstaClientError.self) { try await phone.requestEmailVerification() }

            // Reset through the verified address: a new root key and a new recovery code.
            try await FlowstaClient(baseURL: baseURL).requestPasswordReset(email: "keeper@example.com")
            let token = try await Self.mailedToken(runtime, to: "keeper@example.com", subject: "Reset")
            let reset = try await FlowstaClient(baseURL: baseURL).resetPassword(token: token, newPassword: "third password")
            #expect(reset.rootKey != nil && reset.rootKey != rootKey && reset.recoveryCode != nil)
            let after = try await FlowstaClient(baseURL: baseURL).login(username: "keeper", password: "third password")
            #expect(after.rootKey == reset.rootKey)
            await #expect(throws: FlowstaClientError.self) { _ = try await phone.me() }

            // Sessions: end the others.
            let other = FlowstaClient(baseURL: baseURL)
            _ = try await other.login(username: "keeper", password: "third password")
            let listed = try await other.sessions()
            #expect(listed.count >= 2 && listed.filter(\.current).count == 1)
            try await other.endOtherSessions()
            #expect(try await other.sessions().count == 1)
            let current = try #require(try await other.sessions().first)
            try await other.endSession(id: current.id)
            #expect(await !other.isSignedIn)
        }
    }

    /// An account made before the root key (or by another RFC 9807 client) gets one at its first
    /// SDK sign-in, with its format-1 vault key kept in a legacy-vault envelope.
    @Test func anOlderAccountGetsARootKeyAndKeepsItsVaultKey() async throws {
        try await Self.withServer { baseURL in
            // Register the old way: record only, no envelopes.
            let sdk = FlowstaClient(baseURL: baseURL)
            let proof = try await sdk.signupProof(username: "elder")
            let (record, exportKey) = try await sdk.registrationRecord(username: "elder", password: "old password")
            let _: FlowstaClient.UserEnvelope = try await sdk.call("POST", "auth/opaque/register/finish", FlowstaClient.RegisterFinish(
                username: "elder", registrationRecord: Self.base64url(record.bytes), signupProof: proof
            ))
            let first = try await sdk.login(username: "elder", password: "old password")
            let legacy = try #require(first.legacyVaultKey)
            #expect(legacy == FlowstaVault.key(exportKey: exportKey).withUnsafeBytes { Array($0) })
            let again = try await FlowstaClient(baseURL: baseURL).login(username: "elder", password: "old password")
            #expect(again.rootKey == first.rootKey && again.legacyVaultKey == legacy)
        }
    }
}
