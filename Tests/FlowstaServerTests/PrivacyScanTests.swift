import FlowstaCore
import FlowstaOAuth
import FlowstaPrivacy
import FlowstaServer
import FlowstaStore
import FlowstaStripeTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
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
            #expect(!PrivacyScan.occurs(needle, in: stored), "found \(marker) in the data directory")
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
    static func oauthFlow(_ client: any TestClientProtocol, driver: OPAQUEDriver, cookie: String, orgID: String, analyticsID: String? = nil) async throws -> [String] {
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
        var form = OAuthBrowserSession.withAnalyticsID(OAuthBrowserSession.hiddenInputs(String(buffer: page.body)), analyticsID)
        form += [("decision", "allow"), ("share_email", "yes")]
        headers[.contentType] = "application/x-www-form-urlencoded"
        let encode = { (pairs: [(String, String)]) in ByteBuffer(string: FormEncoding.encode(pairs: pairs)) }
        let consent = try await client.execute(uri: "/oauth/consent", method: .post, headers: headers, body: encode(form))
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

extension PrivacyScanTests {
    static let proxyHeaders: HTTPFields = [
        .userAgent: markerAgent,
        .init("X-Forwarded-For")!: markerIP,
        .init("Forwarded")!: "for=\(markerIP);proto=https",
        .init("X-Real-IP")!: markerIP,
        .init("CF-Connecting-IP")!: markerIP,
        .init("True-Client-IP")!: markerIP,
        .init("X-Client-IP")!: markerIP,
        .init("Sec-CH-UA")!: "\"Marker\";v=\"5b1e7\"",
    ]

    /// P1–P4 and P6 over the whole product, on each engine: sign-up, sign-in, the vault and the
    /// user export, a developer organization with a key, an app, an invite accepted by a second
    /// user, usage and its exports, the MAU count, an OAuth flow with consent, refresh and
    /// revocation, the organization export, deletion and restore, and a user account deletion —
    /// every request with a marker address in every proxy header and a marker User-Agent. Then
    /// every row of every table is read back as text and searched, with every log line, for the
    /// markers, the passwords, the email addresses and every bearer secret the flow produced.
    @Test(arguments: DatabaseChoice.all)
    func wholeProductFlowLeavesNoMarkerInAnyTableOrLog(database: DatabaseChoice) async throws {
        // Billing on, against the fake Stripe server: Stripe's webhooks come with the markers too.
        let stripe = try await FakeStripe.start()
        await stripe.setPrice(id: "price_pro", unitAmount: 4_900)
        var settings = StripeSettings(secretKey: stripe.secretKey, webhookSecrets: [stripe.webhookSecret], planPrices: [.pro: "price_pro"])
        settings.apiBase = stripe.baseURL.absoluteString
        let server = try await TestServer(databaseURL: database.url, stripe: settings)
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let (names, secrets, dump) = try await server.withLive { client in
            let driver = OPAQUEDriver(client: client, extraHeaders: Self.proxyHeaders)
            let owner = "scan_owner_\(tag)", invitee = "scan_invitee_\(tag)"
            let inviteeAddress = "marker-invitee-\(tag)@example.org"
            #expect(try await driver.register(owner, Self.password, extra: ["email": Self.email, "display_name": "Scan Owner"]).status == .created)
            #expect(try await driver.register(invitee, Self.password + "-2", extra: ["email": inviteeAddress]).status == .created)
            #expect(try await driver.login(owner, "not the password").response.status == .unauthorized)
            let cookie = try #require(try await driver.login(owner, Self.password).cookie)
            let inviteeCookie = try #require(try await driver.login(invitee, Self.password + "-2").cookie)
            #expect(try await driver.send("/auth/me", .patch, cookie: cookie, body: ["display_name": "Renamed"]).status == .ok)

            // The vault and the user's export.
            let sealedBytes: [UInt8] = [0x01] + (0..<60).map { _ in UInt8.random(in: 0...255) }
            let sealed = Base64URL.encode(sealedBytes)
            #expect(try await driver.send("/vault/entries", .put, cookie: cookie, body: ["kind": "signin", "ciphertext": sealed]).status == .created)
            #expect(try await driver.send("/vault/entries", .get, cookie: cookie).status == .ok)
            #expect(try await driver.send("/auth/me/export", .get, cookie: cookie).status == .ok)

            // The developer platform.
            let org = try await driver.send("/api/v1/orgs", .post, cookie: cookie, body: ["name": "Scan Org \(tag)", "contact_email": Self.email])
            let orgID = try #require(JSON.object(org.body)["id"] as? String)
            _ = try await server.runtime.platform.setPlan(try #require(UUID(uuidString: orgID)), .pro)
            let key = try await driver.send("/api/v1/orgs/\(orgID)/keys", .post, cookie: cookie, body: ["name": "ci"])
            let apiKey = try #require(JSON.object(key.body)["secret"] as? String)
            let invite = try await driver.send("/api/v1/orgs/\(orgID)/invites", .post, cookie: cookie, body: ["email": inviteeAddress, "role": "member"])
            #expect(invite.status == .created)
            let mail = try #require(try await server.runtime.mailer.list().map(\.1).last { $0.to == inviteeAddress })
            let inviteToken = try #require(mail.text.components(separatedBy: "/invites/accept?token=").last?.split(whereSeparator: \.isWhitespace).first.map(String.init))
            #expect(try await driver.send("/api/v1/invites/accept", .post, cookie: inviteeCookie, body: ["token": inviteToken]).status == .ok)
            var keyed = driver.headers
            keyed[.authorization] = "Bearer \(apiKey)"
            #expect(try await client.execute(uri: "/api/v1/orgs/\(orgID)/apps?marker=\(Self.markerIP)", method: .get, headers: keyed).status == .ok)
            let analyticsID = Base64URL.encode((0..<16).map { _ in UInt8.random(in: 0...255) })
            let oauthSecrets = try await Self.oauthFlow(client, driver: driver, cookie: cookie, orgID: orgID, analyticsID: analyticsID)
            await FlowstaApplication.flushUsage(runtime: server.runtime)
            for path in ["usage", "usage/export?format=csv", "usage/export?format=json", "logs", "audit", "export"] {
                #expect(try await driver.send("/api/v1/orgs/\(orgID)/\(path)", .get, cookie: cookie).status == .ok, "\(path)")
            }
            let apps = JSON.object(try await client.execute(uri: "/api/v1/orgs/\(orgID)/apps", method: .get, headers: keyed).body)["items"] as? [[String: Any]] ?? []
            let appID = try #require(apps.first { $0["name"] as? String == "Privacy RP" }?["id"] as? String)
            let mau = JSON.object(try await client.execute(uri: "/api/v1/apps/\(appID)/mau", method: .get, headers: keyed).body)
            #expect(mau["mau"] as? Int == 1, "the consent counted one user")

            // Billing: Checkout, Stripe's signed webhooks, the billing state and the invoices.
            let checkout = try await driver.send("/api/v1/orgs/\(orgID)/billing/checkout", .post, cookie: cookie, body: ["plan": "pro"])
            let checkoutURL = try #require(JSON.object(checkout.body)["url"] as? String)
            let deliveries = try await stripe.completeCheckout(sessionID: try #require(checkoutURL.split(separator: "/").last.map(String.init)))
            for delivery in deliveries {
                var headers = driver.headers
                headers[HTTPField.Name("Stripe-Signature")!] = delivery.signatureHeader
                #expect(try await client.execute(uri: "/webhooks/stripe", method: .post, headers: headers, body: ByteBuffer(bytes: delivery.payload)).status == .ok)
            }
            for path in ["billing", "invoices"] {
                #expect(try await driver.send("/api/v1/orgs/\(orgID)/\(path)", .get, cookie: cookie).status == .ok, "\(path)")
            }

            // Deletion and restore of the organization; the invitee deletes their account.
            #expect(try await driver.send("/api/v1/orgs/\(orgID)", .delete, cookie: cookie).status == .ok)
            #expect(try await driver.send("/api/v1/orgs/\(orgID)/restore", .post, cookie: cookie).status == .ok)
            #expect(try await driver.send("/auth/me", .delete, cookie: inviteeCookie).status == .noContent)
            #expect(try await driver.send("/auth/logout", .post, cookie: cookie).status == .noContent)
            await FlowstaApplication.flushUsage(runtime: server.runtime)

            let dump = try await server.runtime.store.everyRowAsText()
            let ciphertextHex = sealedBytes.map { String(format: "%02x", $0) }.joined()
            return ([owner, "Scan Org \(tag)", ciphertextHex], oauthSecrets + [apiKey, inviteToken, cookie, inviteeCookie], dump)
        }
        await stripe.stop()
        // The dump really holds the flow's rows, from every table.
        for table in ["users", "sessions", "vault_entries", "organizations", "memberships", "api_keys", "apps", "audit_events",
                      "oauth_grants", "oauth_consents", "oauth_refresh_tokens", "usage_hourly", "api_logs", "mau_ids", "mau_members", "mail_outbox", "notices",
                      "billing_accounts", "billing_invoices", "billing_events"] {
            #expect(dump.tables.contains(table), "\(table) was read")
        }
        let lowered = dump.text.lowercased()
        // Controls: text and blobs (the vault entry's ciphertext, as hex) are found where stored.
        for name in names { #expect(lowered.contains(name.lowercased()), "the dump holds \(name)") }
        let logs = server.logs.captured
        #expect(logs.count > 20)
        let markers = [Self.markerIP, Self.markerAgent, "marker-5b1e7", Self.password, Self.password + "-2", Self.email,
                       "marker-mail-77", "marker-invitee-\(tag)"] + secrets
        for marker in markers {
            let hex = Array(marker.utf8).map { String(format: "%02x", $0) }.joined()
            #expect(!dump.text.contains(marker), "found \(marker) in a table")
            #expect(!lowered.contains(hex), "found \(marker) hex-encoded in a table")
            #expect(!logs.contains { $0.contains(marker) }, "found \(marker) in the logs")
        }
    }
}
