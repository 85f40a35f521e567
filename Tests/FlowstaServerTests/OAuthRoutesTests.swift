import FlowstaCore
import FlowstaOAuth
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct OAuthRoutesTests {
    @Test func discoveryAndJWKSDescribeTheProvider() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let response = try await client.execute(uri: "/.well-known/openid-configuration", method: .get)
            #expect(response.status == .ok)
            let document = JSON.object(response.body)
            let issuer = try #require(document["issuer"] as? String)
            #expect(document["authorization_endpoint"] as? String == issuer + "/oauth/authorize")
            #expect(document["jwks_uri"] as? String == issuer + "/.well-known/jwks.json")
            #expect(document["response_types_supported"] as? [String] == ["code"])
            #expect(document["code_challenge_methods_supported"] as? [String] == ["S256"])
            #expect((document["id_token_signing_alg_values_supported"] as? [String])?.contains("RS256") == true)
            #expect(Set(document["token_endpoint_auth_methods_supported"] as? [String] ?? []) == ["none", "client_secret_basic", "client_secret_post"])
            #expect(document["authorization_response_iss_parameter_supported"] as? Bool == true)
            #expect(document["subject_types_supported"] as? [String] == ["pairwise"])
            #expect((document["scopes_supported"] as? [String])?.contains("offline_access") == true)
            #expect((document["claims_supported"] as? [String])?.contains("sub") == true)

            let jwks = JSON.object(try await client.execute(uri: "/.well-known/jwks.json", method: .get).body)
            let keys = try #require(jwks["keys"] as? [[String: Any]])
            #expect(Set(keys.compactMap { $0["alg"] as? String }) == ["RS256", "ES256", "EdDSA"])
            #expect(keys.allSatisfy { $0["d"] == nil && $0["p"] == nil }, "no private parts")
        }
    }

    @Test func authorizeWithoutSessionShowsTheSignInPageUnderAStrictCSP() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let (session, _) = try await OAuthBrowserSession.make(server, client)
            let page = try await session.get(session.authorizeURI(), cookie: "")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("id=\"signin-form\""))
            #expect(html.contains("Relying Party"))
            #expect(!html.contains("<script>"), "no inline script")
            let csp = try #require(page.headers[.init("Content-Security-Policy")!])
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(csp.contains("script-src 'self'"))
            #expect(!csp.contains("unsafe-inline"))
            // The continuation stays on this server: it is a path.
            #expect(html.contains("data-continue=\"/oauth/authorize?"))

            let silent = try await session.get(session.authorizeURI(extra: "&prompt=none"), cookie: "")
            #expect(silent.status == .found)
            let query = OAuthBrowserSession.query(try #require(silent.headers[.location]))
            #expect(query["error"] == "login_required")
            #expect(query["state"] == "xyz")
        }
    }

    @Test func invalidClientOrRedirectShowsAnErrorPageAndNeverRedirects() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let (session, _) = try await OAuthBrowserSession.make(server, client)
            for uri in [
                session.authorizeURI().replacingOccurrences(of: session.clientID, with: "flowsta_app_unknown"),
                session.authorizeURI().replacingOccurrences(of: FormEncoding.encode(OAuthBrowserSession.redirect), with: FormEncoding.encode("https://evil.example/callback")),
                session.authorizeURI().replacingOccurrences(of: FormEncoding.encode(OAuthBrowserSession.redirect), with: FormEncoding.encode("https://rp.example/callback/../../evil")),
            ] {
                let page = try await session.get(uri)
                #expect(page.status == .badRequest)
                #expect(page.headers[.location] == nil)
                #expect(String(buffer: page.body).contains("id=\"error-code\">invalid_request"))
            }
            let plain = try await session.get(session.authorizeURI().replacingOccurrences(of: "code_challenge_method=S256", with: "code_challenge_method=plain"))
            #expect(plain.status == .found)
            let query = OAuthBrowserSession.query(try #require(plain.headers[.location]))
            #expect(query["error"] == "invalid_request")
            #expect(query["state"] == "xyz")
            #expect(query["iss"] != nil)
        }
    }

    @Test(arguments: DatabaseChoice.all)
    func codeFlowThroughTheHostedPages(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (session, _) = try await OAuthBrowserSession.make(server, client)
            // A forged consent post (no CSRF token) changes nothing.
            let forged = try await session.postForm("/oauth/consent", [("client_id", session.clientID), ("decision", "allow")])
            #expect(forged.status == .forbidden)
            #expect(forged.headers[.location] == nil)

            let redirect = try await session.consent()
            #expect(redirect["state"] == "xyz")
            #expect(redirect["iss"] == server.runtime.oauth.configuration.issuer)
            let code = try #require(redirect["code"])

            let exchange = try await session.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect),
                ("code_verifier", OAuthBrowserSession.verifier),
            ])
            #expect(exchange.status == .ok)
            #expect(exchange.headers[.cacheControl] == "no-store")
            let tokens = JSON.object(exchange.body)
            let access = try #require(tokens["access_token"] as? String)
            let refresh = try #require(tokens["refresh_token"] as? String)
            #expect(tokens["id_token"] is String)

            let replay = try await session.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect),
                ("code_verifier", OAuthBrowserSession.verifier),
            ])
            #expect(replay.status == .badRequest)
            #expect(JSON.object(replay.body)["error"] as? String == "invalid_grant")
            #expect(replay.headers[.cacheControl] == "no-store")
            let dead = try await client.execute(uri: "/oauth/userinfo", method: .get, headers: [.authorization: "Bearer \(access)"])
            #expect(dead.status == .unauthorized, "the replay revoked the first exchange's tokens")
            #expect(dead.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            _ = refresh

            // Consent is remembered: the second authorization passes through a page that posts
            // the analytics id with the approval, without asking.
            let second = try await session.again()
            // `prompt=none` shows no page at all: with consent on record the code comes at once.
            let silentAgain = try await session.get(session.authorizeURI(extra: "&prompt=none"))
            #expect(silentAgain.status == .found)
            #expect(OAuthBrowserSession.query(try #require(silentAgain.headers[.location]))["code"] != nil)
            let code2 = try #require(second["code"])
            // JSON body this time.
            let json = try await client.execute(
                uri: "/oauth/token", method: .post, headers: [.contentType: "application/json"],
                body: JSON.body(["grant_type": "authorization_code", "code": code2, "redirect_uri": OAuthBrowserSession.redirect,
                                 "code_verifier": OAuthBrowserSession.verifier, "client_id": session.clientID])
            )
            #expect(json.status == .ok)
            let fresh = JSON.object(json.body)
            let access2 = try #require(fresh["access_token"] as? String)
            let info = try await client.execute(uri: "/oauth/userinfo", method: .get, headers: [.authorization: "Bearer \(access2)"])
            #expect(info.status == .ok)
            #expect(JSON.object(info.body)["preferred_username"] as? String != nil)
            #expect(JSON.object(info.body)["email"] == nil)

            let rotated = try await session.token([("grant_type", "refresh_token"), ("refresh_token", try #require(fresh["refresh_token"] as? String))])
            #expect(rotated.status == .ok)
            let introspection = try await session.postForm("/oauth/introspect", [("token", access2), ("client_id", session.clientID)], cookie: false)
            #expect(JSON.object(introspection.body)["active"] as? Bool == true)

            // /account lists the app; disconnecting it kills the refresh token.
            let account = try await session.get("/account")
            let html = String(buffer: account.body)
            #expect(html.contains("Relying Party"))
            let csrf = try #require(OAuthBrowserSession.hiddenInputs(html).first { $0.0 == "csrf_token" }?.1)
            let appID = try #require(html.range(of: #"/account/apps/([0-9a-f-]{36})/disconnect"#, options: .regularExpression).map { String(html[$0].dropFirst(14).prefix(36)) })
            let disconnected = try await session.postForm("/account/apps/\(appID)/disconnect", [("csrf_token", csrf)])
            #expect(disconnected.status == .seeOther)
            let after = try await session.token([("grant_type", "refresh_token"), ("refresh_token", try #require(JSON.object(rotated.body)["refresh_token"] as? String))])
            #expect(after.status == .badRequest)
            #expect(!String(buffer: try await session.get("/account").body).contains("Relying Party"))
        }
    }

    @Test func denyingConsentTellsTheAppAccessDenied() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let (session, _) = try await OAuthBrowserSession.make(server, client)
            let page = try await session.get(session.authorizeURI(scope: "openid email"))
            let html = String(buffer: page.body)
            #expect(html.contains("name=\"share_email\""), "email is an explicit opt-in")
            #expect(page.headers[.init("Content-Security-Policy")!]?.contains("form-action 'self' https://rp.example") == true)
            let answer = try await session.postForm("/oauth/consent", OAuthBrowserSession.hiddenInputs(html) + [("decision", "deny")])
            #expect(answer.status == .seeOther)
            let query = OAuthBrowserSession.query(try #require(answer.headers[.location]))
            #expect(query["error"] == "access_denied")
            #expect(query["state"] == "xyz")
            #expect(query["code"] == nil)
        }
    }

    @Test func tokenEndpointErrorsUseTheRFC6749Format() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let (session, _) = try await OAuthBrowserSession.make(server, client)
            let cases: [(HTTPFields, String, HTTPResponse.Status, String)] = [
                ([.contentType: "text/plain"], "grant_type=authorization_code", .badRequest, "invalid_request"),
                ([.contentType: "application/x-www-form-urlencoded"], "grant_type=password&client_id=\(session.clientID)", .badRequest, "unsupported_grant_type"),
                ([.contentType: "application/x-www-form-urlencoded"], "grant_type=authorization_code&code=x&code_verifier=\(OAuthBrowserSession.verifier)&client_id=\(session.clientID)", .badRequest, "invalid_grant"),
                ([.contentType: "application/x-www-form-urlencoded", .authorization: "Basic " + Data("\(session.clientID):wrong".utf8).base64EncodedString()], "grant_type=client_credentials", .unauthorized, "invalid_client"),
                ([.contentType: "application/x-www-form-urlencoded"], "grant_type=client_credentials&client_id=flowsta_app_nope", .unauthorized, "invalid_client"),
                ([.contentType: "application/x-www-form-urlencoded"], "grant_type=refresh_token&grant_type=refresh_token&client_id=\(session.clientID)", .badRequest, "invalid_request"),
            ]
            for (headers, body, status, code) in cases {
                let response = try await client.execute(uri: "/oauth/token", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == status, "\(body)")
                #expect(JSON.object(response.body)["error"] as? String == code, "\(body)")
                #expect(JSON.object(response.body)["error_description"] is String)
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }
}

@Suite struct OAuthClientChangeTests {
    /// Client lookups are cached for speed; changes made through the API still apply at once.
    @Test func disablingOrDeletingAnAppStopsItsClientAtOnce() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let (session, fixture) = try await OAuthBrowserSession.make(server, client)
            let apps = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/apps").body)["items"] as? [[String: Any]] ?? []
            let appID = try #require(apps.first { $0["client_id"] as? String == session.clientID }?["id"] as? String)
            let warm = try await session.postForm("/oauth/introspect", [("token", "x"), ("client_id", session.clientID)], cookie: false)
            #expect(JSON.object(warm.body)["active"] as? Bool == false)
            #expect(try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)", ["active": false]).status == .ok)
            let disabled = try await session.postForm("/oauth/introspect", [("token", "x"), ("client_id", session.clientID)], cookie: false)
            #expect(disabled.status == .unauthorized)
            #expect(JSON.object(disabled.body)["error"] as? String == "invalid_client")
            #expect(try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)", ["active": true]).status == .ok)
            let secret = try #require(JSON.object(try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)/secret").body)["client_secret"] as? String)
            let basic: HTTPFields = [.authorization: "Basic " + Data("\(session.clientID):\(secret)".utf8).base64EncodedString()]
            let credentials = try await session.postForm("/oauth/token", [("grant_type", "client_credentials")], headers: basic, cookie: false)
            #expect(credentials.status == .ok)
            #expect(try await fixture.call(.owner, .delete, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)").status == .noContent)
            let deleted = try await session.postForm("/oauth/token", [("grant_type", "client_credentials")], headers: basic, cookie: false)
            #expect(deleted.status == .unauthorized)
            #expect(JSON.object(deleted.body)["error"] as? String == "invalid_client")
        }
    }
}

@Suite struct OAuthCORSTests {
    /// Browser apps call the token, userinfo and key endpoints cross-origin; the cookie-based
    /// routes stay same-origin.
    @Test func oauthAPIEndpointsAllowCrossOriginCallsAndCookieRoutesDoNot() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let origin: HTTPFields = [.origin: "https://spa.example", .accessControlRequestMethod: "POST"]
            let preflight = try await client.execute(uri: "/oauth/token", method: .options, headers: origin)
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "*")
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let error = try await client.execute(uri: "/oauth/token", method: .post, headers: [.origin: "https://spa.example", .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "grant_type=x"))
            #expect(error.status == .unauthorized)
            #expect(error.headers[.accessControlAllowOrigin] == "*", "errors are readable by the app too")
            let jwks = try await client.execute(uri: "/.well-known/jwks.json", method: .get, headers: [.origin: "https://spa.example"])
            #expect(jwks.headers[.accessControlAllowOrigin] == "*")
            for uri in ["/auth/me", "/api/v1/orgs", "/oauth/authorize"] {
                let response = try await client.execute(uri: uri, method: .get, headers: [.origin: "https://evil.example"])
                #expect(response.headers[.accessControlAllowOrigin] == nil, "\(uri)")
            }
        }
    }
}
