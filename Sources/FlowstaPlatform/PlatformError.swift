import Foundation

/// Errors of the management API's logic; the server maps them to HTTP in one place.
public enum PlatformError: Error, Equatable, Sendable {
    case invalidRequest(String)
    /// No valid credential (missing, unknown, expired or revoked key; no session).
    case unauthenticated
    /// The resource does not exist *for this caller*: other tenants' objects are reported as
    /// missing, never as forbidden, so their existence does not leak.
    case notFound
    /// The caller is in the organization but its role does not allow the operation.
    case forbidden(String)
    case conflict(String)
    /// A plan limit was hit; the description names it.
    case planLimit(String)
    /// The action would leave the organization without an owner.
    case lastOwner
    /// The thing existed but is no longer valid (an expired invite).
    case gone(String)
    /// An owner deleted the organization: it is deactivated until restored or purged.
    case organizationDeleted(restorableUntil: Date)
    /// Too many of one action (an invite mailed too often); the description says when to retry.
    case rateLimited(String)
    /// The organization requires a second factor and the signed-in member has none.
    case secondFactorRequired

    public var code: String {
        switch self {
        case .invalidRequest: "invalid_request"
        case .unauthenticated: "unauthorized"
        case .notFound: "not_found"
        case .forbidden: "forbidden"
        case .conflict: "conflict"
        case .planLimit: "plan_limit_reached"
        case .lastOwner: "last_owner"
        case .gone: "invite_expired"
        case .organizationDeleted: "organization_deleted"
        case .rateLimited: "rate_limited"
        case .secondFactorRequired: "second_factor_required"
        }
    }

    public var publicDescription: String {
        switch self {
        case .invalidRequest(let reason): reason
        case .unauthenticated: "send a valid API key (Authorization: Bearer fsk_live_...) or sign in"
        case .notFound: "no such resource"
        case .forbidden(let reason): reason
        case .conflict(let reason): reason
        case .planLimit(let reason): reason
        case .lastOwner: "an organization keeps at least one owner: promote another member first"
        case .gone(let reason): reason
        case .rateLimited(let reason): reason
        case .secondFactorRequired:
            "this organization requires two-step sign-in: set up an authenticator app on your account page (POST /auth/totp), then retry"
        case .organizationDeleted(let until):
            "this organization was deleted; an owner can restore it (POST /api/v1/orgs/{id}/restore) until "
                + until.formatted(.iso8601) + ", after which it is purged"
        }
    }
}
