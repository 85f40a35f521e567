import FlowstaHTTP
import FlowstaCore
import FlowstaAccounts
import FlowstaOAuth
import FlowstaPlatform
import FlowstaUsage
import Foundation
import Hummingbird

/// The pages a user sees: sign in, sign up, `/account` (connected apps), and (in the
/// extensions) authorization, consent and the device page.
struct HostedPagesController {
    let oauth: OAuthProvider
    let accounts: AccountService
    let apps: any AppRepository
    let platform: PlatformService
    let mau: MAUService
    let cookies: SessionCookies
    let csrf: CSRFTokens
    let marker: SignInMarker
    let pages = PageRenderer.shared

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group().add(middleware: SessionMiddleware(accounts: accounts, cookies: cookies))
        group.get("/", use: home)
        group.get("oauth/authorize", use: authorize)
        group.post("oauth/authorize", use: authorizeByPost)
        group.post("oauth/consent", use: decide)
        group.get("login", use: login)
        group.get("signin", use: signIn)
        group.get("signup", use: signUp)
        group.get("account", use: account)
        group.get("forgot", use: forgot)
        group.get("reset", use: reset)
        group.get("verify-email", use: verifyEmail)
        group.get("sign-it/:id", use: signIt)
        addDeviceRoutes(group)
        addLogoutRoutes(group)
        group.post("account/apps/:appID/disconnect", use: disconnect)
        group.post("account/signout", use: signOut)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        signInPage(continue: safeContinue(request), appName: nil)
    }

    @Sendable func signUp(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.render(HostedPage.Entry(.signUp, title: "Create account", continue: safeContinue(request)))
    }

    @Sendable func account(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = context.session else { return signInPage(continue: "/account", appName: nil) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let connected = try await oauth.connectedApps(userID: session.user.id).map { app in
            HostedPage.Account.App(
                name: app.name, appID: app.appID.uuidString.lowercased(), since: formatter.string(from: app.since),
                scopes: app.scope.sorted.map(\.rawValue).joined(separator: ", ")
            )
        }
        let profile = try accounts.profile(of: session.user)
        let secondFactors = try await accounts.secondFactorStatus(userID: session.user.id)
        return pages.render(HostedPage.Account(
            username: session.user.username, csrf: csrf.token(for: session), apps: connected,
            hasRecoveryCode: try await accounts.keyKinds(session).contains(.recovery),
            email: profile.email.map { HostedPage.Account.Email(address: $0, verified: profile.emailVerified) },
            twoStep: secondFactors.totpConfirmedAt != nil, backupCodesLeft: secondFactors.backupCodesLeft
        ))
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.render(HostedPage.Home())
    }

    @Sendable func forgot(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.render(HostedPage.Entry(.forgot, title: "Forgot your password", continue: safeContinue(request)))
    }

    @Sendable func reset(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.render(HostedPage.Simple(kind: .reset, title: "Set a new password"))
    }

    @Sendable func verifyEmail(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.render(HostedPage.Simple(kind: .verifyEmail, title: "Verify your email address"))
    }

    /// Sign It's approval page: the script loads the request and signs in the browser.
    @Sendable func signIt(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            return pages.error(code: "not_found", description: "There is no such signing request.", status: .notFound)
        }
        guard context.session != nil else { return signInPage(continue: "/sign-it/" + id.uuidString.lowercased(), appName: nil) }
        return pages.render(HostedPage.Simple(kind: .signIt, title: "Sign files"))
    }

    @Sendable func disconnect(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await OAuthRequestParsing.bodyParameters(request)
        guard let session = context.session else { return Self.redirect("/account", status: .seeOther) }
        guard csrf.isValid(form["csrf_token"], for: session) else {
            return pages.error(code: "invalid_csrf", description: "This form was not sent from this page. Reload your account page and try again.", status: .forbidden)
        }
        guard let appID = context.parameters.get("appID").flatMap(UUID.init(uuidString:)) else {
            return pages.error(code: "not_found", description: "There is no such app.", status: .notFound)
        }
        try await oauth.disconnect(userID: session.user.id, appID: appID)
        return Self.redirect("/account", status: .seeOther)
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await OAuthRequestParsing.bodyParameters(request)
        var response = Self.redirect("/account", status: .seeOther)
        if let session = context.session {
            guard csrf.isValid(form["csrf_token"], for: session) else {
                return pages.error(code: "invalid_csrf", description: "This form was not sent from this page.", status: .forbidden)
            }
            try await accounts.logout(session)
        }
        response.setCookie(cookies.expired())
        return response
    }

    // MARK: Helpers

    /// - Parameter username: prefilled (an app's `login_hint`).
    func signInPage(continue target: String, appName: String?, username: String? = nil) -> Response {
        var page = HostedPage.Entry(.signIn, title: "Sign in", continue: target, appName: appName)
        page.username = username
        return pages.render(page)
    }

    /// The `continue` parameter when it stays on this server (never an open redirect).
    func safeContinue(_ request: Request) -> String {
        SameOriginPath.or("/account", request.uri.queryParameters["continue"].map(String.init), issuer: oauth.configuration.issuer)
    }


    static func redirect(_ location: String, status: HTTPResponse.Status = .found) -> Response {
        Response(status: status, headers: [.location: location, .cacheControl: "no-store"])
    }
}
