import Foundation

/// Billing's errors, mapped to HTTP in one place by the server.
public enum BillingError: Error, Sendable, Equatable {
    /// No Stripe key on this server: plans are set by an operator.
    case notConfigured
    /// Bad input (a plan that cannot be bought here, …).
    case invalidRequest(String)
    /// The request needs the owner to go through Stripe Checkout first (no subscription yet).
    case checkoutRequired(String)
    /// The state does not allow it (already subscribed, …).
    case conflict(String)
    /// `Stripe-Signature` missing, malformed, stale or not matching.
    case invalidSignature(String)
    /// The webhook body is not a Stripe event.
    case invalidEvent(String)
    /// Stripe refused or could not be reached.
    case provider(ProviderFailure)
}

/// Why the payment provider failed, in billing's own words (Stripe's details stay in the log).
public struct ProviderFailure: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// No answer, rate limited or a server error, after the retries: trying later may work.
        case unreachable
        /// The provider refused the request, or answered with something it does not document.
        case refused
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}
