import Hummingbird
import HTTPTypes

/// CORS for the endpoints browser apps (SPAs with PKCE) call directly: discovery, JWKS, token,
/// userinfo, revocation, introspection and Sign It's app and verification endpoints
/// (`/api/v1/sign-it/…`, bearer tokens or nothing). They take no cookies, so any origin may call
/// them; the cookie-based routes (`/auth/*`, the rest of `/api/v1`, the hosted pages) get no CORS
/// headers.
package struct OAuthCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package static var paths: Set<String> {
        [
            "/.well-known/openid-configuration", "/.well-known/jwks.json", "/oauth/token", "/oauth/userinfo", "/oauth/revoke", "/oauth/introspect",
            "/oauth/device_authorization",
        ]
    }

    /// Sign It's cookie-free routes.
    package static var signItPrefix: String { "/api/v1/sign-it/" }

    package static func isCookieFree(_ path: String) -> Bool { paths.contains(path) || path.hasPrefix(signItPrefix) }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isCookieFree(request.uri.path), request.headers[.origin] != nil else {
            return try await next(request, context)
        }
        if request.method == .options {
            return Response(status: .noContent, headers: [
                .accessControlAllowOrigin: "*",
                .accessControlAllowMethods: "GET, POST, OPTIONS",
                .accessControlAllowHeaders: "Authorization, Content-Type",
                .accessControlMaxAge: "600",
            ])
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.accessControlExposeHeaders] = "WWW-Authenticate"
        return response
    }
}
