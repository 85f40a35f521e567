import FlowstaCore
import FlowstaOAuth
import FlowstaWebhooks
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// RP-initiated logout and back-channel logout (issue #22): the app's hint signs the user out at
/// once, anything else asks; redirect URIs must be registered; the session's grants without
/// `offline_access` end and the app's back-channel URI gets a logout token naming the same
/// `sid` and `sub` as its ID token.
@Suite struct LogoutRoutesTests {
    static let afterLogout = "https://rp.example/signed-out"
    static let backchannel = "https://rp.example/backchannel"

    /// A signed-in browser with an app whose logout URIs are set, and the ID token of a sign-in.
    static func signedIn(_ server: TestServer, _ client: any TestClientProtocol, scope: String = "openid profile")
        async throws -> (OAuthBrowserSession, ManagementFixture, appID: String, tokens: [String: Any]) {
        let (browser, fixture) = try await OAuthBrowserSession.make(server, client)
        let apps = try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/apps")
        let list = try #require(JSON.object(apps.body)["items"] as? [[String: Any]])
        let appID = try #require(list.first { $0["client_id"] as? String == browser.clientID }?["id"] as? String)
        let patched = try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)", [
            "post_logout_redirect_uris": [afterLogout], "backchannel_logout_uri": backchannel,
        ])
        #expect(patched.status == .ok)
        #expect(JSON.object(patched.body)["post_logout_redirect_uris"] as? [String] == [afterLogout])
        let query = try await browser.consent(scope: scope)
        let code = try #require(query["code"])
        let token = try await browser.token([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect),
            ("code_verifier", OAuthBrowserSession.verifier),
        ])
        #expect(token.status == .ok)
        return (browser, fixture, appID, JSON.object(token.body))
    }

    static func claims(_ jwt: String) throws -> (header: [String: Any], payload: [String: Any]) {
        let parts = jwt.split(separator: ".").map(String.init)
        try #require(parts.count == 3)
        let headerBytes = try #require(Base64URL.decode(parts[0]))
        let payloadBytes = try #require(Base64URL.decode(parts[1]))
        let header = try #require(try JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any])
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(payloadBytes)) as? [String: Any])
        return (header, payload)
    }

    @Test(arguments: DatabaseChoice.all)
    func theAppsHintSignsOutAtOnceAndTheAppIsToldByBackChannel(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let discovery = JSON.object(try await client.execute(uri: "/.well-known/openid-configuration", method: .get).body)
            #expect(discovery["end_session_endpoint"] as? String == server.runtime.oauth.configuration.issuer + "/oauth/logout")
            #expect(discovery["backchannel_logout_supported"] as? Bool == true && discovery["backchannel_logout_session_supported"] as? Bool == true)

            let (browser, _, appID, tokens) = try await Self.signedIn(server, client)
            let idToken = try #require(tokens["id_token"] as? String)
            let accessToken = try #require(tokens["access_token"] as? String)
            let id = try Self.claims(idToken).payload
            let sid = try #require(id["sid"] as? String)

            // Not registered, or the hint of nobody we know: an error page, never a redirect.
            let foreign = try await browser.get("/oauth/logout?" + FormEncoding.encode(pairs: [
                ("id_token_hint", idToken), ("post_logout_redirect_uri", "https://evil.example/"),
            ]))
            #expect(foreign.status == .badRequest && foreign.headers[.location] == nil)
            let forged = try await browser.get("/oauth/logout?" + FormEncoding.encode(pairs: [
                ("client_id", browser.clientID), ("id_token_hint", String(idToken.dropLast(4)) + "AAAA"),
            ]))
            #expect(forged.status == .badRequest)

            let before = Date()
            let answer = try await browser.get("/oauth/logout?" + FormEncoding.encode(pairs: [
                ("id_token_hint", idToken), ("post_logout_redirect_uri", Self.afterLogout), ("state", "s 1"),
            ]))
            #expect(answer.status == .found)
            #expect(answer.headers[.location] == Self.afterLogout + "?state=s%201")
            #expect(answer.headers[.setCookie]?.contains("Max-Age=0") == true)
            // The session is over, and so is the grant (no offline_access).
            #expect(try await browser.get("/auth/me").status == .unauthorized)
            let info = try await client.execute(uri: "/oauth/userinfo", method: .get, headers: [.authorization: "Bearer \(accessToken)"])
            #expect(info.status == .unauthorized)

            // The back-channel logout token waits in the outbound queue.
            // (Read by app: other tests share the PostgreSQL queue.)
            let queued = try await server.runtime.outbound.deliveries(appID: try #require(UUID(uuidString: appID)), limit: 10)
            let delivery = try #require(queued.first)
            #expect(delivery.kind == .backchannelLogout && delivery.url == Self.backchannel && delivery.contentType == "application/x-www-form-urlencoded")
            let body = String(decoding: delivery.body, as: UTF8.self)
            let token = try #require(OAuthBrowserSession.query("?" + body)["logout_token"])
            let (header, logout) = try Self.claims(token)
            #expect(header["typ"] as? String == "logout+jwt" && header["alg"] as? String == "RS256" && header["kid"] != nil)
            #expect(logout["iss"] as? String == server.runtime.oauth.configuration.issuer)
            #expect(logout["aud"] as? String == browser.clientID)
            #expect(logout["sub"] as? String == id["sub"] as? String)
            #expect(logout["sid"] as? String == sid)
            #expect(logout["nonce"] == nil)
            let events = try #require(logout["events"] as? [String: Any])
            #expect(events["http://schemas.openid.net/event/backchannel-logout"] is [String: Any])
            let iat = try #require(logout["iat"] as? Int)
            #expect(Double(iat) >= before.timeIntervalSince1970.rounded(.down) - 1 && (logout["exp"] as? Int ?? 0) > iat)
            #expect(logout["jti"] as? String != nil)
            #expect(queued.count == 1, "one token per app")
        }
    }

    @Test func withoutTheHintTheUserIsAsked() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let (browser, _, _, tokens) = try await Self.signedIn(server, client, scope: "openid offline_access")
            let page = try await browser.get("/oauth/logout?" + FormEncoding.encode(pairs: [
                ("client_id", browser.clientID), ("post_logout_redirect_uri", Self.afterLogout), ("state", "abc"),
            ]))
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("logout-form") && html.contains("Relying Party"))
            #expect(try await browser.get("/auth/me").status == .ok, "asking signs nobody out")
            let inputs = OAuthBrowserSession.hiddenInputs(html)
            // Staying: back to the app, still signed in.
            let stay = try await browser.postForm("/oauth/logout/confirm", inputs + [("decision", "stay")])
            #expect(stay.status == .seeOther && stay.headers[.location] == Self.afterLogout + "?state=abc")
            #expect(try await browser.get("/auth/me").status == .ok)
            // Without the page's CSRF token: refused.
            let forged = try await browser.postForm("/oauth/logout/confirm", inputs.filter { $0.0 != "csrf_token" } + [("decision", "signout")])
            #expect(forged.status == .forbidden)
            let out = try await browser.postForm("/oauth/logout/confirm", inputs + [("decision", "signout")])
            #expect(out.status == .seeOther && out.headers[.location] == Self.afterLogout + "?state=abc")
            #expect(try await browser.get("/auth/me").status == .unauthorized)
            // offline_access: the refresh token outlives the browser session.
            let refreshed = try await browser.token([
                ("grant_type", "refresh_token"), ("refresh_token", try #require(tokens["refresh_token"] as? String)),
            ])
            #expect(refreshed.status == .ok)
            // Signed out already: nothing to ask, straight back to the app.
            let again = try await browser.get("/oauth/logout?" + FormEncoding.encode(pairs: [
                ("client_id", browser.clientID), ("post_logout_redirect_uri", Self.afterLogout),
            ]))
            #expect(again.status == .found && again.headers[.location] == Self.afterLogout)
        }
    }

    /// Signing out through the API (as the account page and the SDK do) tells the apps too.
    @Test func signingOutThroughTheAPITellsTheApps() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let (browser, _, appID, _) = try await Self.signedIn(server, client)
            let out = try await client.execute(
                uri: "/auth/logout", method: .post, headers: [.cookie: "flowsta_session=\(browser.cookie)", .contentType: "application/json"]
            )
            #expect(out.status.code < 300)
            let queued = try await server.runtime.outbound.deliveries(appID: try #require(UUID(uuidString: appID)), limit: 10)
            #expect(queued.count == 1 && queued.first?.kind == .backchannelLogout)
        }
    }
}
