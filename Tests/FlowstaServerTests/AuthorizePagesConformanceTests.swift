import FlowstaCore
import FlowstaHTTP
import HTTPTypes
import FlowstaOAuth
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The hosted pages' side of OpenID conformance (issue #22), on SQLite and PostgreSQL: an
/// authorization request sent by POST, the sign-in marker that ends `prompt=login` loops,
/// `id_token_hint` naming another user, `login_hint`, and Flowsta's SDK's `/login`.
@Suite struct AuthorizePagesConformanceTests {
    @Test(arguments: DatabaseChoice.all)
    func postHintsAndMarkers(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (browser, fixtureMade) = try await OAuthBrowserSession.make(server, client)
            var fixture = fixtureMade
            // Consent on record, and an ID token for the member.
            let code = try #require(try await browser.consent(scope: "openid profile")["code"])
            let tokens = JSON.object(try await browser.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect),
                ("code_verifier", OAuthBrowserSession.verifier),
            ]).body)
            let idToken = try #require(tokens["id_token"] as? String)
            let query = String(browser.authorizeURI(scope: "openid profile").dropFirst("/oauth/authorize?".count))
            let pairs = OAuthRequestParsing.formPairs(query)

            // POST /oauth/authorize: the same request as a form -> the pass-through page (consent on record).
            let posted = try await browser.postForm("/oauth/authorize", pairs)
            #expect(posted.status == .ok && String(buffer: posted.body).contains(#"data-analytics="auto""#))
            // Cross-site, with no Sec-Fetch-Site check: apps post it from their own pages.
            let crossSite = try await browser.postForm("/oauth/authorize", pairs, headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .ok)

            // prompt=none with the member's own hint: a code at once; with another app's or a forged hint: invalid_request.
            let silent = try await browser.get("/oauth/authorize?" + query + "&prompt=none&id_token_hint=" + FormEncoding.encode(idToken))
            let silentLocation = try #require(silent.headers[.location])
            #expect(silent.status == .found && OAuthBrowserSession.query(silentLocation)["code"] != nil)
            let forged = try await browser.get("/oauth/authorize?" + query + "&prompt=none&id_token_hint=" + FormEncoding.encode(String(idToken.dropLast(3)) + "abc"))
            let forgedLocation = try #require(forged.headers[.location])
            #expect(OAuthBrowserSession.query(forgedLocation)["error"] == "invalid_request")

            // prompt=login: the sign-in page, whose continuation carries a keyed marker; the
            // continuation with a forged marker is the sign-in page again, the real one (after
            // signing in) is not a loop.
            let login = try await browser.get("/oauth/authorize?" + query + "&prompt=login&login_hint=someone")
            let html = String(buffer: login.body)
            #expect(login.status == .ok && html.contains("signin-form") && html.contains(#"value="someone""#))
            let continuation = try #require(html.components(separatedBy: #"data-continue=""#).dropFirst().first?.components(separatedBy: "\"").first)
            let target = OAuthBrowserSession.unescape(continuation)
            #expect(target.hasPrefix("/oauth/authorize?") && target.contains("flowsta_sign_in="))
            let forgedMarker = target.replacingOccurrences(of: "flowsta_sign_in=", with: "flowsta_sign_in=1")
            let again = try await browser.get(forgedMarker)
            #expect(String(buffer: again.body).contains("signin-form"))
            // The member signs in again (a new session), then the continuation goes through.
            try await fixture.signInAgain(.member)
            let memberCookie: String = try #require(fixture.cookies[.member])
            let back = try await browser.get(target, cookie: memberCookie)
            #expect(back.status == .ok && String(buffer: back.body).contains(#"data-analytics="auto""#))

            // Flowsta's SDK's sign-in URL.
            let sdk = try await client.execute(uri: "/login?" + query, method: .get)
            #expect(sdk.status == .found && sdk.headers[.location] == "/oauth/authorize?" + query)
        }
    }
}
