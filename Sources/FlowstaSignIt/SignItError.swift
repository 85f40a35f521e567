import Foundation

/// What Sign It refuses. Descriptions are safe to show (no hash, key or address of anyone else).
public enum SignItError: Error, Equatable, Sendable {
    /// A malformed or out-of-range field; the reason says which.
    case invalidRequest(String)
    /// The access token lacks the `sign` scope.
    case insufficientScope
    /// No such request, signature or remembered app for this caller (another app's or user's
    /// requests look the same as unknown ones).
    case notFound
    /// The request was answered or expired; `status` is where it is.
    case notPending(SignRequestStatus)
    /// The user has no signing key registered (the browser registers it at sign-in).
    case noSigningKey
    /// Signatures made with a key that is no longer the user's current one, or that do not verify.
    case invalidSignature(String)
    /// Too many pending requests of this app for this user.
    case tooManyPendingRequests
    /// The organization's plan allows no more signatures this month.
    case quotaExceeded(limit: Int)
    /// Too many contact requests; try again after `retryAfter` seconds.
    case rateLimited(retryAfter: Int)
    /// The signer does not take contact requests (or has no address to take them at).
    case notContactable

    public var code: String {
        switch self {
        case .invalidRequest: "invalid_request"
        case .insufficientScope: "insufficient_scope"
        case .notFound: "not_found"
        case .notPending: "request_not_pending"
        case .noSigningKey: "no_signing_key"
        case .invalidSignature: "invalid_signature"
        case .tooManyPendingRequests: "too_many_pending_requests"
        case .quotaExceeded: "quota_exceeded"
        case .rateLimited: "rate_limited"
        case .notContactable: "not_contactable"
        }
    }

    public var publicDescription: String {
        switch self {
        case .invalidRequest(let reason): reason
        case .insufficientScope: "the access token lacks the sign scope"
        case .notFound: "no such signing request or signature"
        case .notPending(let status): "the signing request is \(status.rawValue)"
        case .noSigningKey: "the account has no signing key yet: sign in on this server's pages once to make it"
        case .invalidSignature(let reason): reason
        case .tooManyPendingRequests: "too many signing requests of this app are waiting for the user"
        case .quotaExceeded(let limit): "the organization's plan allows \(limit) signatures a month"
        case .rateLimited: "too many contact requests: try again later"
        case .notContactable: "the signer does not take contact requests"
        }
    }
}
