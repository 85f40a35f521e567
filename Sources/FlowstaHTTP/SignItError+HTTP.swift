import FlowstaSignIt
import Hummingbird
import HTTPTypes

extension SignItError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch self {
        case .invalidRequest, .invalidSignature, .noSigningKey: .badRequest
        case .insufficientScope: .forbidden
        case .notFound: .notFound
        case .notPending, .notContactable: .conflict
        case .tooManyPendingRequests, .rateLimited: .tooManyRequests
        case .quotaExceeded: .forbidden
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [:]
        if case .rateLimited(let seconds) = self { headers[.retryAfter] = String(seconds) }
        return ErrorBody(error: code, errorDescription: publicDescription).response(status: status, extraHeaders: headers)
    }
}
