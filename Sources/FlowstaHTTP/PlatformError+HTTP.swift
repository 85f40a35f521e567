import FlowstaPlatform
import Hummingbird
import HTTPTypes

extension PlatformError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch self {
        case .invalidRequest: .badRequest
        case .unauthenticated: .unauthorized
        case .notFound: .notFound
        case .forbidden, .planLimit, .secondFactorRequired: .forbidden
        case .conflict, .lastOwner: .conflict
        case .gone, .organizationDeleted: .gone
        case .rateLimited: .tooManyRequests
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [:]
        if case .unauthenticated = self { headers[.wwwAuthenticate] = "Bearer" }
        return ErrorBody(error: code, errorDescription: publicDescription).response(status: status, extraHeaders: headers)
    }
}
