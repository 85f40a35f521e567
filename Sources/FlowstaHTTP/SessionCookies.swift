import FlowstaAccounts
import Foundation
import Hummingbird

/// The server's cookies: HttpOnly, SameSite=Lax, Path=/. Under HTTPS they are Secure and carry
/// the `__Host-` prefix, which browsers accept only with Secure, Path=/ and no Domain: no
/// sibling subdomain can set, overwrite or read-scope them.
package struct SessionCookies: Sendable {
    /// The hosted pages' and the JSON API's session.
    package static let session = "flowsta_session"
    /// The developer dashboard's session.
    package static let dashboard = "flowsta_dashboard"
    /// The dashboard's sign-in in progress (sealed state, PKCE verifier).
    package static let dashboardFlow = "flowsta_dashboard_flow"
    /// A device token of the last username signed in from this browser (login throttle).
    package static let device = "flowsta_device"
    package static let deviceLifetime = 365 * 86_400

    package let secure: Bool

    package init(secure: Bool) {
        self.secure = secure
    }

    /// The name `base` goes by on the wire.
    package func name(_ base: String) -> String { secure ? "__Host-" + base : base }

    /// The value of cookie `base` in `request`, when present and not empty.
    package func value(_ base: String, in request: Request) -> String? {
        guard let value = request.cookies[name(base)]?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Cookie `base` with `value` for `maxAge` seconds (`0` deletes it).
    package func cookie(_ base: String, value: String, maxAge: Int) -> Cookie {
        Cookie(name: name(base), value: value, maxAge: max(0, maxAge), path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    package func session(_ token: String, expires: Date, now: Date) -> Cookie {
        cookie(Self.session, value: token, maxAge: Int(expires.timeIntervalSince(now)))
    }

    package func expired() -> Cookie { cookie(Self.session, value: "", maxAge: 0) }
}

/// Resolves the session cookie, when present, into `context.session`. An invalid cookie is
/// treated as no session; routes that need one reject the request.
package struct SessionMiddleware: RouterMiddleware {
    package let accounts: AccountService
    package let cookies: SessionCookies

    package init(accounts: AccountService, cookies: SessionCookies) {
        self.accounts = accounts
        self.cookies = cookies
    }

    package func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = cookies.value(SessionCookies.session, in: request) {
            do {
                context.session = try await accounts.authenticate(sessionToken: token)
            } catch AccountError.unauthenticated {
                context.session = nil
            }
        }
        return try await next(request, context)
    }
}
