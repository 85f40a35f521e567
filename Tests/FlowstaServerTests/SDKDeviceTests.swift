import Crypto
@testable import FlowstaClient
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The Swift SDK's device flows (issue #21): `FlowstaOAuthClient` runs the device grant (its
/// waits drive the test's clock; the user answers on `/device` meanwhile), and `FlowstaClient`
/// enrols a device key, which the user approves, then signs in with it.
@Suite struct SDKDeviceTests {
    @Test func theSDKRunsTheDeviceGrant() async throws {
        let clock = FixedTimeSource(Date())
        let server = try await TestServer(time: clock)
        try await server.withRouter { client in
            let (browser, _) = try await OAuthBrowserSession.make(server, client)
            let issuer = try #require(URL(string: server.runtime.oauth.configuration.issuer))
            let app = FlowstaOAuthClient(issuer: issuer, clientID: browser.clientID, redirectURI: OAuthBrowserSession.redirect, transport: TestClientTransport(client: client))
            let authorization = try await app.startDeviceAuthorization(scope: ["openid", "offline_access"])
            #expect(UserCode.normalize(authorization.userCode) != nil && authorization.interval == 5)
            let device = DeviceGrantRoutesTests.Device(browser: browser)
            let waits = Waits()
            let tokens = try await app.pollDeviceToken(authorization) { duration in
                let count = await waits.add(duration)
                clock.advance(by: TimeInterval(duration.components.seconds) + 1)
                // The user answers while the device waits its second interval (the first poll was pending).
                if count == 2 {
                    let consent = try await device.type(authorization.userCode)
                    _ = try await device.decide(consent, "allow")
                }
            }
            #expect(tokens.refreshToken != nil && tokens.idToken != nil)
            #expect(await waits.durations.count == 2, "a pending poll, then the tokens")

            let refused = try await app.startDeviceAuthorization(scope: ["openid"])
            let error = await #expect(throws: FlowstaClientError.self) {
                _ = try await app.pollDeviceToken(refused) { _ in
                    clock.advance(by: 6)
                    let consent = try await device.type(refused.userCode)
                    _ = try await device.decide(consent, "deny")
                }
            }
            if case .server(_, let code, _) = error { #expect(code == "access_denied") } else { Issue.record("expected access_denied") }
        }
    }

    /// Also a privacy scan: the device key's private half never reaches a table or a log line
    /// (its public half does: the control).
    @Test(arguments: DatabaseChoice.all)
    func theSDKEnrolsADeviceKeyAndSignsInWithIt(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        let key = Curve25519.Signing.PrivateKey()
        let dump = try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let issuer = try #require(URL(string: server.runtime.oauth.configuration.issuer))
            let agent = FlowstaClient(baseURL: issuer, transport: TestClientTransport(client: client))
            let enrolment = try await agent.enrolDevice(key: key, name: "CI runner")
            #expect(try await agent.deviceEnrolmentStatus(enrolment).status == "pending")
            // The member approves it (their session is fresh: the fixture just signed them in).
            let approved = try await fixture.call(.member, .post, "/auth/device-keys/approve", ["user_code": enrolment.userCode])
            #expect(approved.status == .created)
            let (status, keyID) = try await agent.deviceEnrolmentStatus(enrolment)
            #expect(status == "approved")
            let user = try await agent.signIn(deviceKeyID: try #require(keyID), key: key)
            #expect(user.id == fixture.userIDs[.member]?.uuidString.lowercased())
            #expect(await agent.isSignedIn)
            #expect(try await agent.me().id == user.id)
            await #expect(throws: FlowstaClientError.self, "another key cannot use the device's id") {
                _ = try await FlowstaClient(baseURL: issuer, transport: TestClientTransport(client: client))
                    .signIn(deviceKeyID: try #require(keyID), key: Curve25519.Signing.PrivateKey())
            }
            return try await server.runtime.store.everyRowAsText()
        }
        let lowered = dump.text.lowercased()
        let logs = server.logs.captured.map { $0.lowercased() }
        let publicKey = [UInt8](key.publicKey.rawRepresentation)
        #expect(lowered.contains(publicKey.hexString) || dump.text.contains(Base64URL.encode(publicKey)), "control: the public key is stored")
        let secret = [UInt8](key.rawRepresentation)
        for encoding in [secret.hexString, Base64URL.encode(secret), Data(secret).base64EncodedString()] {
            #expect(!lowered.contains(encoding.lowercased()), "the device's private key is in a table")
            #expect(!logs.contains { $0.contains(encoding.lowercased()) }, "the device's private key is in the logs")
        }
    }
}

/// The waits a poll loop asked for.
actor Waits {
    var durations: [Duration] = []

    func add(_ duration: Duration) -> Int {
        durations.append(duration)
        return durations.count
    }
}
