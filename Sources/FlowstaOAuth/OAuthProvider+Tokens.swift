import FlowstaAccounts
import FlowstaCore
import Foundation

/// RFC 7662 §2.2 introspection response.
public struct IntrospectionResponse: Sendable, Encodable, Equatable {
    public var active: Bool
    public var scope: String?
    public var clientID: String?
    public var tokenType: String?
    public var exp: Int?
    public var iat: Int?
    public var sub: String?
    public var aud: String?
    public var iss: String?
    public var jti: String?

    static let inactive = IntrospectionResponse(active: false)

    enum CodingKeys: String, CodingKey {
        case active, scope, exp, iat, sub, aud, iss, jti
        case clientID = "client_id"
        case tokenType = "token_type"
    }
}

/// A verified access token and the live grant behind it.
struct VerifiedAccessToken: Sendable {
    var claims: AccessTokenClaims
    var grant: StoredGrant
    /// The app the token was issued to, active (and its organization not deleted).
    var client: OAuthClient
}

extension OAuthProvider {
    /// Verifies one of our access tokens: signature by a published key, issuer, expiry, a grant
    /// that is not revoked, and an app that is still active in an organization that is not
    /// deleted (a disabled app's tokens stop working at once, not when they expire).
    /// - Returns: `nil` for anything else.
    func verifyAccessToken(_ token: String) async -> VerifiedAccessToken? {
        let now = environment.time.now
        let claims: AccessTokenClaims
        if let cached = environment.verifiedTokens.get(token, now: now) {
            claims = cached
        } else {
            guard token.utf8.count < 4096, token.utf8.count(where: { $0 == UInt8(ascii: ".") }) == 2,
                  let verified = try? await environment.keys.verify(token, as: AccessTokenClaims.self, type: "at+jwt"),
                  verified.iss == environment.issuer, verified.exp.value > now
            else { return nil }
            environment.verifiedTokens.put(token, verified)
            claims = verified
        }
        guard let grantID = UUID(uuidString: claims.gid),
              let grant = try? await environment.liveGrant(grantID),
              grant.clientID == claims.clientID,
              let client = try? await environment.directory.client(clientID: claims.clientID), client.app.active
        else { return nil }
        return VerifiedAccessToken(claims: claims, grant: grant, client: client)
    }

    /// `POST /oauth/introspect` (RFC 7662): active only for live tokens issued to the calling
    /// client; everything else (other clients' tokens included) is `{"active": false}`.
    public func introspect(token: String, credentials: ClientCredentials, observer: ClientObserver? = nil) async throws -> IntrospectionResponse {
        let (client, _) = try await authenticator.authenticate(credentials)
        observer?(client)
        if let verified = await verifyAccessToken(token) {
            guard verified.claims.clientID == client.clientID else { return .inactive }
            let claims = verified.claims
            return IntrospectionResponse(
                active: true, scope: claims.scope, clientID: claims.clientID, tokenType: "Bearer",
                exp: Int(claims.exp.value.timeIntervalSince1970), iat: Int(claims.iat.value.timeIntervalSince1970),
                sub: claims.sub, aud: claims.aud, iss: claims.iss, jti: claims.jti
            )
        }
        let now = environment.time.now
        guard let stored = try await environment.refreshTokens.find(tokenHash: environment.refreshHasher.hash(token)),
              stored.rotatedAt == nil, stored.expiresAt > now,
              let grant = try await environment.liveGrant(stored.grantID), grant.clientID == client.clientID
        else { return .inactive }
        return IntrospectionResponse(
            active: true, scope: grant.scope.wire, clientID: grant.clientID, tokenType: "refresh_token",
            exp: Int(stored.expiresAt.timeIntervalSince1970), iat: nil,
            sub: grant.userID.map { environment.subject(userID: $0, appID: grant.appID) }, aud: grant.clientID,
            iss: environment.issuer, jti: nil
        )
    }

    /// `POST /oauth/revoke` (RFC 7009): revoking an access or refresh token ends its grant
    /// (so the refresh token and every access token of that sign-in stop working). Unknown
    /// tokens and other clients' tokens are ignored (§2.2: the answer is 200 either way).
    public func revoke(token: String, credentials: ClientCredentials, observer: ClientObserver? = nil) async throws {
        let (client, _) = try await authenticator.authenticate(credentials)
        observer?(client)
        if let verified = await verifyAccessToken(token) {
            if verified.claims.clientID == client.clientID {
                try await environment.revoke(grantID: verified.grant.id)
                await environment.reportRevoked([verified.grant], reason: .revokedByApp)
            }
            return
        }
        guard let stored = try await environment.refreshTokens.find(tokenHash: environment.refreshHasher.hash(token)),
              stored.grant.clientID == client.clientID
        else { return }
        try await environment.revoke(grantID: stored.grantID)
        await environment.reportRevoked([stored.grant], reason: .revokedByApp)
    }
}
