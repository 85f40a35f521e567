import FlowstaAccounts
import Hummingbird
import HTTPTypes

extension AccountError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch self {
        case .invalidRequest, .invalidPicture, .invalidUsername, .invalidLogin, .signupProofRequired, .invalidSignupProof, .invalidToken, .invalidCode: .badRequest
        case .usernameTaken, .rootKeyExists, .rootKeyRequired, .envelopeRequired, .emailInUse, .nothingToVerify: .conflict
        case .secondFactorExists, .noSecondFactor, .passkeyEnvelopeExists: .conflict
        case .secondFactorRequired: .forbidden
        case .invalidCredentials, .unauthenticated: .unauthorized
        case .rateLimited: .tooManyRequests
        case .notFound, .sessionNotFound, .passkeyNotFound, .deviceKeyNotFound: .notFound
        case .vaultFull, .vaultQuota: .conflict
        case .reauthenticationRequired: .forbidden
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [:]
        if case .rateLimited(let seconds) = self { headers[.retryAfter] = String(seconds) }
        var attemptsLeft: Int?
        if case .invalidCode(let left) = self { attemptsLeft = left }
        return ErrorBody(error: code, errorDescription: publicDescription, attemptsLeft: attemptsLeft).response(status: status, extraHeaders: headers)
    }
}
