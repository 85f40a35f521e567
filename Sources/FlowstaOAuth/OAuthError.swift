import Foundation

/// An OAuth 2.0 / OpenID Connect error (RFC 6749 §5.2, RFC 6750 §3.1, OIDC Core §3.1.2.6).
///
/// `code` and `description` go on the wire; `cause` is for the (redacted) log only.
public struct OAuthError: Error, Sendable, Equatable {
    /// The RFC error codes this server answers with.
    public enum Code: String, Sendable {
        case invalidRequest = "invalid_request"
        case invalidClient = "invalid_client"
        case invalidGrant = "invalid_grant"
        case unauthorizedClient = "unauthorized_client"
        case unsupportedGrantType = "unsupported_grant_type"
        case unsupportedResponseType = "unsupported_response_type"
        case unsupportedTokenType = "unsupported_token_type"
        case invalidScope = "invalid_scope"
        case accessDenied = "access_denied"
        case invalidToken = "invalid_token"
        case insufficientScope = "insufficient_scope"
        case loginRequired = "login_required"
        case consentRequired = "consent_required"
        case interactionRequired = "interaction_required"
        /// OIDC Core §3.1.2.6: `request` / `request_uri` are not supported.
        case requestNotSupported = "request_not_supported"
        case requestURINotSupported = "request_uri_not_supported"
        /// RFC 8628 §3.5: the device grant's polling answers.
        case authorizationPending = "authorization_pending"
        case slowDown = "slow_down"
        case expiredToken = "expired_token"
        case serverError = "server_error"
    }

    public var code: Code
    public var description: String
    /// Never sent to the client.
    public var cause: String?

    public init(_ code: Code, _ description: String, cause: String? = nil) {
        self.code = code
        self.description = description
        self.cause = cause
    }

    public static func invalidRequest(_ description: String) -> OAuthError { OAuthError(.invalidRequest, description) }
    public static func invalidGrant(_ description: String) -> OAuthError { OAuthError(.invalidGrant, description) }
    public static func invalidClient(_ description: String) -> OAuthError { OAuthError(.invalidClient, description) }
    public static func invalidToken(_ description: String) -> OAuthError { OAuthError(.invalidToken, description) }
}
