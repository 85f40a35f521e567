import FlowstaClient
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
                try await body(URL(string: "http://127.0.0.1:\(port)")!)
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

            let signedIn = try await sdk.login(username: "SDK_user", password: "sdk password 1")
            #expect(signedIn.exportKey == registered.exportKey)
            #expect(await sdk.isSignedIn)
            #expect(try await sdk.me().displayName == "SDK User")

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
}
