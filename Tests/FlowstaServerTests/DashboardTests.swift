import FlowstaCore
import FlowstaOAuth
import FlowstaServer
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
        let answer = try await post("/oauth/authorize", OAuthBrowserSession.hiddenInputs(html))
        #expect(answer.status == .seeOther)
        let callback = try #require(answer.headers[.location])
        let url = try #require(URLComponents(string: callback))
        #expect(url.path == "/dashboard/callback")
        let done = try await get(url.path + "?" + (url.percentEncodedQuery ?? ""))
        #expect(done.status == .seeOther)
        #expect(done.headers[.location] == "/dashboard")
        #expect(cookies["flowsta_dashboard"] != nil)
        #expect(cookies["flowsta_dashboard_flow"] == nil, "the flow cookie is cleared")
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
            #expect(try await browser.post("/dashboard/signout", [("csrf_token", csrf)]).status == .seeOther)
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
            for path in [org, org + "/apps", org + "/keys", org + "/apps/\(fixture.appID)"] {
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
}
