import FlowstaCore
import FlowstaOAuth
import FlowstaServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// P1–P3 from day one: a full scenario with a marker address and User-Agent, then every file of
/// the data directory and every log line is scanned. Neither marker, nor the password, nor the
/// email address may appear anywhere.
@Suite struct PrivacyScanTests {
    static let markerIP = "203.0.113.197"
    static let markerAgent = "FlowstaPrivacyProbe/9.9 (marker-5b1e7)"
    static let password = "marker-password-Zq81"
    static let email = "marker-mail-77@example.org"

    @Test func noAddressAgentPasswordOrEmailIsStoredOrLogged() async throws {
        let server = try await TestServer()
        let secrets = try await server.withLive { client in
            let driver = OPAQUEDriver(client: client, extraHeaders: [
                .userAgent: Self.markerAgent,
                .init("X-Forwarded-For")!: Self.markerIP,
                .init("Forwarded")!: "for=\(Self.markerIP);proto=https",
                .init("X-Real-IP")!: Self.markerIP,
            ])
            #expect(try await driver.register("privacy_user", Self.password, extra: ["email": Self.email, "display_name": "P. User"]).status == .created)
            let (finish, cookie) = try await driver.login("privacy_user", Self.password)
            #expect(finish.status == .ok)
            #expect(try await driver.login("privacy_user", "not the password").response.status == .unauthorized)
            #expect(try await driver.send("/auth/me", .get, cookie: cookie).status == .ok)
            #expect(try await driver.send("/auth/me", .patch, cookie: cookie, body: ["display_name": "Renamed"]).status == .ok)
            #expect(try await driver.post("/auth/opaque/login/start", ["username": "privacy_user", "ke1": "bad"]).status == .badRequest)
            // The management API, with the same marker headers.
            let org = try await driver.send("/api/v1/orgs", .post, cookie: cookie, body: ["name": "Privacy Org", "contact_email": Self.email])
            #expect(org.status == .created)
            let orgID = try #require(JSON.object(org.body)["id"] as? String)
            let key = try await driver.send("/api/v1/orgs/\(orgID)/keys", .post, cookie: cookie, body: ["name": "k"])
            #expect(key.status == .created)
            // A metered call with the key (usage rows and the API log are written below).
            var keyed = driver.headers
            keyed[.authorization] = "Bearer " + (JSON.object(key.body)["secret"] as? String ?? "")
            #expect(try await client.execute(uri: "/api/v1/orgs/\(orgID)/apps?marker=\(Self.markerIP)", method: .get, headers: keyed).status == .ok)
            #expect(try await driver.send("/api/v1/orgs/\(orgID)/audit", .get, cookie: cookie).status == .ok)
            let secrets = try await Self.oauthFlow(client, driver: driver, cookie: try #require(cookie), orgID: orgID)
            #expect(try await driver.send("/auth/logout", .post, cookie: cookie).status == .noContent)
            await FlowstaApplication.flushUsage(runtime: server.runtime)
            return secrets
        }
        #expect(secrets.count == 5)

        let stored = try server.dataDirectoryBytes()
        #expect(!stored.isEmpty)
        let logs = server.logs.captured
        #expect(logs.contains { $0.contains("\"route\":\"/auth/opaque/login/finish\"") })

        for marker in [Self.markerIP, Self.markerAgent, "marker-5b1e7", Self.password, Self.email, "marker-mail-77"] + secrets {
            let needle = Array(marker.utf8)
            #expect(!stored.contains(subsequence: needle), "found \(marker) in the data directory")
            #expect(!logs.contains { $0.contains(marker) }, "found \(marker) in the logs")
        }
        // Query strings (they carry codes and state) are not logged.
        #expect(!logs.contains { $0.contains("code_challenge") || $0.contains("redirect_uri") })
        // The server's own loopback address is not logged either.
        #expect(!logs.contains { $0.contains("127.0.0.1") && $0.contains("\"msg\":\"request\"") })
    }
}

extension PrivacyScanTests {
    /// A whole OAuth sign-in with the marker headers; returns the bearer secrets it produced
    /// (client secret, code, access token, two refresh tokens), none of which may be stored or
    /// logged.
    static func oauthFlow(_ client: any TestClientProtocol, driver: OPAQUEDriver, cookie: String, orgID: String) async throws -> [String] {
        let created = try await driver.send("/api/v1/orgs/\(orgID)/apps", .post, cookie: cookie, body: [
            "name": "Privacy RP", "type": "web", "redirect_uris": ["https://rp.example/cb"], "allowed_scopes": ["openid", "email", "offline_access"],
        ])
        let app = JSON.object(created.body)
        let appID = try #require(app["id"] as? String)
        let clientID = try #require(app["client_id"] as? String)
        let secret = try #require(JSON.object(try await driver.send("/api/v1/orgs/\(orgID)/apps/\(appID)/secret", .post, cookie: cookie).body)["client_secret"] as? String)
        var headers = driver.headers
        headers[.cookie] = "flowsta_session=\(cookie)"
        headers[.contentType] = nil
        let authorize = "/oauth/authorize?response_type=code&client_id=\(clientID)&redirect_uri=https%3A%2F%2Frp.example%2Fcb&scope=openid%20email%20offline_access&state=s&code_challenge=\(PKCE.challenge(for: OAuthBrowserSession.verifier))&code_challenge_method=S256"
        let page = try await client.execute(uri: authorize, method: .get, headers: headers)
        var form = OAuthBrowserSession.hiddenInputs(String(buffer: page.body))
        form += [("decision", "allow"), ("share_email", "yes")]
        headers[.contentType] = "application/x-www-form-urlencoded"
        let encode = { (pairs: [(String, String)]) in ByteBuffer(string: FormEncoding.encode(pairs: pairs)) }
        let consent = try await client.execute(uri: "/oauth/authorize", method: .post, headers: headers, body: encode(form))
        let location = try #require(consent.headers[.location])
        let code = try #require(OAuthBrowserSession.query(location)["code"])
        headers[.cookie] = nil
        headers[.authorization] = "Basic " + Data("\(clientID):\(secret)".utf8).base64EncodedString()
        let tokens = JSON.object(try await client.execute(uri: "/oauth/token", method: .post, headers: headers, body: encode([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", "https://rp.example/cb"), ("code_verifier", OAuthBrowserSession.verifier),
        ])).body)
        let access = try #require(tokens["access_token"] as? String)
        let refresh = try #require(tokens["refresh_token"] as? String)
        let next = try #require(JSON.object(try await client.execute(uri: "/oauth/token", method: .post, headers: headers, body: encode([
            ("grant_type", "refresh_token"), ("refresh_token", refresh),
        ])).body)["refresh_token"] as? String)
        var bearer = driver.headers
        bearer[.authorization] = "Bearer \(access)"
        #expect(JSON.object(try await client.execute(uri: "/oauth/userinfo", method: .get, headers: bearer).body)["email"] as? String == email)
        #expect(try await client.execute(uri: "/oauth/introspect", method: .post, headers: headers, body: encode([("token", access)])).status == .ok)
        #expect(try await client.execute(uri: "/oauth/revoke", method: .post, headers: headers, body: encode([("token", next)])).status == .ok)
        return [secret, code, access, refresh, next]
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return withUnsafeBufferPointer { haystack in
            for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                if Array(haystack[start..<(start + needle.count)]) == needle { return true }
            }
            return false
        }
    }
}
