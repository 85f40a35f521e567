import FlowstaAccounts
import FlowstaBilling
import FlowstaCore
import FlowstaCrypto
import FlowstaOAuth
import FlowstaPlatform
import FlowstaStore
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
            ("response_type", "code"), ("client_id", FirstPartyApps.dashboardClientID), ("redirect_uri", redirectURI),
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
                credentials: ClientCredentials(basic: nil, bodyID: FirstPartyApps.dashboardClientID, bodySecret: nil)
            )
        } catch {
            return failure("Not signed in", "The sign-in code was not accepted; start again.", status: .badRequest)
        }
        let userID = try await oauth.user(ofAccessToken: tokens.accessToken, clientID: FirstPartyApps.dashboardClientID)
        let session = try await accounts.openSession(userID: userID)
        var response = Response(status: .seeOther, headers: [.location: flow.next, .cacheControl: "no-store"])
        response.setCookie(cookies.cookie(SessionCookies.dashboard, value: session.token, maxAge: Int(session.expiresAt.timeIntervalSinceNow)))
        response.setCookie(cookies.cookie(SessionCookies.dashboardFlow, value: "", maxAge: 0))
        return response
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        try await accounts.logout(session)
        // A page, not a redirect to the sign-in flow: the account session of the hosted pages
        // would sign the user straight back in (the dashboard needs no consent screen).
        var response = pages.render("dash-signedout", ["title": "Signed out"])
        response.setCookie(cookies.cookie(SessionCookies.dashboard, value: "", maxAge: 0))
        return response
    }

    // MARK: Organizations

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        return try await homePage(session, values: [:], errors: [:], status: .ok)
    }

    func homePage(_ session: AuthenticatedSession, values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let organizations = try await PlatformService.everything({ page in
            try await platform.listOrganizations(.user(session.user.id), page: page).items
        }) { ($0.createdAt, $0.id) }
        var context = base(session, title: "Organizations")
        context["hasOrganizations"] = !organizations.isEmpty
        context["organizations"] = organizations.map { org -> [String: Any] in
            ["id": Self.id(org.id), "name": org.name, "role": org.role?.rawValue ?? "", "plan": org.plan.rawValue, "deleted": org.deletedAt != nil]
        }
        context["values"] = values
        context["errors"] = errors
        return pages.render("dash-home", context, status: status)
    }

    @Sendable func createOrganization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let name = form.first("name") ?? ""
        let contact = form.first("contact_email").flatMap { $0.isEmpty ? nil : $0 }
        do {
            let created = try await platform.createOrganization(.user(session.user.id), name: name, contactEmail: contact, billingAddress: nil)
            return Self.redirect("/dashboard/orgs/\(Self.id(created.id))")
        } catch let error as PlatformError {
            let errors = Self.fieldErrors(error, fields: ["name", "contact_email"])
            return try await homePage(session, values: ["name": name, "contact_email": contact ?? ""], errors: errors, status: Self.status(error))
        }
    }

    @Sendable func organization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        // A deleted organization shows its restore page; nothing else works until then.
        if org.deletedAt != nil { return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/settings") }
        let saved = request.uri.queryParameters["saved"] != nil
        return try await organizationPage(session, org, values: Self.businessValues(org), errors: [:], saved: saved, status: .ok)
    }

    func organizationPage(
        _ session: AuthenticatedSession, _ org: OrganizationView, values: [String: String], errors: [String: String], saved: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        var context = base(session, title: org.name, org: org, nav: "navOverview")
        context["meters"] = try await planMeters(session, org)
        context["canManage"] = org.allows(.manageOrganization)
        context["values"] = values
        context["errors"] = errors
        context["saved"] = saved
        return pages.render("dash-org", context, status: status)
    }

    @Sendable func updateOrganization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let values = ["name": form.first("name") ?? "", "contact_email": form.first("contact_email") ?? "", "billing_address": form.first("billing_address") ?? ""]
        let update = OrganizationUpdate(
            name: values["name"], contactEmail: .some(Self.nonEmpty(values["contact_email"])), billingAddress: .some(Self.nonEmpty(values["billing_address"]))
        )
        do {
            _ = try await platform.updateOrganization(.user(session.user.id), org.id, update)
            await billing?.syncCustomer(org.id)
            return Self.redirect("/dashboard/orgs/\(Self.id(org.id))?saved=1")
        } catch let error as PlatformError {
            let errors = Self.fieldErrors(error, fields: ["name", "contact_email", "billing_address"])
            return try await organizationPage(session, org, values: values, errors: errors, saved: false, status: Self.status(error))
        }
    }

    static func businessValues(_ org: OrganizationView) -> [String: String] {
        ["name": org.name, "contact_email": org.contactEmail ?? "", "billing_address": org.billingAddress ?? ""]
    }

    /// The plan's limits against what the organization uses now (overview and billing pages).
    func planMeters(_ session: AuthenticatedSession, _ org: OrganizationView) async throws -> [[String: Any]] {
        let month = mau.currentMonth()
        let use = try await platform.planUsage(.user(session.user.id), org.id) { id in try await mau.organizationTotal(organizationID: id, month: month) }
        return [
            Self.meter("Apps", use.apps, org.plan.appLimit),
            Self.meter("Team seats (members and pending invites)", use.seats, org.plan.seatLimit),
            Self.meter("Monthly active users (\(month))", use.monthlyActiveUsers, org.plan.monthlyActiveUsers),
        ]
    }

    static func meter(_ label: String, _ value: Int, _ limit: Int?) -> [String: Any] {
        let text = limit.map { "\(value.formatted()) of \($0.formatted())" } ?? "\(value.formatted()) (no limit)"
        return ["label": label, "value": value, "max": max(limit ?? max(value, 1), 1), "text": text]
    }

    // MARK: Apps

    @Sendable func apps(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        return try await appsPage(session, org, values: ["redirect_uris": "https://"], scopes: ["openid", "profile"], type: .web, errors: [:], status: .ok)
    }

    func appsPage(
        _ session: AuthenticatedSession, _ org: OrganizationView, values: [String: String], scopes: [String], type: AppType,
        errors: [String: String], status: HTTPResponse.Status
    ) async throws -> Response {
        let list = try await allApps(session, org)
        var context = base(session, title: "Apps · \(org.name)", org: org, nav: "navApps")
        context["hasApps"] = !list.isEmpty
        context["apps"] = list.map { app -> [String: Any] in
            ["id": Self.id(app.id), "orgID": Self.id(org.id), "name": app.name, "clientID": app.clientID, "type": app.type.rawValue, "active": app.active]
        }
        context["canManage"] = org.allows(.manageApps)
        Self.appForm(&context, values: values, scopes: scopes, type: type, errors: errors)
        return pages.render("dash-apps", context, status: status)
    }

    static func appForm(_ context: inout [String: Any], values: [String: String], scopes: [String], type: AppType, errors: [String: String]) {
        context["values"] = values
        context["errors"] = errors
        context["types"] = AppType.allCases.map { ["value": $0.rawValue, "label": $0.rawValue.capitalized, "checked": $0 == type] as [String: Any] }
        context["scopes"] = Scopes.supported.sorted().map { ["value": $0, "checked": scopes.contains($0)] as [String: Any] }
    }

    /// The app settings a form carries (empty optional fields clear them).
    static func appSettings(_ form: HTMLForm) -> (settings: AppSettings, values: [String: String], scopes: [String], type: AppType) {
        let redirects = (form.first("redirect_uris") ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let scopes = form.all("allowed_scopes")
        let type = form.first("type").flatMap(AppType.init(rawValue:))
        let values = [
            "name": form.first("name") ?? "", "description": form.first("description") ?? "", "redirect_uris": form.first("redirect_uris") ?? "",
            "logo_url": form.first("logo_url") ?? "", "privacy_url": form.first("privacy_url") ?? "", "terms_url": form.first("terms_url") ?? "",
        ]
        let settings = AppSettings(
            name: values["name"], description: .some(nonEmpty(values["description"])), type: type, redirectURIs: redirects, allowedScopes: scopes,
            logoURL: .some(nonEmpty(values["logo_url"])), privacyURL: .some(nonEmpty(values["privacy_url"])), termsURL: .some(nonEmpty(values["terms_url"]))
        )
        return (settings, values, scopes, type ?? .web)
    }

    static let appFields = ["name", "description", "type", "redirect_uris", "allowed_scopes", "logo_url", "privacy_url", "terms_url"]

    @Sendable func createApp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let input = Self.appSettings(form)
        do {
            let created = try await platform.createApp(.user(session.user.id), org.id, input.settings)
            return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/apps/\(Self.id(created.id))")
        } catch let error as PlatformError {
            return try await appsPage(
                session, org, values: input.values, scopes: input.scopes, type: input.type,
                errors: Self.fieldErrors(error, fields: Self.appFields), status: Self.status(error)
            )
        }
    }

    @Sendable func app(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        let app = try await platform.app(.user(session.user.id), org.id, try Self.uuid("app", context))
        return appPage(session, org, app, values: Self.values(of: app), scopes: app.allowedScopes, type: app.type, errors: [:],
                       saved: request.uri.queryParameters["saved"] != nil, status: .ok)
    }

    func appPage(
        _ session: AuthenticatedSession, _ org: OrganizationView, _ app: StoredApp, values: [String: String], scopes: [String], type: AppType,
        errors: [String: String], saved: Bool, status: HTTPResponse.Status
    ) -> Response {
        var context = base(session, title: "\(app.name) · \(org.name)", org: org, nav: "navApps")
        context["app"] = [
            "id": Self.id(app.id), "name": app.name, "clientID": app.clientID, "confidential": app.secretHash != nil, "active": app.active,
            "redirectURIs": app.redirectURIs, "allowedScopes": app.allowedScopes,
        ] as [String: Any]
        context["canManage"] = org.allows(.manageApps)
        context["saved"] = saved
        Self.appForm(&context, values: values, scopes: scopes, type: type, errors: errors)
        return pages.render("dash-app", context, status: status)
    }

    static func values(of app: StoredApp) -> [String: String] {
        [
            "name": app.name, "description": app.description ?? "", "redirect_uris": app.redirectURIs.joined(separator: "\n"),
            "logo_url": app.logoURL ?? "", "privacy_url": app.privacyURL ?? "", "terms_url": app.termsURL ?? "",
        ]
    }

    @Sendable func updateApp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let appID = try Self.uuid("app", context)
        let current = try await platform.app(.user(session.user.id), org.id, appID)
        let input = Self.appSettings(form)
        do {
            _ = try await platform.updateApp(.user(session.user.id), org.id, appID, input.settings)
            return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/apps/\(Self.id(appID))?saved=1")
        } catch let error as PlatformError {
            return appPage(session, org, current, values: input.values, scopes: input.scopes, type: input.type,
                           errors: Self.fieldErrors(error, fields: Self.appFields), saved: false, status: Self.status(error))
        }
    }

    @Sendable func issueSecret(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let appID = try Self.uuid("app", context)
        let issued = try await platform.rotateClientSecret(.user(session.user.id), org.id, appID)
        var page = base(session, title: "Client secret", org: org, nav: "navApps")
        page["heading"] = "The client secret of \(issued.app.name)"
        page["secret"] = issued.secret
        page["back"] = "/dashboard/orgs/\(Self.id(org.id))/apps/\(Self.id(appID))"
        return pages.render("dash-reveal", page)
    }

    @Sendable func setActive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let appID = try Self.uuid("app", context)
        _ = try await platform.updateApp(.user(session.user.id), org.id, appID, AppSettings(active: form.first("active") == "true"))
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/apps/\(Self.id(appID))")
    }

    @Sendable func deleteApp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let appID = try Self.uuid("app", context)
        guard form.first("confirm") == "yes" else {
            let app = try await platform.app(.user(session.user.id), org.id, appID)
            return appPage(session, org, app, values: Self.values(of: app), scopes: app.allowedScopes, type: app.type,
                           errors: ["confirm": "Tick the box to confirm the deletion."], saved: false, status: .badRequest)
        }
        try await platform.deleteApp(.user(session.user.id), org.id, appID)
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/apps")
    }

    // MARK: API keys

    @Sendable func keys(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        return try await keysPage(session, org, values: [:], errors: [:], status: .ok)
    }

    /// Every app of the organization, oldest first.
    func allApps(_ session: AuthenticatedSession, _ org: OrganizationView) async throws -> [StoredApp] {
        try await PlatformService.everything({ page in
            try await platform.listApps(.user(session.user.id), org.id, page: page).items
        }) { ($0.createdAt, $0.id) }
    }

    /// Every key of the organization, revoked ones included, oldest first.
    func allKeys(_ session: AuthenticatedSession, _ org: OrganizationView) async throws -> [APIKeyView] {
        try await PlatformService.everything({ page in
            try await platform.listKeys(.user(session.user.id), org.id, page: page).items
        }) { ($0.createdAt, $0.id) }
    }

    /// How logs and the audit log name a key: as the keys page shows it, name and prefix.
    func keyLabels(_ session: AuthenticatedSession, _ org: OrganizationView) async throws -> [UUID: String] {
        Dictionary(try await allKeys(session, org).map { ($0.id, "API key \u{201C}\($0.name)\u{201D} (\($0.prefix)…)") }, uniquingKeysWith: { first, _ in first })
    }

    func keysPage(_ session: AuthenticatedSession, _ org: OrganizationView, values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let list = try await allKeys(session, org)
        let now = time.now
        var context = base(session, title: "API keys · \(org.name)", org: org, nav: "navKeys")
        context["hasKeys"] = !list.isEmpty
        context["keys"] = list.reversed().map { key -> [String: Any] in
            let expired = key.expiresAt.map { $0 <= now } ?? false
            let status = key.revoked ? "revoked" : expired ? "expired" : key.expiresAt.map { "expires \(UTCDay.string(from: $0))" } ?? "active"
            return [
                "id": Self.id(key.id), "orgID": Self.id(org.id), "name": key.name, "prefix": key.prefix, "created": UTCDay.string(from: key.createdAt),
                "lastUsed": key.lastUsedDay ?? "", "status": status, "live": !key.revoked && !expired,
            ]
        }
        context["canManage"] = org.allows(.manageKeys)
        context["values"] = values
        context["errors"] = errors
        return pages.render("dash-keys", context, status: status)
    }

    @Sendable func createKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let name = form.first("name") ?? ""
        do {
            let created = try await platform.createKey(.user(session.user.id), org.id, name: name)
            return revealKey(session, org, created, heading: "Your new API key \"\(created.key.name)\"")
        } catch let error as PlatformError {
            return try await keysPage(session, org, values: ["name": name], errors: Self.fieldErrors(error, fields: ["name"]), status: Self.status(error))
        }
    }

    @Sendable func rotateKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let created = try await platform.rotateKey(.user(session.user.id), org.id, keyID: try Self.uuid("key", context))
        return revealKey(session, org, created, heading: "The new key replacing \"\(created.key.name)\" (the old one works for 24 more hours)")
    }

    @Sendable func revokeKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        try await platform.revokeKey(.user(session.user.id), org.id, keyID: try Self.uuid("key", context))
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/keys")
    }

    func revealKey(_ session: AuthenticatedSession, _ org: OrganizationView, _ created: CreatedAPIKey, heading: String) -> Response {
        var page = base(session, title: "API key", org: org, nav: "navKeys")
        page["heading"] = heading
        page["secret"] = created.secret
        page["back"] = "/dashboard/orgs/\(Self.id(org.id))/keys"
        return pages.render("dash-reveal", page)
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
    func base(_ session: AuthenticatedSession, title: String, org: OrganizationView? = nil, nav: String? = nil) -> [String: Any] {
        var context: [String: Any] = ["title": title, "user": session.user.username, "csrf": csrf.token(for: session)]
        if let org {
            var item: [String: Any] = [
                "id": Self.id(org.id), "name": org.name, "plan": org.plan.rawValue, "role": org.role?.rawValue ?? "",
                "contactEmail": org.contactEmail ?? "", "billingAddress": org.billingAddress ?? "",
            ]
            if let nav { item[nav] = true }
            context["org"] = item
            if let until = org.restorableUntil { context["deleted"] = UTCDay.string(from: until) }
        }
        return context
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

/// A form body: every pair, in order (checkboxes repeat their name).
struct HTMLForm: Sendable {
    let pairs: [(String, String)]

    func first(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
}

/// A dashboard page was asked for without a dashboard session.
struct DashboardSignInRequired: Error {}
/// A dashboard form failed its CSRF check.
struct DashboardCSRFFailure: Error {}

/// Resolves the dashboard's own session cookie into `context.session`, and turns the
/// dashboard's errors into pages: no session → the sign-in flow; anything the platform
/// refuses → an error page with its status.
struct DashboardSessionMiddleware: RouterMiddleware {
    let accounts: AccountService
    let cookies: SessionCookies

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = cookies.value(SessionCookies.dashboard, in: request) {
            context.session = try? await accounts.authenticate(sessionToken: token)
        }
        do {
            return try await next(request, context)
        } catch is DashboardSignInRequired {
            guard request.method == .get else {
                return DashboardErrors.page("Please sign in again", "Your dashboard session ended. Sign in and try again.", status: .unauthorized)
            }
            let next = FormEncoding.encode(request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
            return Response(status: .seeOther, headers: [.location: "/dashboard/signin?next=" + next, .cacheControl: "no-store"])
        } catch is DashboardCSRFFailure {
            return DashboardErrors.page("This form has expired", "It was not sent from a current dashboard page. Go back, reload and try again.", status: .forbidden)
        } catch let error as PlatformError {
            return DashboardErrors.page(DashboardErrors.heading(error), error.publicDescription, status: error.status)
        } catch let error as BillingError {
            return DashboardErrors.page("Billing did not work", error.publicDescription, status: error.status)
        }
    }
}

enum DashboardErrors {
    static func page(_ heading: String, _ description: String, status: HTTPResponse.Status) -> Response {
        PageRenderer.shared.render("dash-error", ["title": heading, "heading": heading, "description": description], status: status)
    }

    static func heading(_ error: PlatformError) -> String {
        switch error {
        case .notFound: "Not found"
        case .forbidden: "Your role does not allow this"
        case .organizationDeleted: "This organization was deleted"
        case .planLimit: "Your plan's limit is reached"
        default: "That did not work"
        }
    }
}
