import Hummingbird
import HTTPTypes

/// CORS for the endpoints browser apps (SPAs with PKCE) call directly: discovery, JWKS, token,
/// userinfo, revocation and introspection. They take no cookies, so any origin may call them;
/// the cookie-based routes (`/auth/*`, `/api/v1`, the hosted pages) get no CORS headers.
package struct OAuthCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package static var paths: Set<String> {
        ["/.well-known/openid-configuration", "/.well-known/jwks.json", "/oauth/token", "/oauth/userinfo", "/oauth/revoke", "/oauth/introspect"]
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.paths.contains(request.uri.path), request.headers[.origin] != nil else {
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
