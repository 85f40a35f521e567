import Foundation

/// What went wrong talking to Stripe: Stripe's error `type` (https://docs.stripe.com/api/errors),
/// or a transport or decoding failure.
public struct StripeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// `card_error`
        case card
        /// `invalid_request_error` (4xx other than below)
        case invalidRequest
        /// 401
        case authentication
        /// 403
        case permission
        /// 429 (after the retries)
        case rateLimited
        /// 409 `idempotency_error`
        case idempotency
        /// 5xx `api_error` (after the retries)
        case api
        /// No answer: connection refused, timeout (after the retries)
        case network
        /// An answer that is not what Stripe documents.
        case decoding
    }

    public var kind: Kind
    public var status: Int?
    public var code: String?
    public var param: String?
    public var message: String
    public var requestID: String?

    public init(kind: Kind, status: Int?, code: String? = nil, param: String? = nil, message: String, requestID: String? = nil) {
        self.kind = kind
        self.status = status
        self.code = code
        self.param = param
        self.message = message
        self.requestID = requestID
    }

    public var description: String {
        "Stripe \(kind.rawValue) error\(status.map { " (HTTP \($0))" } ?? "")\(code.map { " \($0)" } ?? ""): \(message)"
    }
}
