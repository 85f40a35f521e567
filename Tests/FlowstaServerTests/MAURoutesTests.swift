import Crypto
import FlowstaClient
import FlowstaCore
import FlowstaPlatform
import FlowstaServer
import FlowstaStore
import FlowstaTesting
import FlowstaUsage
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Zero-knowledge MAU through the hosted pages, plans and their limits, and the API rate.
@Suite struct MAURoutesTests {
    static func root() -> SymmetricKey {
        FlowstaAnalytics.root(exportKey: (0..<64).map { _ in UInt8.random(in: 0...255) })
    }

    /// Three users, some signing in several times (consent, then the pass-through page), count 3;
    /// another app sees its own ids; the usage export shows the calls the app made.
    @Test(arguments: DatabaseChoice.all)
    func activeUsersAreCountedOncePerAppAndMonth(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (first, fixture) = try await OAuthBrowserSession.make(server, client)
            let users = [Caller.member, .owner, .admin].map { OAuthBrowserSession(client: client, cookie: fixture.cookies[$0]!, clientID: first.clientID) }
            let roots = users.map { _ in Self.root() }
            var codes: [String] = []
            for (index, (user, root)) in zip(users, roots).enumerated() {
                codes.append(try #require(try await user.consent(analytics: root)["code"]))
                // Users 0 and 1 come back (consent remembered), user 0 twice.
                for _ in 0..<(2 - min(index, 2)) { codes.append(try #require(try await user.again(analytics: root)["code"])) }
            }
            #expect(codes.count == 6)
            let mau = try await fixture.call(.key, .get, "/api/v1/apps/\(try await Self.appID(fixture, first.clientID))/mau")
            #expect(mau.status == .ok)
            let body = JSON.object(mau.body)
            #expect(body["mau"] as? Int == 3)
            #expect(body["month"] as? String == FlowstaAnalytics.month())
            let series = try #require(body["series"] as? [[String: Any]])
            #expect(series.count == 12)
            #expect(series.last?["mau"] as? Int == 3)
            #expect(series.dropLast().allSatisfy { $0["mau"] as? Int == 0 })

            // Another app of the organization: the same user has another id there.
            let second = try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/apps", [
                "name": "Second", "type": "web", "redirect_uris": [OAuthBrowserSession.redirect], "allowed_scopes": ["openid", "profile", "offline_access"],
            ])
            let secondClient = try #require(JSON.object(second.body)["client_id"] as? String)
            let secondID = try #require(JSON.object(second.body)["id"] as? String)
            let elsewhere = OAuthBrowserSession(client: client, cookie: users[0].cookie, clientID: secondClient)
            _ = try await elsewhere.consent(analytics: roots[0])
            let month = FlowstaAnalytics.month()
            #expect(FlowstaAnalytics.analyticsID(root: roots[0], clientID: secondClient, month: month)
                != FlowstaAnalytics.analyticsID(root: roots[0], clientID: first.clientID, month: month))
            #expect(JSON.object(try await fixture.call(.member, .get, "/api/v1/apps/\(secondID)/mau?month=\(month)").body)["mau"] as? Int == 1)
            let plan = JSON.object(try await fixture.call(.member, .get, "/api/v1/orgs/\(fixture.organizationID)/plan").body)
            #expect((plan["usage"] as? [String: Any])?["mau"] as? Int == 4, "the organization's apps together")

            // The app exchanges its codes and reads userinfo; one call fails.
            for code in codes.prefix(3) {
                let exchange = try await first.token([
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect),
                    ("code_verifier", OAuthBrowserSession.verifier),
                ])
                #expect(exchange.status == .ok)
                let access = try #require(JSON.object(exchange.body)["access_token"] as? String)
                #expect(try await client.execute(uri: "/oauth/userinfo", method: .get, headers: [.authorization: "Bearer \(access)"]).status == .ok)
            }
            #expect(try await first.token([("grant_type", "authorization_code"), ("code", "nope"), ("code_verifier", OAuthBrowserSession.verifier)]).status == .badRequest)
            await FlowstaApplication.flushUsage(runtime: server.runtime)
            let export = try await fixture.call(.key, .get, "/api/v1/orgs/\(fixture.organizationID)/usage/export?format=csv&granularity=month")
            #expect(export.status == .ok)
            let csv = String(buffer: export.body).split(whereSeparator: \.isNewline).map(String.init)
            let header = try #require(csv.first).split(separator: ",").map(String.init)
            func row(_ group: String) -> [String: String]? {
                csv.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                    .first { $0.contains(group) }.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
            }
            let token = try #require(row("token"))
            #expect(token["requests"] == "4")
            #expect(token["client_errors"] == "1")
            #expect(Double(token["error_rate"] ?? "") == 0.25)
            #expect(Double(token["p50_ms"] ?? "") != nil)
            let userinfo = try #require(row("userinfo"))
            #expect(userinfo["requests"] == "3")
            #expect(Double(userinfo["error_rate"] ?? "") == 0)
            #expect(Double(userinfo["p99_ms"] ?? "") != nil)
        }
    }

    typealias Caller = ManagementFixture.Caller

    static func appID(_ fixture: ManagementFixture, _ clientID: String) async throws -> String {
        let list = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/apps").body)
        let apps = try #require(list["items"] as? [[String: Any]])
        return try #require(apps.first { $0["client_id"] as? String == clientID }?["id"] as? String)
    }

    /// Issue #15 §2.3: a signed-in user re-posting the consent form with fresh random
    /// analytics ids adds one active user, not one per post.
    @Test(arguments: DatabaseChoice.all)
    func repostingFreshIDsDoesNotInflateTheCount(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (session, fixture) = try await OAuthBrowserSession.make(server, client)
            #expect(try await session.consent(analytics: Self.root())["code"] != nil)
            for _ in 0..<5 {
                let page = try await session.get(session.authorizeURI())
                let inputs = OAuthBrowserSession.hiddenInputs(String(buffer: page.body))
                let forged = Base64URL.encode((0..<16).map { _ in UInt8.random(in: 0...255) })
                #expect(try await session.postForm("/oauth/consent", OAuthBrowserSession.withAnalyticsID(inputs, forged)).status == .seeOther)
            }
            let mau = try await fixture.call(.key, .get, "/api/v1/apps/\(try await Self.appID(fixture, session.clientID))/mau")
            #expect(JSON.object(mau.body)["mau"] as? Int == 1)
        }
    }

    /// On the free plan, once the organization's apps have 10,000 active users this month, a new
    /// user is refused (a page for the user, `access_denied` for the app); counted users still
    /// sign in; an owner's upgrade lifts the limit.
    @Test(arguments: DatabaseChoice.all)
    func theFreePlanRefusesNewUsersBeyondItsLimit(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (session, fixture) = try await OAuthBrowserSession.make(server, client)
            let app = try await FluentPlatformRepository(store: server.runtime.store).app(clientID: session.clientID)!
            _ = try await server.runtime.platform.setPlan(fixture.organizationID, .free)
            let month = server.runtime.mau.currentMonth()
            let seeded = (0..<9_999).map { n in
                MAUEntry(analyticsID: AnalyticsID(bytes: (0..<16).map { _ in UInt8.random(in: 0...255) })!, appID: app.id, organizationID: fixture.organizationID, month: month)
            }
            #expect(try await server.runtime.mau.record(seeded) == 9_999)
            // The member is the 10,000th user of the month.
            let memberRoot = Self.root()
            #expect(try await session.consent(analytics: memberRoot)["code"] != nil)

            let newcomer = OAuthBrowserSession(client: client, cookie: fixture.cookies[.owner]!, clientID: session.clientID)
            let refused = try await newcomer.consentAnswer(analytics: Self.root())
            #expect(refused.status == .forbidden)
            let html = String(buffer: refused.body)
            #expect(html.contains("cannot sign in new users this month"))
            let back = try #require(html.range(of: #"id="back-to-app" class="button" href=""#).map { html[$0.upperBound...].prefix { $0 != "\"" } })
            let query = OAuthBrowserSession.query(OAuthBrowserSession.unescape(String(back)))
            #expect(query["error"] == "access_denied")
            #expect(query["error_description"]?.contains("10,000 monthly active users") == true)
            #expect(query["state"] == "xyz")
            #expect(query["iss"] == server.runtime.oauth.configuration.issuer)
            #expect(refused.headers[.location] == nil)
            // Without an id (a client that does not run the page script) at the limit: refused too.
            #expect(try await newcomer.consentAnswer().status == .forbidden)

            // A user counted this month still signs in, whatever id the page sends.
            #expect(try await session.again(analytics: memberRoot)["code"] != nil)
            #expect(try await session.again(analytics: Self.root())["code"] != nil)

            // The operator upgrades (billing is off here; members and the pending invite take 4
            // seats: spark has 1, pro 5).
            await #expect(throws: PlatformError.planLimit("the spark plan has 1 team seat(s) and the organization uses 4 (members and pending invites); remove some first")) {
                try await server.runtime.platform.ensureFits(fixture.organizationID, .spark)
            }
            #expect(try await server.runtime.platform.setPlan(fixture.organizationID, .pro).plan == .pro)
            #expect(try await newcomer.consent(analytics: Self.root())["code"] != nil)
            let plan = JSON.object(try await fixture.call(.member, .get, "/api/v1/orgs/\(fixture.organizationID)/plan").body)
            #expect(plan["plan"] as? String == "pro")
            #expect((plan["usage"] as? [String: Any])?["mau"] as? Int == 10_001)
            #expect(plan["mau_overage"] as? Int == 0)
            #expect(plan["mau_overage_allowed"] as? Bool == true)
        }
    }

    @Test func planChangesAreAnOwnerActionAndShowLimits() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let path = "/api/v1/orgs/\(fixture.organizationID)/plan"
            let shown = try await fixture.call(.key, .get, path)
            #expect(shown.status == .ok)
            let body = JSON.object(shown.body)
            #expect(body["plan"] as? String == "pro")
            let limits = try #require(body["limits"] as? [String: Any])
            #expect(limits["mau"] as? Int == 150_000 && limits["apps"] as? Int == 100 && limits["seats"] as? Int == 5)
            #expect(limits["api_requests_per_second"] as? Int == 100)
            let usage = try #require(body["usage"] as? [String: Any])
            #expect(usage["apps"] as? Int == 1 && usage["seats"] as? Int == 4 && usage["mau"] as? Int == 0)
            #expect(try await fixture.call(.outsider, .get, path).status == .notFound)
            for caller in [Caller.admin, .member, .key] {
                #expect(try await fixture.call(caller, .put, path, ["plan": "enterprise"]).status == .forbidden, "\(caller)")
            }
            let bad = try await fixture.call(.owner, .put, path, ["plan": "platinum"])
            #expect(bad.status == .badRequest)
            #expect(JSON.object(bad.body)["error"] as? String == "invalid_request")
            #expect(try await fixture.call(.owner, .put, path, [:]).status == .badRequest)
            // Without billing the owner cannot change the plan; the operator can.
            let refused = try await fixture.call(.owner, .put, path, ["plan": "enterprise"])
            #expect(refused.status == .conflict)
            #expect(JSON.object(refused.body)["error"] as? String == "billing_not_configured")
            #expect((JSON.object(refused.body)["error_description"] as? String)?.contains("flowsta orgs set-plan") == true)
            _ = try await server.runtime.platform.setPlan(fixture.organizationID, .enterprise)
            let enterprise = try await fixture.call(.owner, .get, path)
            #expect(enterprise.status == .ok)
            let unlimited = try #require(JSON.object(enterprise.body)["limits"] as? [String: Any])
            #expect(unlimited["mau"] is NSNull && unlimited["apps"] is NSNull && unlimited["api_requests_per_second"] is NSNull)
            let audit = String(buffer: try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/audit?limit=100").body)
            #expect(audit.contains("organization.plan_changed:pro->enterprise"))
            let badMonth = try await fixture.call(.member, .get, "/api/v1/apps/\(fixture.appID)/mau?month=2026-13")
            #expect(badMonth.status == .badRequest, "\(String(buffer: badMonth.body))")
            #expect(try await fixture.call(.outsider, .get, "/api/v1/apps/\(fixture.appID)/mau").status == .notFound)
            #expect(try await fixture.call(.member, .get, "/api/v1/apps/not-an-id/mau").status == .notFound)
        }
    }

    /// API keys share their organization's bucket (free: 10/s, burst 10): a quick run of
    /// requests gets 429 with Retry-After and the RateLimit fields; sessions are not limited.
    /// The server's clock stands still, so a slow machine cannot refill the bucket mid-run.
    @Test func apiKeysAreRateLimitedPerOrganization() async throws {
        let server = try await TestServer(time: FixedTimeSource(Date()))
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            _ = try await server.runtime.platform.setPlan(fixture.organizationID, .free)
            var responses: [TestResponse] = []
            for _ in 0..<40 { responses.append(try await fixture.call(.key, .get, "/api/v1/orgs/\(fixture.organizationID)")) }
            let first = try #require(responses.first)
            #expect(first.status == .ok)
            #expect(first.headers[.init("RateLimit-Policy")!] == #""api";q=10;w=1"#)
            #expect(first.headers[.init("RateLimit")!] == #""api";r=9;t=1"#)
            let limited = try #require(responses.first { $0.status == .tooManyRequests })
            #expect(JSON.object(limited.body)["error"] as? String == "rate_limited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(limited.headers[.init("RateLimit")!]?.hasPrefix(#""api";r=0;"#) == true)
            #expect(limited.headers[.init("RateLimit-Policy")!] == #""api";q=10;w=1"#)
            for _ in 0..<40 { #expect(try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)").status == .ok) }
        }
    }

    /// P5: the only place an analytics id lives is `mau_ids (app_id, month, analytics_id)`; no
    /// table or column links it to a user, session, email or DID.
    @Test(arguments: DatabaseChoice.all)
    func noTableLinksAnalyticsIDsToUsers(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        let sql = server.runtime.store.database as! any SQLDatabase
        struct Column: Decodable { var table_name: String; var column_name: String }
        let columns: [Column]
        if database == .sqlite {
            columns = try await sql.raw("""
                SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table'
                """).all(decoding: Column.self)
        } else {
            columns = try await sql.raw("""
                SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
                WHERE table_schema = current_schema()
                """).all(decoding: Column.self)
        }
        var tables: [String: Set<String>] = [:]
        for column in columns { tables[column.table_name, default: []].insert(column.column_name) }
        #expect(tables.count > 10, "the schema was listed")
        #expect(tables.filter { $0.value.contains { $0.contains("analytics") } }.keys.sorted() == ["mau_ids"])
        #expect(tables["mau_ids"] == ["app_id", "month", "analytics_id"])
        #expect(tables["mau_monthly"] == ["organization_id", "app_id", "month", "active_users", "closed"])
        let linking: Set<String> = ["user", "session", "email", "did", "subject", "sub", "grant", "token", "time", "at", "created", "ip", "agent", "login"]
        for table in ["mau_ids", "mau_monthly"] {
            for column in tables[table] ?? [] {
                #expect(linking.isDisjoint(with: column.split(separator: "_").map(String.init)), "\(table).\(column)")
            }
        }
        if database == .sqlite {
            struct Key: Decodable { var table: String }
            #expect(try await sql.raw("SELECT \"table\" FROM pragma_foreign_key_list('mau_ids')").all(decoding: Key.self).isEmpty)
        } else {
            struct Constraint: Decodable { var constraint_type: String }
            let constraints = try await sql.raw("""
                SELECT constraint_type::text AS constraint_type FROM information_schema.table_constraints
                WHERE table_schema = current_schema() AND table_name = 'mau_ids'
                """).all(decoding: Constraint.self)
            #expect(!constraints.contains { $0.constraint_type == "FOREIGN KEY" })
        }
        await server.runtime.store.shutdown()
    }
}
