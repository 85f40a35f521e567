import FlowstaAccounts
import Hummingbird
import HTTPTypes

extension AccountError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch self {
        case .invalidRequest, .invalidUsername, .invalidLogin, .signupProofRequired, .invalidSignupProof, .invalidToken: .badRequest
        case .usernameTaken, .rootKeyExists, .rootKeyRequired, .envelopeRequired, .emailInUse, .nothingToVerify: .conflict
        case .invalidCredentials, .unauthenticated: .unauthorized
        case .rateLimited: .tooManyRequests
        case .notFound, .sessionNotFound: .notFound
        case .vaultFull, .vaultQuota: .conflict
        case .reauthenticationRequired: .forbidden
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [:]
        if case .rateLimited(let seconds) = self { headers[.retryAfter] = String(seconds) }
        return ErrorBody(error: code, errorDescription: publicDescription).response(status: status, extraHeaders: headers)
    }
}
