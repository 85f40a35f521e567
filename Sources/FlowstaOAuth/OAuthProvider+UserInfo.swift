import FlowstaAccounts
import FlowstaCore
import Foundation

/// OIDC Core §5.3 UserInfo response: only the claims the granted scopes allow.
public struct UserInfoResponse: Sendable, Encodable, Equatable {
    public var sub: String
    public var name: String?
    public var preferredUsername: String?
    public var displayName: String?
    public var email: String?
    public var emailVerified: Bool?
    public var picture: String?
    public var did: String?
    public var publicKey: String?
    /// The public key again under the name Flowsta's SDK reads (with `did` or `public_key`).
    public var agentPubKey: String?
    /// The picture again under the name Flowsta's SDK also reads.
    public var profilePicture: String?

    enum CodingKeys: String, CodingKey {
        case sub, name, email, picture, did
        case profilePicture = "profile_picture"
        case agentPubKey = "agent_pub_key"
        case preferredUsername = "preferred_username"
        case displayName = "display_name"
        case emailVerified = "email_verified"
        case publicKey = "public_key"
    }
}

extension OAuthError {
    /// A bearer token that does not (or no longer) grant access (RFC 6750 §3.1).
    public static let invalidAccessToken = OAuthError(.invalidToken, "the access token is invalid, expired or revoked")
}

extension OAuthProvider {
    /// `GET|POST /oauth/userinfo`.
    /// - Throws: `invalid_token` (401) or `insufficient_scope` (403, no `openid`).
    public func userInfo(accessToken: String, observer: ClientObserver? = nil) async throws -> UserInfoResponse {
        guard let verified = await verifyAccessToken(accessToken), let userID = verified.grant.userID else {
            throw OAuthError.invalidAccessToken
        }
        observer?(verified.client)
        let scope = try ScopeSet(parsing: verified.claims.scope ?? "")
        guard scope.contains(.openid) else { throw OAuthError(.insufficientScope, "the access token lacks the openid scope") }
        guard let user = try await environment.users.find(id: userID) else { throw OAuthError.invalidAccessToken }
        let profile = try environment.accounts.profile(of: user)
        var info = UserInfoResponse(sub: verified.claims.sub)
        if scope.contains(.profile) {
            info.name = profile.displayName ?? profile.username
            info.preferredUsername = profile.username
        }
        if scope.contains(.displayName) { info.displayName = profile.displayName }
        if scope.contains(.username) { info.preferredUsername = profile.username }
        if scope.contains(.email), let email = profile.email {
            info.email = email
            // True only after the user followed a verification link sent to this address.
            info.emailVerified = profile.emailVerified
        }
        // The user's current signing key (registered with its proof of possession).
        let publicKey = user.agentPublicKey.map(Base64URL.encode)
        if scope.contains(.did) { info.did = profile.did }
        if scope.contains(.publicKey) { info.publicKey = publicKey }
        if scope.contains(.did) || scope.contains(.publicKey) { info.agentPubKey = publicKey }
        if scope.contains(.profilePicture), let url = try await environment.accounts.pictureURL(userID: userID) {
            // Served from this server: an app showing it tells no third party about the user.
            info.picture = url
            info.profilePicture = url
        }
        return info
    }

    /// The user and the app a valid access token acts for, when it grants `scope` (Sign It's
    /// `sign`). - Throws: `invalid_token` (401), `insufficient_scope` (403).
    public func bearer(accessToken: String, requiring scope: OAuthScope, observer: ClientObserver? = nil) async throws -> (userID: UUID, client: OAuthClient) {
        guard let verified = await verifyAccessToken(accessToken), let userID = verified.grant.userID else { throw OAuthError.invalidAccessToken }
        observer?(verified.client)
        guard (try? ScopeSet(parsing: verified.claims.scope ?? ""))?.contains(scope) == true else {
            throw OAuthError(.insufficientScope, "the access token lacks the \(scope.rawValue) scope")
        }
        return (userID, verified.client)
    }

    /// The user a valid access token issued to `clientID` acts for: first-party clients running
    /// inside this server (the dashboard) resolve their sign-in with it.
    /// - Throws: `invalid_token` for any other token.
    public func user(ofAccessToken token: String, clientID: String) async throws -> UUID {
        guard let verified = await verifyAccessToken(token), verified.claims.clientID == clientID, let userID = verified.grant.userID else {
            throw OAuthError.invalidAccessToken
        }
        return userID
    }
}
