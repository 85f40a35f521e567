import FlowstaAccounts
import Foundation
import Hummingbird

/// The session cookie: HttpOnly, SameSite=Lax, Secure under HTTPS.
struct SessionCookies: Sendable {
    static let name = "flowsta_session"
    let secure: Bool

    func session(_ token: String, expires: Date) -> Cookie {
        Cookie(
            name: Self.name, value: token, maxAge: max(0, Int(expires.timeIntervalSinceNow)),
            path: "/", secure: secure, httpOnly: true, sameSite: .lax
        )
    }

    func expired() -> Cookie {
        Cookie(name: Self.name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// Resolves the session cookie, when present, into `context.session`. An invalid cookie is
/// treated as no session; routes that need one reject the request.
struct SessionMiddleware: RouterMiddleware {
    let accounts: AccountService
    let cookies: SessionCookies

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[SessionCookies.name]?.value, !token.isEmpty {
            do {
                context.session = try await accounts.authenticate(sessionToken: token)
            } catch AccountError.unauthenticated {
                context.session = nil
            }
        }
        return try await next(request, context)
    }
}
