import Foundation
import HTTPTypes
import Hummingbird

/// CSRF defence for every state change a browser's cookie authenticates (issue #15 §2.4), in one
/// place for the JSON API and the HTML forms:
///
/// - where the browser says where the request comes from, it must be this origin:
///   `Sec-Fetch-Site` is `same-origin` or `none`, and `Origin` is the issuer's origin;
/// - the JSON routes need `Content-Type: application/json`, with or without a body: no HTML form
///   and no `no-cors` fetch can send that cross-site without a CORS preflight, which this server
///   never grants to cookie routes;
/// - the HTML form routes (`/oauth/consent`, `/account/…`, `/dashboard/…`) carry the page's
///   CSRF token instead, which their handlers check.
///
/// Requests without a session cookie, safe methods and the endpoints that never read a cookie
/// (token, revocation, introspection, userinfo, Sign It's app routes, the Stripe webhook) are not
/// concerned; nor is `POST /oauth/authorize`, an authorization request sent as a form (OIDC
/// Core §3.1.2.1), which apps post from their own pages and which changes no more than its GET, and
/// `POST /oauth/logout` (RP-initiated logout: it signs out only the user an app's `id_token_hint`
/// names, and asks the user otherwise).
package struct CrossSiteRequestMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The issuer's origin (`scheme://host[:port]`), lowercased.
    package let origin: String
    package let cookies: SessionCookies
    /// Writes the refusal of an HTML form.
    package let pages: any HTMLErrorWriter

    package init(issuer: String, cookies: SessionCookies, pages: any HTMLErrorWriter) {
        origin = PageLinks.origin(of: issuer)?.lowercased() ?? issuer.lowercased()
        self.cookies = cookies
        self.pages = pages
    }

    package static var cookieFreePaths: Set<String> { [
        "/oauth/token", "/oauth/revoke", "/oauth/introspect", "/oauth/userinfo", "/oauth/device_authorization", "/webhooks/stripe",
        "/oauth/authorize", "/oauth/logout",
    ] }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isStateChange(request.method), carriesSessionCookie(request), !Self.cookieFreePaths.contains(request.uri.path),
              !request.uri.path.hasPrefix(OAuthCORSMiddleware<Context>.signItPrefix) else {
            return try await next(request, context)
        }
        let formRoute = Self.isFormRoute(request.uri.path)
        if let refusal = refusal(request, formRoute: formRoute) {
            guard formRoute else { throw APIError(.forbidden, "cross_site_request", refusal) }
            return pages.error(code: "invalid_csrf", description: refusal, status: .forbidden)
        }
        return try await next(request, context)
    }

    package static func isStateChange(_ method: HTTPRequest.Method) -> Bool {
        method != .get && method != .head && method != .options
    }

    /// A session cookie, and no `Authorization` (an API key or client credentials authenticate
    /// such a request, and a cross-site page cannot send that header without a preflight).
    package func carriesSessionCookie(_ request: Request) -> Bool {
        guard request.headers[.authorization] == nil else { return false }
        return [SessionCookies.session, SessionCookies.dashboard].contains { cookies.value($0, in: request) != nil }
    }

    package static func isFormRoute(_ path: String) -> Bool {
        path == "/oauth/consent" || path == "/oauth/logout/confirm" || path == "/device" || path == "/device/decide" || path.hasPrefix("/account/") || path == "/dashboard" || path.hasPrefix("/dashboard/")
    }

    /// Why the request is refused, or `nil` when it may go on.
    package func refusal(_ request: Request, formRoute: Bool) -> String? {
        let sites = request.headers[values: .secFetchSite]
        if !sites.isEmpty, sites.contains(where: { $0 != "same-origin" && $0 != "none" }) {
            return "this request was sent by another site (Sec-Fetch-Site)"
        }
        // Under `Referrer-Policy: no-referrer` Chromium sends `Origin: null` on the pages' own form
        // posts; `null` is also what sandboxed or `data:` documents send. The forms carry their
        // CSRF token, so `null` proves nothing either way there; a JSON route takes it only
        // when the browser says the request is same-origin.
        let origins = request.headers[values: .origin]
        let sameOriginFetch = sites.contains("same-origin")
        for value in origins where value.lowercased() != origin {
            guard value == "null", formRoute || sameOriginFetch else { return "this request was sent by another origin (Origin)" }
        }
        if !formRoute, BodyMediaType(request.headers) != .json {
            return "a signed-in request that changes something must be sent as application/json, even without a body"
        }
        return nil
    }
}

extension HTTPField.Name {
    package static let secFetchSite = Self("Sec-Fetch-Site")!
}
