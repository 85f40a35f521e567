import FlowstaCore
import FlowstaOAuth
import FlowstaTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The device authorization grant (RFC 8628, issue #21) over HTTP on SQLite and PostgreSQL:
/// every polling answer (`authorization_pending`, `slow_down`, `expired_token`, `access_denied`,
/// the tokens, a spent code), the device page's code entry with its limit, and discovery. An
/// independent client drives it in Chromium in Tests/browser/device_journey.py.
@Suite struct DeviceGrantRoutesTests {
    static let grantType = "urn:ietf:params:oauth:grant-type:device_code"

    struct Device {
        let browser: OAuthBrowserSession

        func start(scope: String = "openid offline_access", client: String? = nil) async throws -> TestResponse {
            try await browser.postForm("/oauth/device_authorization", [("client_id", client ?? browser.clientID), ("scope", scope)], cookie: false)
        }

        func poll(_ deviceCode: String, client: String? = nil) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
            let answer = try await browser.postForm(
                "/oauth/token", [("grant_type", DeviceGrantRoutesTests.grantType), ("device_code", deviceCode), ("client_id", client ?? browser.clientID)],
                cookie: false
            )
            return (answer.status, JSON.object(answer.body))
        }

        /// The device page's form answered with `code`; the response.
        func type(_ code: String) async throws -> TestResponse {
            let page = try await browser.get("/device")
            let csrf = try #require(OAuthBrowserSession.hiddenInputs(String(buffer: page.body)).first { $0.0 == "csrf_token" }?.1)
            return try await browser.postForm("/device", [("csrf_token", csrf), ("user_code", code)])
        }

        /// The consent page's answer (`allow` or `deny`), as the page's form posts it.
        func decide(_ consent: TestResponse, _ decision: String) async throws -> TestResponse {
            var form = OAuthBrowserSession.hiddenInputs(String(buffer: consent.body))
            form.append(("decision", decision))
            return try await browser.postForm("/device/decide", form)
        }
    }

    @Test(arguments: DatabaseChoice.all)
    func aDeviceGetsTokensAfterTheUserAllowsIt(database: DatabaseChoice) async throws {
        let clock = FixedTimeSource(Date())
        let server = try await TestServer(databaseURL: database.url, time: clock)
        try await server.withRouter { client in
            let (browser, _) = try await OAuthBrowserSession.make(server, client)
            let device = Device(browser: browser)
            let discovery = JSON.object(try await client.execute(uri: "/.well-known/openid-configuration", method: .get).body)
            #expect((discovery["device_authorization_endpoint"] as? String)?.hasSuffix("/oauth/device_authorization") == true)
            #expect((discovery["grant_types_supported"] as? [String])?.contains(Self.grantType) == true)

            #expect(try await device.start(scope: "openid sign").status == .badRequest, "a scope the app may not ask for")
            #expect(try await device.start(client: "no-such-client").status == .unauthorized)
            let started = try await device.start()
            #expect(started.status == .ok && started.headers[.cacheControl] == "no-store")
            let answer = JSON.object(started.body)
            let deviceCode = try #require(answer["device_code"] as? String)
            let userCode = try #require(answer["user_code"] as? String)
            #expect(userCode.wholeMatch(of: /[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}/) != nil)
            #expect((answer["verification_uri"] as? String)?.hasSuffix("/device") == true)
            #expect((answer["verification_uri_complete"] as? String)?.hasSuffix("/device?user_code=" + userCode) == true)
            #expect(answer["expires_in"] as? Int == 600 && answer["interval"] as? Int == 5)

            // Polling before the user answers: pending; too fast: slow_down, and 5 s more for good.
            #expect(try await device.poll(deviceCode).body["error"] as? String == "authorization_pending")
            #expect(try await device.poll(deviceCode).body["error"] as? String == "slow_down")
            clock.advance(by: 6)
            #expect(try await device.poll(deviceCode).body["error"] as? String == "slow_down", "the interval is 10 s now (then 15)")
            clock.advance(by: 16)
            #expect(try await device.poll(deviceCode).body["error"] as? String == "authorization_pending", "15 s after the last poll")
            #expect(try await device.poll(deviceCode, client: "someone-else").status == .unauthorized)

            // The page: signed out, the sign-in page (coming back with the code); signed in, the form.
            let signedOut = try await client.execute(uri: "/device?user_code=\(userCode.lowercased())", method: .get)
            #expect(String(buffer: signedOut.body).contains("signin") && String(buffer: signedOut.body).contains(FormEncoding.encode("/device?user_code=" + userCode)))
            let wrong = try await device.type("BBBB-BBBB")
            #expect(wrong.status == .badRequest && String(buffer: wrong.body).contains("not valid"))
            // Typed the way people type: lower case, a space instead of the hyphen.
            let consent = try await device.type(userCode.lowercased().replacingOccurrences(of: "-", with: " "))
            #expect(consent.status == .ok && String(buffer: consent.body).contains("Relying Party") && String(buffer: consent.body).contains("/device/decide"))
            let done = try await device.decide(consent, "allow")
            #expect(done.status == .ok && String(buffer: done.body).contains("Device connected"))

            clock.advance(by: 16)
            let tokens = try await device.poll(deviceCode)
            #expect(tokens.status == .ok)
            let access = try #require(tokens.body["access_token"] as? String)
            #expect(tokens.body["id_token"] is String && tokens.body["refresh_token"] is String)
            #expect(try await client.execute(uri: "/oauth/userinfo", method: .get, headers: [.authorization: "Bearer \(access)"]).status == .ok)
            clock.advance(by: 16)
            let spent = try await device.poll(deviceCode)
            #expect(spent.status == .badRequest && spent.body["error"] as? String == "invalid_grant")
            #expect(try await device.type(userCode).status == .badRequest, "an answered code is no longer valid")
        }
    }

    @Test func refusalsAndExpiryReachTheDevice() async throws {
        let clock = FixedTimeSource(Date())
        let server = try await TestServer(time: clock)
        try await server.withRouter { client in
            let (browser, _) = try await OAuthBrowserSession.make(server, client)
            let device = Device(browser: browser)
            let denied = JSON.object(try await device.start().body)
            let consent = try await device.type(try #require(denied["user_code"] as? String))
            let answer = try await device.decide(consent, "deny")
            #expect(String(buffer: answer.body).contains("Not connected"))
            let refused = try await device.poll(try #require(denied["device_code"] as? String))
            #expect(refused.status == .badRequest && refused.body["error"] as? String == "access_denied")

            let late = JSON.object(try await device.start().body)
            clock.advance(by: 601)
            let expired = try await device.poll(try #require(late["device_code"] as? String))
            #expect(expired.status == .badRequest && expired.body["error"] as? String == "expired_token")
            #expect(try await device.type(try #require(late["user_code"] as? String)).status == .badRequest)
            #expect(try await device.poll("not-a-device-code").body["error"] as? String == "invalid_grant")

            // Wrong codes are limited per user (10 in 10 minutes, the one above included): then
            // even the right code waits.
            let live = JSON.object(try await device.start().body)
            for _ in 0..<9 { #expect(try await device.type("BBBB-CCCC").status == .badRequest) }
            let blocked = try await device.type(try #require(live["user_code"] as? String))
            #expect(blocked.status == .badRequest && String(buffer: blocked.body).contains("Too many wrong codes"))
            clock.advance(by: 600)
            let fresh = JSON.object(try await device.start().body)
            #expect(try await device.type(try #require(fresh["user_code"] as? String)).status == .ok)
        }
    }
}
