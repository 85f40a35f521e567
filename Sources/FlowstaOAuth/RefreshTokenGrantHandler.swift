import Foundation

/// `grant_type=refresh_token` (RFC 6749 §6) with rotation on every use (RFC 9700 §4.14.2).
struct RefreshTokenGrantHandler: GrantHandler {
    let environment: OAuthEnvironment

    func handle(_ parameters: OAuthParameters, client: OAuthClient) async throws -> TokenResponse {
        let presented = try parameters.required("refresh_token")
        // RFC 6749 §6: a narrower scope may be requested, never a wider one.
        let requested = try parameters["scope"].map(ScopeSet.init(parsing:))
        if let requested, let current = try await environment.refreshTokens.find(tokenHash: environment.refreshHasher.hash(presented)),
           current.grant.clientID == client.clientID, !requested.isSubset(of: current.grant.scope) {
            // Checked before rotating, so a refused request leaves the token usable.
            throw OAuthError(.invalidScope, "scope exceeds what the user granted")
        }
        let now = environment.time.now
        let nextToken = OAuthEnvironment.randomToken()
        var grant: StoredGrant
        switch try await environment.refreshTokens.rotate(
            tokenHash: environment.refreshHasher.hash(presented), clientID: client.clientID,
            nextHash: environment.refreshHasher.hash(nextToken),
            nextExpiresAt: now.addingTimeInterval(environment.configuration.refreshTokenLifetime),
            maxGrantAge: environment.configuration.refreshTokenAbsoluteLifetime,
            at: now, grace: environment.configuration.refreshGraceWindow
        ) {
        case .rotated(let current), .graced(let current):
            grant = current
        case .reused(let grantID):
            // Reuse of a rotated token means it leaked: end the whole grant.
            try await environment.revoke(grantID: grantID)
            throw OAuthError(.invalidGrant, "the refresh token was already used; this sign-in is revoked", cause: "refresh reuse")
        case .graceSpent:
            throw OAuthError.invalidGrant("the refresh token was already used; use the newest one")
        case .otherClient:
            throw OAuthError.invalidGrant("the refresh token was issued to another client")
        case .expired:
            throw OAuthError.invalidGrant("the refresh token has expired")
        case .unknown:
            throw OAuthError.invalidGrant("the refresh token is invalid or revoked")
        }
        if let requested {
            guard requested.isSubset(of: grant.scope) else {
                throw OAuthError(.invalidScope, "scope exceeds what the user granted")
            }
            grant.scope = requested.union(ScopeSet([.offlineAccess]).intersection(grant.scope))
        }
        var response = try await TokenIssuer(environment: environment).issue(for: grant, client: client, nonce: nil, includeRefresh: false)
        response.refreshToken = nextToken
        return response
    }
}
