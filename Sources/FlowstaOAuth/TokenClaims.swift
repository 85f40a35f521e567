import Foundation
import JWTKit

/// The claims of an access token (RFC 9068 JWT profile, `typ: at+jwt`).
struct AccessTokenClaims: JWTPayload, Equatable {
    var iss: String
    var sub: String
    var aud: String
    var clientID: String
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var jti: String
    /// Absent for `client_credentials` tokens (no user scopes).
    var scope: String?
    /// The grant this token was issued from; revoking the grant makes the token inactive.
    var gid: String
    var authTime: Int?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, jti, scope, gid
        case clientID = "client_id"
        case authTime = "auth_time"
    }

    /// Expiry is checked by ``OAuthProvider`` against the injected clock, not here.
    func verify(using _: some JWTAlgorithm) async throws {}
}

/// The claims of an ID token (OIDC Core §2).
struct IDTokenClaims: JWTPayload, Equatable {
    var iss: String
    var sub: String
    var aud: String
    var azp: String
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var authTime: Int
    /// How the user authenticated (OIDC Core §2, RFC 8176 values).
    var amr: [String]?
    /// The authentication context class the sign-in satisfied (``AuthenticationContextClass``).
    var acr: String?
    var nonce: String?
    var atHash: String?
    /// The session's pairwise id (OIDC Back-Channel Logout §2.1), when the grant has one.
    var sid: String?
    /// With the `email` scope, when the user has an address (OIDC Core §5.1).
    var email: String?
    /// True only once the user followed a verification link to `email`.
    var emailVerified: Bool?
    /// Claims the `claims` parameter asked for in the ID token, under their scopes.
    var name: String?
    var preferredUsername: String?
    var displayName: String?
    var picture: String?
    var did: String?
    var publicKey: String?
    var agentPubKey: String?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, azp, exp, iat, nonce, email, amr, acr, sid, name, picture, did
        case authTime = "auth_time"
        case atHash = "at_hash"
        case emailVerified = "email_verified"
        case preferredUsername = "preferred_username"
        case displayName = "display_name"
        case publicKey = "public_key"
        case agentPubKey = "agent_pub_key"
    }

    /// ID tokens are verified by clients; the server only signs them.
    func verify(using _: some JWTAlgorithm) async throws {}
}
