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
            if grant.scope.contains(.email), let userID = grant.userID, let user = try await environment.users.find(id: userID),
               let email = try environment.accounts.profile(of: user).email {
                idClaims.email = email
                idClaims.emailVerified = user.emailVerified
            }
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
}
