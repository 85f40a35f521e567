import Crypto
import FlowstaClient
import FlowstaCore
import FlowstaOAuth
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// What a browser does on the hosted pages, scripted: follow authorize, read the consent
/// form, post it back. Plus a registered app to authorize.
struct OAuthBrowserSession {
    static let redirect = "https://rp.example/callback"
    static let verifier = "verifier-" + String(repeating: "x", count: 50)

    let client: any TestClientProtocol
    let cookie: String
    let clientID: String

    /// A pro-plan organization with a public app allowing `openid profile email offline_access`.
    static func make(_ server: TestServer, _ client: any TestClientProtocol) async throws -> (OAuthBrowserSession, ManagementFixture) {
        let fixture = try await ManagementFixture.make(server, client)
        let app = try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/apps", [
            "name": "Relying Party", "type": "web", "redirect_uris": [redirect],
            "allowed_scopes": ["openid", "profile", "email", "offline_access"],
        ])
        #expect(app.status == .created)
        let clientID = try #require(JSON.object(app.body)["client_id"] as? String)
        return (OAuthBrowserSession(client: client, cookie: fixture.cookies[.member]!, clientID: clientID), fixture)
    }

    func authorizeURI(scope: String = "openid profile offline_access", extra: String = "") -> String {
        let query = [
            ("response_type", "code"), ("client_id", clientID), ("redirect_uri", Self.redirect), ("scope", scope),
            ("state", "xyz"), ("nonce", "n1"), ("code_challenge", PKCE.challenge(for: Self.verifier)), ("code_challenge_method", "S256"),
        ]
        return "/oauth/authorize?" + FormEncoding.encode(pairs: query) + extra
    }

    func get(_ uri: String, cookie: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let cookie = cookie ?? Optional(self.cookie), !cookie.isEmpty { headers[.cookie] = "flowsta_session=\(cookie)" }
        return try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
    }

    func postForm(_ uri: String, _ pairs: [(String, String)], headers extra: HTTPFields = [:], cookie: Bool = true) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if cookie { headers[.cookie] = "flowsta_session=\(self.cookie)" }
        headers.append(contentsOf: extra)
        let body = FormEncoding.encode(pairs: pairs)
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// The hidden inputs of the page's form (name → value).
    static func hiddenInputs(_ html: String) -> [(String, String)] {
        let pattern = try! NSRegularExpression(pattern: #"<input type="hidden" name="([^"]+)" value="([^"]*)">"#)
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).map { match in
            (String(html[Range(match.range(at: 1), in: html)!]), unescape(String(html[Range(match.range(at: 2), in: html)!])))
        }
    }

    static func unescape(_ value: String) -> String {
        value.replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&#x3D;", with: "=")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Authorize → consent page → allow; returns the redirect's query.
    /// - Parameter analytics: the user's analytics root: the id the page script would put in
    ///   `analytics_id` is derived from it for the page's month.
    func consent(scope: String = "openid profile offline_access", shareEmail: Bool = false, analytics: SymmetricKey? = nil) async throws -> [String: String] {
        let answer = try await consentAnswer(scope: scope, shareEmail: shareEmail, analytics: analytics)
        #expect(answer.status == .seeOther)
        return Self.query(try #require(answer.headers[.location]))
    }

    /// The consent page's "allow", answered as is.
    func consentAnswer(scope: String = "openid profile offline_access", shareEmail: Bool = false, analytics: SymmetricKey? = nil) async throws -> TestResponse {
        let page = try await get(authorizeURI(scope: scope))
        #expect(page.status == .ok)
        let inputs = Self.hiddenInputs(String(buffer: page.body))
        var form = Self.withAnalyticsID(inputs, analytics.flatMap { Self.analyticsID($0, inputs) })
        form.append(("decision", "allow"))
        if shareEmail { form.append(("share_email", "yes")) }
        return try await postForm("/oauth/consent", form)
    }

    /// What the page script computes: the id for the form's client and month.
    static func analyticsID(_ root: SymmetricKey, _ inputs: [(String, String)]) -> String? {
        let values = Dictionary(inputs, uniquingKeysWith: { first, _ in first })
        return FlowstaAnalytics.analyticsID(root: root, clientID: values["client_id"] ?? "", month: values["analytics_month"] ?? "")
    }

    /// Posts the pass-through page of a remembered consent as its script does.
    func passThrough(_ page: TestResponse, analytics: SymmetricKey? = nil) async throws -> TestResponse {
        let html = String(buffer: page.body)
        #expect(html.contains(#"data-analytics="auto""#), "a remembered consent shows the pass-through page")
        let inputs = Self.hiddenInputs(html)
        return try await postForm("/oauth/consent", Self.withAnalyticsID(inputs, analytics.flatMap { Self.analyticsID($0, inputs) }))
    }

    /// Authorize with consent on record → pass-through page → its approval; returns the
    /// redirect's query.
    func again(scope: String = "openid profile offline_access", analytics: SymmetricKey? = nil) async throws -> [String: String] {
        let page = try await get(authorizeURI(scope: scope))
        #expect(page.status == .ok)
        let answer = try await passThrough(page, analytics: analytics)
        #expect(answer.status == .seeOther)
        return Self.query(try #require(answer.headers[.location]))
    }

    static func withAnalyticsID(_ form: [(String, String)], _ id: String?) -> [(String, String)] {
        form.map { $0.0 == "analytics_id" ? ($0.0, id ?? "") : $0 }
    }

    func token(_ pairs: [(String, String)]) async throws -> TestResponse {
        try await postForm("/oauth/token", pairs + [("client_id", clientID)], cookie: false)
    }

    static func query(_ url: String) -> [String: String] {
        Dictionary(URLComponents(string: url)?.queryItems?.map { ($0.name, $0.value ?? "") } ?? [], uniquingKeysWith: { $1 })
    }
}
