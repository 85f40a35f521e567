import Foundation

/// `grant_type=refresh_token` (RFC 6749 §6) with rotation on every use (RFC 9700 §4.14.2).
struct RefreshTokenGrantHandler: GrantHandler {
    let environment: OAuthEnvironment

    func handle(_ parameters: OAuthParameters, client: OAuthClient) async throws -> TokenResponse {
        let presented = try parameters.required("refresh_token")
        let hash = environment.refreshHasher.hash(presented)
        guard let current = try await environment.refreshTokens.find(tokenHash: hash),
              var grant = try await environment.grants.find(id: current.grantID), grant.revokedAt == nil else {
            throw OAuthError.invalidGrant("the refresh token is invalid or revoked")
        }
        guard grant.clientID == client.clientID else {
            throw OAuthError.invalidGrant("the refresh token was issued to another client")
        }
        // RFC 6749 §6: a narrower scope may be requested, never a wider one.
        if let raw = parameters["scope"] {
            let requested = try ScopeSet(parsing: raw)
            guard requested.isSubset(of: grant.scope) else {
                throw OAuthError(.invalidScope, "scope exceeds what the user granted")
            }
            grant.scope = requested.union(ScopeSet([.offlineAccess]).intersection(grant.scope))
        }
        let now = environment.time.now
        let nextToken = OAuthEnvironment.randomToken()
        let next = StoredRefreshToken(
            tokenHash: environment.refreshHasher.hash(nextToken), grantID: grant.id,
            expiresAt: now.addingTimeInterval(environment.configuration.refreshTokenLifetime)
        )
        switch try await environment.refreshTokens.rotate(
            tokenHash: hash, next: next, at: now, grace: environment.configuration.refreshGraceWindow
        ) {
        case .rotated, .graced:
            break
        case .reused(let grantID):
            // Reuse of a rotated token means it leaked: end the whole grant.
            try await environment.revoke(grantID: grantID)
            throw OAuthError(.invalidGrant, "the refresh token was already used; this sign-in is revoked", cause: "refresh reuse")
        case .expired:
            throw OAuthError.invalidGrant("the refresh token has expired")
        case .unknown:
            throw OAuthError.invalidGrant("the refresh token is invalid or revoked")
        }
        var response = try await TokenIssuer(environment: environment).issue(for: grant, client: client, nonce: nil, includeRefresh: false)
        response.refreshToken = nextToken
        return response
    }
}
