import FlowstaHTTP
import FlowstaAccounts
import FlowstaBilling
import FlowstaCore
import FlowstaCrypto
import FlowstaOAuth
import FlowstaPlatform
import FlowstaUsage
import Foundation
import Hummingbird

/// `/dashboard`: the developer dashboard, server-rendered. It is an OAuth client of this server
/// like any other ("Sign in with Flowsta": authorization code with PKCE through the hosted
/// sign-in page, where OPAQUE runs in the browser), with its own session cookie. Every change
/// is a form with a CSRF token, and goes through the same ``PlatformService`` calls (and role
/// checks) as the management API.
struct DashboardController {
    let accounts: AccountService
    let platform: PlatformService
    let oauth: OAuthProvider
    let mau: MAUService
    let usage: UsageService
    let logs: any APILogRepository
    let notices: NoticeService
    /// Billing through Stripe, `nil` when off.
    let billing: BillingService?
    let billingRecords: any BillingRepository
    /// Origins the billing page's forms may redirect to (Stripe Checkout and the portal).
    let billingOrigins: [String]
    let keyRing: KeyRing
    let issuer: String
    let cookies: SessionCookies
    let csrf: CSRFTokens
    let pages: PageRenderer
    let time: any TimeSource


    var redirectURI: String { issuer + "/dashboard/callback" }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("dashboard/signin", use: signIn)
        router.get("dashboard/callback", use: callback)
        let group = router.group("dashboard").add(middleware: DashboardSessionMiddleware(accounts: accounts, cookies: cookies))
        group.get("", use: home)
        group.post("signout", use: signOut)
        group.post("orgs", use: createOrganization)
        group.get("orgs/:org", use: organization)
        group.post("orgs/:org", use: updateOrganization)
        group.post("orgs/:org/second-factor", use: updateSecondFactorPolicy)
        group.get("orgs/:org/apps", use: apps)
        group.post("orgs/:org/apps", use: createApp)
        group.get("orgs/:org/apps/:app", use: app)
        group.post("orgs/:org/apps/:app", use: updateApp)
        group.post("orgs/:org/apps/:app/secret", use: issueSecret)
        group.post("orgs/:org/apps/:app/active", use: setActive)
        group.post("orgs/:org/apps/:app/delete", use: deleteApp)
        addBillingRoutes(to: group)
        group.get("orgs/:org/keys", use: keys)
        group.post("orgs/:org/keys", use: createKey)
        group.post("orgs/:org/keys/:key/rotate", use: rotateKey)
        group.post("orgs/:org/keys/:key/revoke", use: revokeKey)
        addWebhookRoutes(to: group)
        addTeamRoutes(to: group, router: router)
        addUsageRoutes(to: group)
        addDataRoutes(to: group)
    }

    // MARK: Sign in with Flowsta

    /// What the dashboard remembers between sending the browser to `/oauth/authorize` and the
    /// callback: sealed into a short-lived cookie, so no server state is needed.
    struct Flow: Codable {
        var state: String
        var verifier: String
        var nonce: String
        var next: String
    }

    static let flowLifetime = 600

    /// `GET /dashboard/signin`: starts the authorization code flow with PKCE.
    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = SameOriginPath.or("/dashboard", request.uri.queryParameters["next"].map(String.init), issuer: issuer, prefix: "/dashboard")
        let flow = Flow(
            state: Base64URL.encode(SecureRandom.bytes(16)), verifier: Base64URL.encode(SecureRandom.bytes(32)),
            nonce: Base64URL.encode(SecureRandom.bytes(16)), next: next
        )
        let sealed = try keyRing.seal(Array(try JSONEncoder().encode(flow)), context: "dashboard.flow")
        let query = FormEncoding.encode(pairs: [
            ("response_type", "code"), ("client_id", FirstPartyApp.dashboardClientID), ("redirect_uri", redirectURI),
            ("scope", "openid profile"), ("state", flow.state), ("nonce", flow.nonce),
            ("code_challenge", PKCE.challenge(for: flow.verifier)), ("code_challenge_method", "S256"),
        ])
        var response = Response(status: .seeOther, headers: [.location: "/oauth/authorize?" + query, .cacheControl: "no-store"])
        response.setCookie(cookies.cookie(SessionCookies.dashboardFlow, value: Base64URL.encode(sealed), maxAge: Self.flowLifetime))
        return response
    }

    /// `GET /dashboard/callback`: checks `state`, redeems the code at the token endpoint's logic
    /// (PKCE verifier, redirect URI, client id), resolves the user from the access token and
    /// opens a dashboard session.
    @Sendable func callback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let raw = cookies.value(SessionCookies.dashboardFlow, in: request), let sealed = Base64URL.decode(raw),
              let opened = try? keyRing.open(sealed, context: "dashboard.flow"),
              let flow = try? JSONDecoder().decode(Flow.self, from: Data(opened)),
              let state = query["state"], ConstantTime.equal(String(state), flow.state) else {
            return failure("This sign-in link has expired", "Start again from the dashboard.", status: .badRequest)
        }
        if let error = query["error"] {
            let reason = error == "access_denied" ? "The sign-in was cancelled." : "The sign-in did not complete (\(error))."
            return failure("Not signed in", reason, status: .badRequest)
        }
        guard let code = query["code"] else { return failure("Not signed in", "The sign-in answer had no code.", status: .badRequest) }
        let tokens: TokenResponse
        do {
            tokens = try await oauth.token(
                OAuthParameters(pairs: [
                    ("grant_type", "authorization_code"), ("code", String(code)), ("redirect_uri", redirectURI), ("code_verifier", flow.verifier),
                ]),
                credentials: ClientCredentials(basic: nil, bodyID: FirstPartyApp.dashboardClientID, bodySecret: nil)
            )
        } catch {
            return failure("Not signed in", "The sign-in code was not accepted; start again.", status: .badRequest)
        }
        let userID = try await oauth.user(ofAccessToken: tokens.accessToken, clientID: FirstPartyApp.dashboardClientID)
        let session = try await accounts.openSession(userID: userID)
        var response = Response(status: .seeOther, headers: [.location: flow.next, .cacheControl: "no-store"])
        response.setCookie(cookies.cookie(SessionCookies.dashboard, value: session.token, maxAge: Int(session.expiresAt.timeIntervalSince(time.now))))
        response.setCookie(cookies.cookie(SessionCookies.dashboardFlow, value: "", maxAge: 0))
        return response
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        try await accounts.logout(session)
        // A page, not a redirect to the sign-in flow: the account session of the hosted pages
        // would sign the user straight back in (the dashboard needs no consent screen).
        var response = render(DashboardFrame(title: "Signed out"), Dashboard.SignedOut())
        response.setCookie(cookies.cookie(SessionCookies.dashboard, value: "", maxAge: 0))
        return response
    }

    // MARK: Shared

    func requireSession(_ context: AppRequestContext) throws -> AuthenticatedSession {
        guard let session = context.session else { throw DashboardSignInRequired() }
        return session
    }

    /// The session and the form of a POST, after its CSRF check.
    func form(_ request: Request, _ context: AppRequestContext) async throws -> (AuthenticatedSession, HTMLForm) {
        let session = try requireSession(context)
        let body = try await OAuthRequestParsing.formBody(request)
        let form = HTMLForm(pairs: OAuthRequestParsing.formPairs(body))
        guard csrf.isValid(form.first("csrf_token"), for: session) else { throw DashboardCSRFFailure() }
        return (session, form)
    }

    func loadOrganization(_ session: AuthenticatedSession, _ context: AppRequestContext) async throws -> OrganizationView {
        try await platform.organization(.user(session.user.id), try Self.uuid("org", context))
    }

    /// The layout's values: user, CSRF token, and the organization's navigation.
    func frame(_ session: AuthenticatedSession, title: String, org: OrganizationView? = nil, tab: DashboardTab? = nil) -> DashboardFrame {
        DashboardFrame(
            title: title, user: session.user.username, csrf: csrf.token(for: session), org: org.map { DashboardFrame.Organization($0, tab: tab) },
            deleted: org?.restorableUntil.map(UTCDay.string(from:))
        )
    }

    /// A page: `content` inside the layout.
    func render(_ frame: DashboardFrame, _ content: some DashboardContent, status: HTTPResponse.Status = .ok, formTargets: [String] = []) -> Response {
        pages.render(DashboardPage(frame: frame, content: content), status: status, formTargets: formTargets)
    }

    func failure(_ heading: String, _ description: String, status: HTTPResponse.Status) -> Response {
        DashboardErrors.page(heading, description, status: status)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }

    static func uuid(_ name: String, _ context: AppRequestContext) throws -> UUID {
        guard let raw = context.parameters.get(name), let id = UUID(uuidString: raw) else { throw PlatformError.notFound }
        return id
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }


    static func status(_ error: PlatformError) -> HTTPResponse.Status { error.status }

    /// Puts a validation message next to the field it names (messages start with the field's
    /// name, e.g. "redirect_uris: …" or "name must be …"), else at the top of the form.
    static func fieldErrors(_ error: PlatformError, fields: [String]) -> [String: String] {
        let message = error.publicDescription
        let lowered = message.lowercased()
        if let field = fields.first(where: { lowered.hasPrefix($0) || lowered.hasPrefix($0.replacingOccurrences(of: "_", with: " ")) }) {
            return [field: message]
        }
        if fields.contains("redirect_uris"), lowered.contains("redirect") { return ["redirect_uris": message] }
        if fields.contains("allowed_scopes"), lowered.contains("scope") { return ["allowed_scopes": message] }
        if fields.contains("contact_email"), lowered.contains("email") { return ["contact_email": message] }
        return ["form": message]
    }
}
