import FlowstaAccounts
import FlowstaOAuth
import FlowstaPlatform
import Foundation
import Hummingbird

/// `/oauth/authorize` and the pages a user sees: sign in, sign up, consent, errors and
/// `/account` (connected apps).
struct HostedPagesController {
    let oauth: OAuthProvider
    let accounts: AccountService
    let apps: any AppRepository
    let cookies: SessionCookies
    let csrf: CSRFTokens
    let pages = PageRenderer()

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group().add(middleware: SessionMiddleware(accounts: accounts, cookies: cookies))
        group.get("oauth/authorize", use: authorize)
        group.post("oauth/authorize", use: decide)
        group.get("signin", use: signIn)
        group.get("signup", use: signUp)
        group.get("account", use: account)
        group.post("account/apps/:appID/disconnect", use: disconnect)
        group.post("account/signout", use: signOut)
    }

    @Sendable func authorize(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = OAuthRequestParsing.queryParameters(request)
        let authorization: AuthorizationRequest
        do {
            authorization = try await oauth.validate(parameters)
        } catch {
            return failure(error)
        }
        guard let session = context.session, !oauth.requiresFreshSignIn(authorization, authenticatedAt: session.authenticatedAt) else {
            if authorization.prompt.contains("none") {
                return failure(AuthorizationFailure(error: OAuthError(.loginRequired, "the user is not signed in"), redirect: oauth.redirect(for: authorization)))
            }
            return signInPage(continue: Self.continuation(request), appName: authorization.client.app.name)
        }
        do {
            switch try await oauth.decide(authorization, userID: session.user.id, authenticatedAt: session.authenticatedAt) {
            case .redirect(let url):
                return Self.redirect(url)
            case .consent(let request, _):
                return consentPage(request, parameters: parameters, session: session)
            }
        } catch let error as AuthorizationFailure {
            return failure(error)
        }
    }

    /// The consent form's answer.
    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await OAuthRequestParsing.bodyParameters(request)
        guard let session = context.session else {
            return pages.error(code: "login_required", description: "Your session ended. Go back to the app and sign in again.", status: .unauthorized)
        }
        guard csrf.isValid(form["csrf_token"], for: session) else {
            return pages.error(code: "invalid_csrf", description: "This form was not sent from this page. Go back to the app and try again.", status: .forbidden)
        }
        var authorization: AuthorizationRequest
        do {
            authorization = try await oauth.validate(form)
        } catch {
            return failure(error)
        }
        authorization.prompt = []
        guard form["decision"] == "allow" else { return Self.redirect(oauth.deny(authorization), status: .seeOther) }
        var granted = authorization.scope
        // `email` is shared only when the user ticked it.
        if granted.contains(.email), form["share_email"] != "yes" { granted = granted.subtracting(ScopeSet([.email])) }
        let url = try await oauth.approve(authorization, userID: session.user.id, authenticatedAt: session.authenticatedAt, granted: granted, remember: true)
        return Self.redirect(url, status: .seeOther)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        signInPage(continue: Self.safeContinue(request.uri.queryParameters["continue"].map(String.init)), appName: nil)
    }

    @Sendable func signUp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let target = Self.safeContinue(request.uri.queryParameters["continue"].map(String.init))
        return pages.render("signup", ["title": "Create account", "continue": target, "continueEncoded": FormEncoding.encode(target)])
    }

    @Sendable func account(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = context.session else { return signInPage(continue: "/account", appName: nil) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let connected = try await oauth.connectedApps(userID: session.user.id, apps: apps).map { app -> [String: Any] in
            ["name": app.name, "appID": app.appID.uuidString.lowercased(), "since": formatter.string(from: app.since),
             "scopes": app.scope.sorted.map(\.rawValue).joined(separator: ", ")]
        }
        return pages.render("account", [
            "title": "Your account", "username": session.user.username, "csrf": csrf.token(for: session), "apps": connected,
        ])
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

    private func signInPage(continue target: String, appName: String?) -> Response {
        var context: [String: Any] = ["title": "Sign in", "continue": target, "continueEncoded": FormEncoding.encode(target)]
        if let appName { context["appName"] = appName }
        return pages.render("signin", context)
    }

    private func consentPage(_ request: AuthorizationRequest, parameters: OAuthParameters, session: AuthenticatedSession) -> Response {
        let names = ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "max_age"]
        let hidden = names.compactMap { name in parameters[name].map { ["name": name, "value": $0] } }
        let scopes = request.scope.sorted
        var context: [String: Any] = [
            "title": "Allow access", "appName": request.client.app.name, "username": session.user.username,
            "csrf": csrf.token(for: session), "parameters": hidden,
            "scopes": scopes.filter { !$0.requiresExplicitConsent }.map { ["words": $0.plainWords] },
        ]
        if let email = scopes.first(where: \.requiresExplicitConsent) { context["email"] = ["words": email.plainWords] }
        let app = request.client.app
        if app.privacyURL != nil || app.termsURL != nil {
            context["links"] = ["privacy": app.privacyURL ?? "", "terms": app.termsURL ?? ""].filter { !$0.value.isEmpty }
        }
        return pages.render("consent", context, formTargets: Self.origin(of: request.redirectURI).map { [$0] } ?? [])
    }

    private func failure(_ error: any Error) -> Response {
        guard let failure = error as? AuthorizationFailure else {
            return pages.error(code: "server_error", description: "The request could not be processed.", status: .internalServerError)
        }
        if let redirect = failure.redirect { return Self.redirect(redirect.url(error: failure.error)) }
        return pages.error(code: failure.error.code.rawValue, description: failure.error.description)
    }

    /// This request's path and query with `prompt=login` removed (so signing in ends the loop).
    static func continuation(_ request: Request) -> String {
        let pairs = OAuthRequestParsing.formPairs(request.uri.query ?? "").compactMap { name, value -> (String, String)? in
            guard name == "prompt" else { return (name, value) }
            let kept = value.split(separator: " ").filter { $0 != "login" }.joined(separator: " ")
            return kept.isEmpty ? nil : (name, kept)
        }
        return request.uri.path + "?" + FormEncoding.encode(pairs: pairs)
    }

    /// Only local paths: never an open redirect.
    static func safeContinue(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.hasPrefix("/\\"), !raw.contains("\n"), !raw.contains("\r") else {
            return "/account"
        }
        return raw
    }

    static func origin(of uri: String) -> String? {
        guard let components = URLComponents(string: uri), let scheme = components.scheme else { return nil }
        guard let host = components.host, scheme == "http" || scheme == "https" else { return scheme + ":" }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    static func redirect(_ location: String, status: HTTPResponse.Status = .found) -> Response {
        Response(status: status, headers: [.location: location, .cacheControl: "no-store"])
    }
}
