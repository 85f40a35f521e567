import FlowstaCore
import FlowstaCrypto
import Foundation
import JWTKit

/// Mints the tokens of one grant.
struct TokenIssuer: Sendable {
    let environment: OAuthEnvironment

    /// Access token, ID token (when `openid` was granted) and refresh token (when
    /// `offline_access` was granted and `includeRefresh`).
    func issue(for grant: StoredGrant, client: OAuthClient, nonce: String?, includeRefresh: Bool) async throws -> TokenResponse {
        let configuration = environment.configuration
        // JWT NumericDates in whole seconds (what relying-party libraries expect).
        let now = Date(timeIntervalSince1970: environment.time.now.timeIntervalSince1970.rounded(.down))
        let keys = environment.keys.current
        let subject = grant.userID.map { environment.subject(userID: $0, appID: grant.appID) } ?? client.clientID
        let accessClaims = AccessTokenClaims(
            iss: environment.issuer, sub: subject, aud: client.clientID, clientID: client.clientID,
            exp: ExpirationClaim(value: now.addingTimeInterval(configuration.accessTokenLifetime)),
            iat: IssuedAtClaim(value: now), jti: Base64URL.encode(SecureRandom.bytes(16)),
            scope: grant.scope.isEmpty ? nil : grant.scope.wire, gid: grant.id.uuidString.lowercased(),
            authTime: grant.userID == nil ? nil : Int(grant.authTime.timeIntervalSince1970)
        )
        // RFC 9068 §2.1: access tokens carry `typ: at+jwt`.
        let accessToken = try await keys.sign(accessClaims, algorithm: configuration.accessTokenAlgorithm, type: "at+jwt")
        var response = TokenResponse(
            accessToken: accessToken, expiresIn: Int(configuration.accessTokenLifetime), scope: grant.scope.isEmpty ? nil : grant.scope.wire
        )
        if grant.userID != nil, grant.scope.contains(.openid) {
            let algorithm = client.idTokenAlgorithm
            var idClaims = IDTokenClaims(
                iss: environment.issuer, sub: subject, aud: client.clientID, azp: client.clientID,
                exp: ExpirationClaim(value: now.addingTimeInterval(configuration.idTokenLifetime)),
                iat: IssuedAtClaim(value: now), authTime: Int(grant.authTime.timeIntervalSince1970),
                amr: grant.methods.values, acr: grant.acr ?? AuthenticationContextClass.achieved(by: grant.methods).rawValue,
                nonce: nonce, atHash: algorithm.accessTokenHash(accessToken)
            )
            idClaims.sid = grant.sessionRef.map { environment.sid(sessionRef: $0, appID: grant.appID) }
            try await addProfileClaims(to: &idClaims, grant: grant)
            response.idToken = try await keys.sign(idClaims, algorithm: algorithm, type: "JWT")
        }
        if includeRefresh, grant.userID != nil, grant.scope.contains(.offlineAccess) {
            let token = OAuthEnvironment.randomToken()
            try await environment.refreshTokens.insert(StoredRefreshToken(
                tokenHash: environment.refreshHasher.hash(token), grant: grant,
                expiresAt: now.addingTimeInterval(configuration.refreshTokenLifetime)
            ))
            response.refreshToken = token
        }
        return response
    }

    /// `email` with the `email` scope (as before), and the claims the `claims` parameter asked
    /// for in the ID token, each only under the granted scope that releases it.
    private func addProfileClaims(to claims: inout IDTokenClaims, grant: StoredGrant) async throws {
        let wanted = Set(grant.idTokenClaims).filter { ClaimsRequest.scope(releasing: $0).map(grant.scope.contains) ?? false }
        guard grant.scope.contains(.email) || !wanted.isEmpty, let userID = grant.userID,
              let user = try await environment.users.find(id: userID) else { return }
        let profile = try environment.accounts.profile(of: user)
        if grant.scope.contains(.email), let email = profile.email {
            claims.email = email
            claims.emailVerified = user.emailVerified
        }
        let publicKey = user.agentPublicKey.map(Base64URL.encode)
        for claim in wanted {
            switch claim {
            case "name": claims.name = profile.displayName ?? profile.username
            case "preferred_username": claims.preferredUsername = profile.username
            case "display_name": claims.displayName = profile.displayName
            case "picture", "profile_picture": claims.picture = try await environment.accounts.pictureURL(userID: userID)
            case "did": claims.did = profile.did
            case "public_key": claims.publicKey = publicKey
            case "agent_pub_key": claims.agentPubKey = publicKey
            default: break
            }
        }
    }
}
