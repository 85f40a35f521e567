import FlowstaBilling
import Hummingbird
import HTTPTypes

extension BillingError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch self {
        case .invalidRequest, .invalidSignature, .invalidEvent: .badRequest
        case .notConfigured, .checkoutRequired, .conflict: .conflict
        case .provider: .badGateway
        }
    }

    package var code: String {
        switch self {
        case .notConfigured: "billing_not_configured"
        case .invalidRequest, .invalidEvent: "invalid_request"
        case .checkoutRequired: "checkout_required"
        case .conflict: "conflict"
        case .invalidSignature: "invalid_signature"
        case .provider: "billing_provider_error"
        }
    }

    package var publicDescription: String {
        switch self {
        case .notConfigured:
            "billing is not configured on this server: its operator sets plans (flowsta orgs set-plan ORG PLAN)"
        case .invalidRequest(let message), .checkoutRequired(let message), .conflict(let message), .invalidSignature(let message), .invalidEvent(let message):
            message
        case .provider(let failure):
            // Stripe's own words stay in the server log; the caller learns what to do.
            failure.kind == .unreachable
                ? "the payment provider (Stripe) could not be reached; try again in a minute"
                : "the payment provider (Stripe) refused the request; nothing was changed"
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ErrorBody(error: code, errorDescription: publicDescription).response(status: status)
    }
}
