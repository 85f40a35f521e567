import FlowstaOAuth
import Hummingbird
import HTTPTypes

extension OAuthError: HTTPResponseError {
    /// RFC 6749 §5.2 (400, or 401 for client authentication), RFC 6750 §3.1 (401/403).
    public var status: HTTPResponse.Status {
        switch code {
        case .invalidClient, .invalidToken: .unauthorized
        case .insufficientScope: .forbidden
        case .serverError: .internalServerError
        default: .badRequest
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.pragma: "no-cache"]
        switch code {
        case .invalidClient:
            // RFC 6749 §5.2: 401 with the scheme the client tried.
            headers[.wwwAuthenticate] = #"Basic realm="flowsta""#
        case .invalidToken, .insufficientScope:
            headers[.wwwAuthenticate] = #"Bearer realm="flowsta", error="\#(code.rawValue)", error_description="\#(description)""#
        default:
            break
        }
        if let cause {
            // Causes are fixed phrases ("code replay", "refresh reuse", ...), never request data.
            if code == .serverError {
                context.logger.error("oauth server error", metadata: ["cause": .string(cause)])
            } else {
                context.logger.notice("oauth request refused", metadata: ["error": .string(code.rawValue), "cause": .string(cause)])
            }
        }
        return ErrorBody(error: code.rawValue, errorDescription: description).response(status: status, extraHeaders: headers)
    }
}

extension HTTPField.Name {
    package static let pragma = Self("Pragma")!
}
