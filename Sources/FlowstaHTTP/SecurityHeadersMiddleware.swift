import Hummingbird
import HTTPTypes

/// Headers every response carries: no sniffing, no framing, no referrer leakage, no caching of
/// account data, and HSTS when served over HTTPS (P10).
package struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    package let https: Bool

    package init(https: Bool) {
        self.https = https
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if https { response.headers[.strictTransportSecurity] = "max-age=63072000; includeSubDomains" }
        return response
    }
}

extension HTTPField.Name {
    package static let xContentTypeOptions = Self("X-Content-Type-Options")!
    package static let xFrameOptions = Self("X-Frame-Options")!
    package static let referrerPolicy = Self("Referrer-Policy")!
}
