import FlowstaCore
import FlowstaTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue #15 §2.1, §2.4, §2.5 and the cookie prefix: what a session cookie alone can do.
@Suite struct SessionSecurityTests {
    static func cookie(_ value: String) -> HTTPFields { [.cookie: "flowsta_session=\(value)"] }

    /// A sibling subdomain or another site cannot use the user's cookie to change anything: a
    /// signed-in change must be JSON (even without a body) and come from this origin.
    @Test func cookieChangesNeedJSONAndThisOrigin() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let owner = try #require(fixture.cookies[.owner])
            let issuer = server.runtime.oauth.configuration.issuer
            // A body-less DELETE or POST without a media type is what a `no-cors` fetch can send.
            for (method, uri) in [(HTTPRequest.Method.delete, "/auth/me"), (.post, "/auth/logout"),
                                  (.delete, "/api/v1/orgs/\(fixture.organizationID)/keys/\(fixture.spareKeyID)")] {
                let bare = try await client.execute(uri: uri, method: method, headers: Self.cookie(owner))
                #expect(bare.status == .forbidden, "\(method) \(uri) without Content-Type")
                #expect(JSON.object(bare.body)["error"] as? String == "cross_site_request")
                let plain = try await client.execute(uri: uri, method: method, headers: Self.cookie(owner) + [.contentType: "text/plain"], body: ByteBuffer(string: "{}"))
                #expect(plain.status == .forbidden, "\(method) \(uri) as text/plain")
            }
            #expect(try await fixture.call(.owner, .get, "/auth/me").status == .ok, "the refused requests changed nothing")
            // The browser's own word on where the request comes from is believed.
            let json: HTTPFields = [.contentType: "application/json"]
            for extra: HTTPFields in [[.secFetchSite: "same-site"], [.secFetchSite: "cross-site"], [.origin: "https://evil.example"], [.origin: "null"]] {
                let patch = try await client.execute(uri: "/auth/me", method: .patch, headers: Self.cookie(owner) + json + extra, body: JSON.body(["display_name": "Mallory"]))
                #expect(patch.status == .forbidden, "PATCH /auth/me with \(extra)")
            }
            let sameOrigin: HTTPFields = [.secFetchSite: "same-origin", .origin: issuer]
            let patched = try await client.execute(uri: "/auth/me", method: .patch, headers: Self.cookie(owner) + json + sameOrigin, body: JSON.body(["display_name": "Owner"]))
            #expect(patched.status == .ok)
            // An API key is not a cookie: body-less calls need no media type.
            let keyed = try await client.execute(
                uri: "/api/v1/orgs/\(fixture.organizationID)/apps/\(fixture.appID)/secret", method: .post, headers: [.authorization: "Bearer \(fixture.apiKey)"]
            )
            #expect(keyed.status == .created)
            // The hosted forms carry their CSRF token; another site is refused before it counts.
            let signOut = try await client.execute(
                uri: "/account/signout", method: .post,
                headers: Self.cookie(owner) + [.contentType: "application/x-www-form-urlencoded", .secFetchSite: "cross-site"],
                body: ByteBuffer(string: "csrf_token=x")
            )
            #expect(signOut.status == .forbidden)
            #expect(signOut.headers[.contentType]?.hasPrefix("text/html") == true)
            // What Chromium sends on a page's own form post under `Referrer-Policy: no-referrer`:
            // the form's token decides (here a wrong one: the page's answer, not the middleware's).
            let ownForm = try await client.execute(
                uri: "/account/signout", method: .post,
                headers: Self.cookie(owner) + [.contentType: "application/x-www-form-urlencoded", .secFetchSite: "same-origin", .origin: "null"],
                body: ByteBuffer(string: "csrf_token=wrong")
            )
            #expect(ownForm.status == .forbidden)
            #expect(String(buffer: ownForm.body).contains("This form was not sent from this page"))
        }
    }

    /// Without a session, a JSON endpoint still needs its media type: a `no-cors` fetch's Blob
    /// body carries none (`register/finish` with the user's cookie would replace the password).
    @Test func jsonEndpointsNeedTheirMediaType() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            for headers: HTTPFields in [[:], [.contentType: "text/plain"], [.contentType: ";"]] {
                let response = try await client.execute(
                    uri: "/auth/opaque/register/finish", method: .post, headers: headers,
                    body: ByteBuffer(string: #"{"username":"alice","registration_record":"AAAA"}"#)
                )
                #expect(response.status == .unsupportedMediaType)
                #expect(JSON.object(response.body)["error"] as? String == "unsupported_media_type")
            }
        }
    }

    /// A password change or an account deletion needs a sign-in within the last 5 minutes; a
    /// password change ends the other sessions and the apps' tokens.
    @Test func sensitiveActionsNeedAFreshSignInAndAPasswordChangeEndsEverythingElse() async throws {
        let clock = FixedTimeSource()
        let server = try await TestServer(time: clock)
        try await server.withRouter { client in
            let (session, fixture) = try await OAuthBrowserSession.make(server, client)
            let query = try await session.consent()
            let tokens = try await session.token([
                ("grant_type", "authorization_code"), ("code", query["code"] ?? ""), ("redirect_uri", OAuthBrowserSession.redirect),
                ("code_verifier", OAuthBrowserSession.verifier),
            ])
            #expect(tokens.status == .ok)
            let refresh = try #require(JSON.object(tokens.body)["refresh_token"] as? String)
            let name = try #require(fixture.usernames[.member])
            let driver = OPAQUEDriver(client: client)
            let stale = try #require(fixture.cookies[.member])

            clock.advance(by: 6 * 60)
            let change = try await driver.register(name, "new password", cookie: stale)
            #expect(change.status == .forbidden)
            #expect(JSON.object(change.body)["error"] as? String == "reauthentication_required")
            let deletion = try await driver.send("/auth/me", .delete, cookie: stale)
            #expect(deletion.status == .forbidden)
            #expect(JSON.object(deletion.body)["error"] as? String == "reauthentication_required")
            #expect(try await driver.login(name, "new password").cookie == nil, "the password did not change")

            let fresh = try #require(try await driver.login(name, "pw \(name)").cookie)
            #expect(try await driver.register(name, "new password", cookie: fresh).status == .ok)
            #expect(try await driver.send("/auth/me", .get, cookie: stale).status == .unauthorized, "other sessions end")
            #expect(try await driver.send("/auth/me", .get, cookie: fresh).status == .ok)
            let refreshed = try await session.token([("grant_type", "refresh_token"), ("refresh_token", refresh)])
            #expect(refreshed.status == .badRequest, "the app's refresh token is revoked")
            #expect(JSON.object(refreshed.body)["error"] as? String == "invalid_grant")
            #expect(try await driver.login(name, "new password").cookie != nil)
        }
    }

    /// Issue #15 §2.6: registering or changing to an address another account verified answers
    /// exactly as for a fresh one; the address's owner hears about it by mail.
    @Test func aTakenEmailIsNoOracle() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            #expect(try await driver.register("holder", "pw", extra: ["email": "owner@example.org"]).status == .created)
            let link = try #require(try await server.runtime.mailer.list().map(\.1).first { $0.subject.contains("Verify") }?.text)
            let token = try #require(link.components(separatedBy: "#token=").last?.prefix { !$0.isWhitespace })
            let verified = try await driver.send("/auth/email/verify", .post, cookie: nil, body: ["token": String(token)])
            #expect(verified.status == .ok)
            #expect((JSON.object(verified.body)["user"] as? [String: Any])?["email_verified"] as? Bool == true)
            let again = try await driver.register("prober", "pw", extra: ["email": "Owner@example.org"])
            #expect(again.status == .created)
            #expect((JSON.object(again.body)["user"] as? [String: Any])?["email"] as? String == "Owner@example.org")
            let cookie = try #require(try await driver.login("prober", "pw").cookie)
            let patched = try await driver.send("/auth/me", .patch, cookie: cookie, body: ["email": "owner@example.org"])
            #expect(patched.status == .ok)
            let fresh = try await driver.send("/auth/me", .patch, cookie: cookie, body: ["email": "nobody-has-this@example.org"])
            #expect(fresh.status == patched.status)
            let notices = try await server.runtime.mailer.list().map(\.1).filter { $0.subject.contains("entered for a Flowsta account") }
            #expect(notices.count == 1, "one notice a day per address")
            #expect(notices.first?.to.lowercased() == "owner@example.org")
        }
    }

    /// Under HTTPS the session cookie is `__Host-` prefixed, and only that name is read.
    @Test func httpsCookiesUseTheHostPrefix() async throws {
        let server = try await TestServer(issuer: "https://auth.example.com")
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            #expect(try await driver.register("hostcookie", "pw").status == .created)
            let login = try await driver.login("hostcookie", "pw").response
            let setCookie = try #require(login.headers[.setCookie])
            #expect(setCookie.hasPrefix("__Host-flowsta_session="))
            #expect(setCookie.contains("Path=/") && setCookie.contains("Secure") && !setCookie.lowercased().contains("domain="))
            let token = String(setCookie.dropFirst("__Host-flowsta_session=".count).prefix { $0 != ";" })
            #expect(try await client.execute(uri: "/auth/me", method: .get, headers: [.cookie: "__Host-flowsta_session=\(token)"]).status == .ok)
            #expect(try await client.execute(uri: "/auth/me", method: .get, headers: [.cookie: "flowsta_session=\(token)"]).status == .unauthorized)
        }
    }

    /// `continue` leads back to this server only: a TAB, a backslash or another host falls back
    /// to the account page.
    @Test func signInContinuesOnThisServerOnly() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            for attack in ["/%09/evil.example", "/%0a/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/", "/%E2%88%95%E2%88%95evil.example"] {
                for page in ["/signin", "/signup"] {
                    let html = String(buffer: try await client.execute(uri: "\(page)?continue=\(attack)", method: .get).body)
                    #expect(html.contains(#"data-continue="&#x2F;account""#) || html.contains(#"data-continue="/account""#), "\(page) continue=\(attack)")
                }
            }
            let kept = String(buffer: try await client.execute(uri: "/signin?continue=%2Foauth%2Fauthorize%3Fclient_id%3Dx", method: .get).body)
            #expect(kept.contains("authorize"))
        }
    }
}

extension HTTPFields {
    static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var fields = lhs
        fields.append(contentsOf: rhs)
        return fields
    }
}

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
}

/// Issue #15 §2.8: the embedded database, its WAL and shared-memory files and the generated KEK
/// are owner-only from the moment they exist (a chmod afterwards left a window).
@Suite struct DataFilePermissionTests {
    @Test func everyFileTheServerCreatesIsOwnerOnly() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            #expect(try await OPAQUEDriver(client: client).register("perms", "pw").status == .created)
            let names = try FileManager.default.contentsOfDirectory(atPath: server.directory)
            #expect(names.contains { $0.hasSuffix("-wal") }, "the WAL exists: \(names)")
            for name in names {
                let attributes = try FileManager.default.attributesOfItem(atPath: server.directory + "/" + name)
                let mode = try #require(attributes[.posixPermissions] as? Int)
                #expect(mode & 0o077 == 0, "\(name) has mode \(String(mode, radix: 8))")
            }
        }
    }
}
