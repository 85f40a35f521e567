import FlowstaCore
import FlowstaOAuth
import FlowstaPlatform
@testable import FlowstaPages
import FlowstaServer
import FlowstaUsage
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A browser on the dashboard, scripted: cookies kept per name, redirects followed by hand.
struct DashboardBrowser {
    let client: any TestClientProtocol
    /// The hosted pages' account session (`flowsta_session`).
    var accountCookie: String
    /// The dashboard's own session and sign-in flow cookies.
    var cookies: [String: String] = [:]

    func cookieHeader(account: Bool = true) -> String {
        var pairs = cookies.map { "\($0.key)=\($0.value)" }
        if account { pairs.append("flowsta_session=\(accountCookie)") }
        return pairs.joined(separator: "; ")
    }

    mutating func remember(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard pair.count == 2 else { continue }
            cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1]
        }
    }

    mutating func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookieHeader()], body: nil)
        remember(response)
        return response
    }

    mutating func post(_ uri: String, _ pairs: [(String, String)]) async throws -> TestResponse {
        let response = try await client.execute(
            uri: uri, method: .post, headers: [.cookie: cookieHeader(), .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: FormEncoding.encode(pairs: pairs))
        )
        remember(response)
        return response
    }

    /// Sign in with Flowsta: dashboard → sign-in flow → hosted authorize (pass-through page for
    /// the first-party dashboard) → callback → dashboard session.
    mutating func signIn() async throws {
        let start = try await get("/dashboard")
        #expect(start.status == .seeOther)
        #expect(start.headers[.location] == "/dashboard/signin?next=%2Fdashboard")
        #expect(try await signIn(following: start) == "/dashboard")
    }

    /// Follows a redirect to the dashboard's sign-in through to its end.
    /// - Returns: where the dashboard sends the browser once signed in.
    mutating func signIn(following start: TestResponse) async throws -> String {
        let flow = try await get(try #require(start.headers[.location]))
        #expect(flow.status == .seeOther)
        #expect(cookies["flowsta_dashboard_flow"] != nil)
        let authorize = try #require(flow.headers[.location])
        #expect(authorize.hasPrefix("/oauth/authorize?"))
        #expect(authorize.contains("code_challenge_method=S256") && authorize.contains("client_id=flowsta_app_dashboard"))
        let page = try await get(authorize)
        #expect(page.status == .ok)
        let html = String(buffer: page.body)
        #expect(html.contains(#"data-analytics="auto""#), "no consent screen for the dashboard: the pass-through page")
        let answer = try await post("/oauth/consent", OAuthBrowserSession.hiddenInputs(html))
        #expect(answer.status == .seeOther)
        let callback = try #require(answer.headers[.location])
        let url = try #require(URLComponents(string: callback))
        #expect(url.path == "/dashboard/callback")
        let done = try await get(url.path + "?" + (url.percentEncodedQuery ?? ""))
        #expect(done.status == .seeOther)
        #expect(cookies["flowsta_dashboard"] != nil)
        #expect(cookies["flowsta_dashboard_flow"] == nil, "the flow cookie is cleared")
        return done.headers[.location] ?? ""
    }

    static func csrf(_ html: String) -> String? {
        html.components(separatedBy: #"name="csrf_token" value=""#).dropFirst().first?.split(separator: "\"").first.map(String.init)
    }

    static func location(_ response: TestResponse) -> String { response.headers[.location] ?? "" }
}

@Suite struct DashboardTests {
    static func signedIn(_ server: TestServer, _ client: any TestClientProtocol, _ name: String) async throws -> DashboardBrowser {
        let driver = OPAQUEDriver(client: client)
        #expect(try await driver.register(name, "pw \(name)").status == .created)
        var browser = DashboardBrowser(client: client, accountCookie: try #require(try await driver.login(name, "pw \(name)").cookie))
        try await browser.signIn()
        return browser
    }

    @Test(arguments: DatabaseChoice.all)
    func aNewDeveloperCreatesAnOrganizationAnAppAndAKey(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let name = "dash_\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
            var browser = try await Self.signedIn(server, client, name)

            let home = try await browser.get("/dashboard")
            #expect(home.status == .ok)
            let csp = try #require(home.headers[.init("Content-Security-Policy")!])
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
            let homeHTML = String(buffer: home.body)
            #expect(homeHTML.contains("Signed in as <strong>\(name)</strong>"))
            let csrf = try #require(DashboardBrowser.csrf(homeHTML))

            // A form without its CSRF token changes nothing.
            #expect(try await browser.post("/dashboard/orgs", [("name", "No token")]).status == .forbidden)
            // Bad input comes back next to its field.
            let invalid = try await browser.post("/dashboard/orgs", [("csrf_token", csrf), ("name", "  ")])
            #expect(invalid.status == .badRequest)
            #expect(String(buffer: invalid.body).contains(#"id="name-error""#))

            let created = try await browser.post("/dashboard/orgs", [("csrf_token", csrf), ("name", "Dash Org"), ("contact_email", "ops@dash.example")])
            #expect(created.status == .seeOther)
            let orgPath = DashboardBrowser.location(created)
            #expect(orgPath.hasPrefix("/dashboard/orgs/"))
            let overview = String(buffer: try await browser.get(orgPath).body)
            #expect(overview.contains("Dash Org") && overview.contains("<meter"))
            #expect(overview.contains("0 of 1"), "apps against the free plan's limit")

            // An app: a bad redirect URI is reported on its field, then a good one is stored.
            let badApp = try await browser.post(orgPath + "/apps", [
                ("csrf_token", csrf), ("name", "Web"), ("type", "web"), ("redirect_uris", "ftp://nope"), ("allowed_scopes", "openid"),
            ])
            #expect(badApp.status == .badRequest)
            #expect(String(buffer: badApp.body).contains(#"id="redirect_uris-error""#))
            let app = try await browser.post(orgPath + "/apps", [
                ("csrf_token", csrf), ("name", "Web"), ("type", "web"), ("redirect_uris", "https://web.example/cb\nhttp://localhost:3000/cb"),
                ("allowed_scopes", "openid"), ("allowed_scopes", "profile"), ("allowed_scopes", "email"),
            ])
            #expect(app.status == .seeOther)
            let appPage = String(buffer: try await browser.get(DashboardBrowser.location(app)).body)
            #expect(appPage.contains("flowsta_app_") && appPage.contains("https://web.example/cb"))
            let secret = try await browser.post(DashboardBrowser.location(app) + "/secret", [("csrf_token", csrf)])
            #expect(secret.status == .ok)
            #expect(String(buffer: secret.body).contains(#"id="secret-value""#))

            // An API key: read from its one-time reveal and used on the management API.
            let key = try await browser.post(orgPath + "/keys", [("csrf_token", csrf), ("name", "ci")])
            #expect(key.status == .ok)
            let revealed = String(buffer: key.body)
            let secretKey = try #require(revealed.components(separatedBy: #"<code id="secret-value">"#).dropFirst().first?.split(separator: "<").first.map(String.init))
            #expect(secretKey.hasPrefix("fsk_live_"))
            let orgID = String(orgPath.dropFirst("/dashboard/orgs/".count))
            let apps = try await client.execute(uri: "/api/v1/orgs/\(orgID)/apps", method: .get, headers: [.authorization: "Bearer \(secretKey)"])
            #expect(apps.status == .ok)
            #expect((JSON.object(apps.body)["items"] as? [[String: Any]])?.first?["name"] as? String == "Web")
            let keyList = String(buffer: try await browser.get(orgPath + "/keys").body)
            #expect(keyList.contains("ci") && !keyList.contains(secretKey), "the list shows the prefix only")

            // Sign out ends the dashboard session only.
            let signedOut = try await browser.post("/dashboard/signout", [("csrf_token", csrf)])
            #expect(signedOut.status == .ok && String(buffer: signedOut.body).contains(#"id="signin-again""#))
            #expect(try await browser.get("/dashboard").status == .seeOther)
        }
    }

    @Test func membersSeeReadOnlyPages() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            var browser = DashboardBrowser(client: client, accountCookie: try #require(fixture.cookies[.member]))
            try await browser.signIn()
            let org = "/dashboard/orgs/\(fixture.organizationID)"
            for path in [org, org + "/apps", org + "/keys", org + "/webhooks", org + "/apps/\(fixture.appID)"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                let html = String(buffer: page.body)
                #expect(!html.contains(#"method="post" action="/dashboard/orgs"#), "\(path): no form that changes anything")
                #expect(!html.contains("class=\"danger\""), "\(path): no destructive button")
            }
            let home = String(buffer: try await browser.get("/dashboard").body)
            let csrf = try #require(DashboardBrowser.csrf(home))
            let refused = try await browser.post(org + "/keys", [("csrf_token", csrf), ("name", "sneaky")])
            #expect(refused.status == .forbidden)
            // Another organization's pages do not exist for this member.
            #expect(try await browser.get("/dashboard/orgs/\(UUID())").status == .notFound)
        }
    }

    @Test func theCallbackRefusesAForeignOrExpiredFlow() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            var browser = DashboardBrowser(client: client, accountCookie: "")
            let noFlow = try await browser.get("/dashboard/callback?code=x&state=y")
            #expect(noFlow.status == .badRequest)
            _ = try await browser.get("/dashboard/signin?next=https://evil.example/")
            let wrongState = try await browser.get("/dashboard/callback?code=x&state=not-the-state")
            #expect(wrongState.status == .badRequest)
            #expect(browser.cookies["flowsta_dashboard"] == nil)
            #expect(DashboardBrowser.location(try await browser.get("/dashboard/signin?next=//evil.example")).hasPrefix("/oauth/authorize?"))
        }
    }

    /// An admin invites from the team page; the invitee follows the email link, signs in to the
    /// dashboard on the way and accepts; the team page then lists them.
    @Test(arguments: DatabaseChoice.all)
    func invitesAreSentAndAcceptedFromTheEmailLink(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            var admin = DashboardBrowser(client: client, accountCookie: try #require(fixture.cookies[.admin]))
            try await admin.signIn()
            let orgID = fixture.organizationID.uuidString.lowercased()
            let team = "/dashboard/orgs/\(orgID)/team"
            let page = String(buffer: try await admin.get(team).body)
            #expect(page.contains(#"id="invite-form""#) && page.contains(#"id="member-list""#))
            #expect(!page.contains(#"<option value="owner">owner</option>"#), "admins cannot invite owners")
            let csrf = try #require(DashboardBrowser.csrf(page))
            let name = "joiner_\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
            let address = "\(name)@example.org"
            let bad = try await admin.post("/dashboard/orgs/\(fixture.organizationID)/invites", [("csrf_token", csrf), ("email", "not-an-address"), ("role", "member")])
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains(#"id="email-error""#))
            let sent = try await admin.post("/dashboard/orgs/\(fixture.organizationID)/invites", [("csrf_token", csrf), ("email", address), ("role", "member")])
            #expect(DashboardBrowser.location(sent) == team + "?sent=1")
            #expect(String(buffer: try await admin.get(team).body).contains(address))

            let mail = try #require(try await server.runtime.mailer.list().map(\.1).last { $0.to == address })
            let link = try #require(mail.text.split(whereSeparator: \.isWhitespace).first { $0.contains("/invites/accept?token=") }.map(String.init))
            let path = String(link[link.range(of: "/invites/accept")!.lowerBound...])
            let driver = OPAQUEDriver(client: client)
            #expect(try await driver.register(name, "pw \(name)").status == .created)
            var joiner = DashboardBrowser(client: client, accountCookie: try #require(try await driver.login(name, "pw \(name)").cookie))
            let landing = try await joiner.get(path)
            #expect(landing.status == .seeOther)
            let acceptPath = DashboardBrowser.location(landing)
            #expect(acceptPath.hasPrefix("/dashboard/invites/accept?token="))
            let needsSignIn = try await joiner.get(acceptPath)
            #expect(DashboardBrowser.location(needsSignIn).hasPrefix("/dashboard/signin?next="))
            #expect(try await joiner.signIn(following: needsSignIn) == acceptPath, "back to the invite after signing in")
            let acceptPage = String(buffer: try await joiner.get(acceptPath).body)
            let orgName = try await server.runtime.platform.organization(.user(try #require(fixture.userIDs[.admin])), fixture.organizationID).name
            #expect(acceptPage.contains("<h1>Join \(orgName)</h1>") && acceptPage.contains("as a <strong>member</strong>"), "the page names the organization and the role")
            let unknown = try await joiner.get("/dashboard/invites/accept?token=" + String(repeating: "A", count: 43))
            #expect(unknown.status == .notFound, "an unknown token names nothing")
            let token = try #require(acceptPage.components(separatedBy: #"name="token" value=""#).dropFirst().first?.split(separator: "\"").first.map(String.init))
            let accepted = try await joiner.post("/dashboard/invites/accept", [("csrf_token", try #require(DashboardBrowser.csrf(acceptPage))), ("token", token)])
            #expect(DashboardBrowser.location(accepted) == "/dashboard/orgs/\(orgID)")
            let members = String(buffer: try await admin.get(team).body)
            #expect(members.contains(name) && !members.contains(address), "a member now, no longer an invite")
        }
    }

    @Test func usageMAUAndAuditPagesShowTheNumbers() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let runtime = server.runtime
            for _ in 0..<3 { #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(fixture.organizationID)/apps").status == .ok) }
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(fixture.organizationID)/apps/\(UUID())").status == .notFound)
            await FlowstaApplication.flushUsage(runtime: runtime)
            let month = runtime.mau.currentMonth()
            let ids = (0..<4).map { _ in AnalyticsID(bytes: (0..<16).map { _ in UInt8.random(in: 0...255) })! }
            #expect(try await runtime.mau.record(ids.map { MAUEntry(analyticsID: $0, appID: fixture.appID, organizationID: fixture.organizationID, month: month) }) == 4)

            var browser = DashboardBrowser(client: client, accountCookie: try #require(fixture.cookies[.member]))
            try await browser.signIn()
            let org = "/dashboard/orgs/\(fixture.organizationID)"
            let usage = String(buffer: try await browser.get(org + "/usage?days=7").body)
            for id in ["requests-chart", "errors-chart", "latency-chart"] { #expect(usage.contains(#"id="\#(id)""#), "\(id)") }
            #expect(usage.contains(#"<svg class="chart""#) && usage.contains(#"role="img""#) && !usage.contains("style="))
            // The numbers behind the charts: 4 management requests, one of them a 404 (25 %).
            #expect(usage.contains(#"<th scope="row">management</th><td data-label="Requests">4</td><td data-label="4xx">1</td><td data-label="5xx">0</td><td data-label="Error rate">25.00 %</td>"#))
            #expect(try await browser.get(org + "/usage?app=\(UUID())").status == .notFound)
            #expect(try await browser.get(org + "/usage?days=1&app=\(fixture.appID)").status == .ok)

            let mau = String(buffer: try await browser.get(org + "/mau").body)
            #expect(mau.contains(#"<strong id="mau-total">4</strong>"#))
            #expect(mau.contains("<th scope=\"row\">\(month)</th><td>4</td>"))

            let audit = String(buffer: try await browser.get(org + "/audit").body)
            #expect(audit.contains("organization.created") && audit.contains("api_key.created") && audit.contains("app.created"))
            // Keys are named as the keys page names them, not by an id.
            let keys = try await server.runtime.platform.listKeys(.user(try #require(fixture.userIDs[.owner])), fixture.organizationID, page: PageRequest(limit: 100)).items
            let spare = try #require(keys.first { $0.id == fixture.spareKeyID })
            #expect(audit.contains("API key \u{201C}\(spare.name)\u{201D} (\(spare.prefix)…)"), "the key's audit entries name it")
            let logs = String(buffer: try await browser.get(org + "/logs").body)
            #expect(logs.contains("<td data-label=\"Caller\">API key \u{201C}"), "log rows made with a key name it")

            let billing = String(buffer: try await browser.get(org + "/billing").body)
            #expect(billing.contains(#"<tr class="current"><th scope="row">pro <span class="badge">current</span></th>"#), "the current plan is marked")
            #expect(billing.contains(#"id="billing-off""#) && billing.contains("flowsta orgs set-plan"), "billing is not configured here")
            #expect(billing.contains(#"<td data-label="Team seats">5</td>"#) && billing.contains(#"<td data-label="Apps">unlimited</td>"#))
        }
    }

    @Test func chartsEscapeTheirTextAndScaleToNiceNumbers() {
        let chart = SVGChart(
            id: "c", title: "<script>alert(1)</script>", kind: .lines, labels: ["a&b", "x", "y"],
            series: [SVGChart.Series(name: "s", values: [3, nil, 7])], format: { String($0) }
        ).html()
        #expect(!chart.contains("<script>") && chart.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(chart.contains("a&amp;b") && !chart.contains("style="))
        #expect(SVGChart.niceCeiling(7) == 10 && SVGChart.niceCeiling(130) == 200 && SVGChart.niceCeiling(0) == 1)
    }

    @Test(arguments: DatabaseChoice.all)
    func logsNoticesExportsDeletionAndRestore(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let orgID = fixture.organizationID.uuidString.lowercased()
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(orgID)/apps").status == .ok)
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(orgID)/apps/\(UUID())").status == .notFound)
            await FlowstaApplication.flushUsage(runtime: server.runtime)
            let title = "Dashboard notice \(UUID().uuidString.prefix(8))"
            _ = try await server.runtime.notices.publish(kind: .api, title: title, body: "v2 arrives.", effectiveAt: Date())

            var member = DashboardBrowser(client: client, accountCookie: try #require(fixture.cookies[.member]))
            try await member.signIn()
            let org = "/dashboard/orgs/\(orgID)"
            let logs = String(buffer: try await member.get(org + "/logs").body)
            #expect(logs.contains("GET /api/v1/orgs/{org}/apps/{app}") && logs.contains("GET /api/v1/orgs/{org}/apps</code>"))
            let failed = String(buffer: try await member.get(org + "/logs?status=4xx").body)
            #expect(failed.contains(#"<strong class="bad">404</strong>"#) && !failed.contains("/apps</code>"), "only the 404")
            #expect(try await member.get(org + "/logs?status=teapot").status == .badRequest)
            #expect(String(buffer: try await member.get("/dashboard/notices").body).contains(title))
            #expect(try await member.get(org + "/export").status == .forbidden, "owners export the account data")
            let csv = try await member.get(org + "/usage/export?format=csv&days=7")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(String(buffer: csv.body).hasPrefix("period_start,route_group,requests"))
            #expect(!String(buffer: try await member.get(org + "/settings").body).contains("delete-form"), "members cannot delete")

            var owner = DashboardBrowser(client: client, accountCookie: try #require(fixture.cookies[.owner]))
            try await owner.signIn()
            let export = try await owner.get(org + "/export")
            #expect(export.status == .ok && export.headers[.init("Content-Disposition")!]?.hasPrefix("attachment;") == true)
            #expect((JSON.object(export.body)["organization"] as? [String: Any])?["id"] as? String == orgID)
            let settings = String(buffer: try await owner.get(org + "/settings").body)
            let csrf = try #require(DashboardBrowser.csrf(settings))
            let wrongName = try await owner.post(org + "/delete", [("csrf_token", csrf), ("confirm_name", "not it")])
            #expect(wrongName.status == .badRequest && String(buffer: wrongName.body).contains(#"id="confirm_name-error""#))
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(orgID)/apps").status == .ok, "nothing deleted yet")
            let name = try #require(JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(orgID)").body)["name"] as? String)
            #expect(DashboardBrowser.location(try await owner.post(org + "/delete", [("csrf_token", csrf), ("confirm_name", name)])) == org + "/settings")
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(orgID)/apps").status == .gone)
            #expect(DashboardBrowser.location(try await owner.get(org)) == org + "/settings", "a deleted organization opens on its restore page")
            let deleted = String(buffer: try await owner.get(org + "/settings").body)
            #expect(deleted.contains("restore-organization") && deleted.contains("notice-bar"))
            #expect(try await member.get(org + "/apps").status == .gone)
            #expect(DashboardBrowser.location(try await owner.post(org + "/restore", [("csrf_token", csrf)])) == org)
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(orgID)/apps").status == .ok)
        }
    }
}
