import Foundation

/// A successful token response (RFC 6749 §5.1, OIDC Core §3.1.3.3).
public struct TokenResponse: Sendable, Encodable, Equatable {
    public var accessToken: String
    public var tokenType = "Bearer"
    public var expiresIn: Int
    public var scope: String?
    public var idToken: String?
    public var refreshToken: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case scope
        case idToken = "id_token"
        case refreshToken = "refresh_token"
    }
}
