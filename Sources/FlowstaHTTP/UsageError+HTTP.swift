import FlowstaUsage
import Hummingbird
import HTTPTypes

extension UsageError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch self {
        case .invalidRange, .invalidMonth: .badRequest
        case .rateLimited: .tooManyRequests
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        switch self {
        case .invalidRange:
            return ErrorBody(error: "invalid_request", errorDescription: "from must be before to, at most 366 days apart").response(status: status)
        case .invalidMonth:
            return ErrorBody(error: "invalid_request", errorDescription: "month must be a YYYY-MM month").response(status: status)
        case .rateLimited(let decision):
            var headers = Self.rateLimitHeaders(decision)
            headers[.retryAfter] = String(decision.retryAfter)
            return ErrorBody(
                error: "rate_limited",
                errorDescription: "the organization's plan allows \(decision.limit) management API requests per second; retry after \(decision.retryAfter) s"
            ).response(status: status, extraHeaders: headers)
        }
    }

    /// `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers-10): a quota of
    /// `limit` requests per 1-second window, `remaining` left, full again in `reset` seconds.
    package static func rateLimitHeaders(_ decision: RateLimiter.Decision) -> HTTPFields {
        [
            .rateLimitPolicy: "\"api\";q=\(decision.limit);w=1",
            .rateLimit: "\"api\";r=\(decision.remaining);t=\(decision.reset)",
        ]
    }
}

extension HTTPField.Name {
    package static let rateLimitPolicy = Self("RateLimit-Policy")!
    package static let rateLimit = Self("RateLimit")!
}
