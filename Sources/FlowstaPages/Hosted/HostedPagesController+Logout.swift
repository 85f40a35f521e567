import FlowstaAccounts
import FlowstaCore
import FlowstaHTTP
import FlowstaOAuth
import Foundation
import Hummingbird

/// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): `GET|POST /oauth/logout` (the
/// discovery's `end_session_endpoint`) and the confirmation's answer, `POST /oauth/logout/confirm`.
///
/// An app that sends an `id_token_hint` naming the signed-in user signs them out at once; any
/// other request asks the user first (a page cannot sign someone out by linking here). Either
/// way the session ends like any sign-out: its grants without `offline_access` are revoked and
/// the apps with a back-channel logout URI are told. Then the user goes to the app's registered
/// `post_logout_redirect_uri` (with `state`), or sees the signed-out page.
extension HostedPagesController {
    func addLogoutRoutes(_ group: RouterGroup<AppRequestContext>) {
        group.get("oauth/logout", use: logout)
        group.post("oauth/logout", use: logoutByPost)
        group.post("oauth/logout/confirm", use: confirmLogout)
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await logout(OAuthRequestParsing.queryParameters(request), context: context)
    }

    @Sendable func logoutByPost(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await logout(OAuthRequestParsing.bodyParameters(request), context: context)
    }

    private func logout(_ parameters: OAuthParameters, context: AppRequestContext) async throws -> Response {
        let logout: LogoutRequest
        do {
            logout = try await oauth.validateLogout(parameters)
        } catch {
            // Never redirected: the redirect URI is only trusted once it checked out.
            return pages.error(code: error.code.rawValue, description: error.description)
        }
        guard let session = context.session else { return signedOut(logout, endedSession: false) }
        if let subject = logout.hintedSubject, let client = logout.client, subject == oauth.subject(userID: session.user.id, client: client) {
            try await accounts.logout(session)
            return signedOut(logout, endedSession: true)
        }
        let forwarded = [("client_id", logout.client?.clientID), ("post_logout_redirect_uri", logout.postLogoutRedirectURI), ("state", logout.state)]
            .compactMap { name, value in value.map { HostedPage.Logout.Parameter(name: name, value: $0) } }
        return pages.render(HostedPage.Logout(
            title: "Sign out?", confirm: true, appName: logout.client?.app.name, username: session.user.username,
            csrf: csrf.token(for: session), parameters: forwarded
        ), formTargets: logout.postLogoutRedirectURI.flatMap(PageLinks.origin(of:)).map { [$0] } ?? [])
    }

    @Sendable func confirmLogout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await OAuthRequestParsing.bodyParameters(request)
        let logout: LogoutRequest
        do {
            logout = try await oauth.validateLogout(OAuthParameters(pairs: ["client_id", "post_logout_redirect_uri", "state"].compactMap { name in
                form[name].map { (name, $0) }
            }))
        } catch {
            return pages.error(code: error.code.rawValue, description: error.description)
        }
        guard let session = context.session else { return signedOut(logout, endedSession: false, status: .seeOther) }
        guard csrf.isValid(form["csrf_token"], for: session) else {
            return pages.error(code: "invalid_csrf", description: "This form was not sent from this page.", status: .forbidden)
        }
        guard form["decision"] == "signout" else {
            return Self.redirect(logout.redirect ?? "/account", status: .seeOther)
        }
        try await accounts.logout(session)
        return signedOut(logout, endedSession: true, status: .seeOther)
    }

    /// To the app's registered URI with `state`, or the signed-out page; the cookie goes.
    private func signedOut(_ logout: LogoutRequest, endedSession: Bool, status: HTTPResponse.Status = .found) -> Response {
        var response = logout.redirect.map { Self.redirect($0, status: status) } ?? pages.render(HostedPage.Logout(
            title: "Signed out", confirm: false, message: endedSession ? "You are signed out of Flowsta on this browser." : "You are not signed in to Flowsta on this browser."
        ))
        if endedSession { response.setCookie(cookies.expired()) }
        return response
    }
}
