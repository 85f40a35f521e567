import FlowstaCore
import FlowstaCrypto
import Foundation
import JWTKit

/// A logout token to post to an app (OIDC Back-Channel Logout 1.0 §2.4).
public struct BackchannelLogout: Sendable, Equatable {
    public var appID: UUID
    public var clientID: String
    public var uri: String
    public var logoutToken: String
}

/// A validated RP-initiated logout request (OIDC RP-Initiated Logout 1.0 §2).
public struct LogoutRequest: Sendable, Equatable {
    /// The app, from `client_id` or the hint's audience.
    public var client: OAuthClient?
    /// The pairwise subject `id_token_hint` names (at `client`).
    public var hintedSubject: String?
    /// Where to send the user afterwards: registered for `client`, exact match.
    public var postLogoutRedirectURI: String?
    public var state: String?

    /// The redirect after logout, with `state`.
    public var redirect: String? {
        guard let uri = postLogoutRedirectURI else { return nil }
        guard let state else { return uri }
        return uri + (uri.contains("?") ? "&" : "?") + FormEncoding.encode(pairs: [("state", state)])
    }
}

/// The claims of a logout token (OIDC Back-Channel Logout §2.4): never a `nonce`.
struct LogoutTokenClaims: JWTPayload, Equatable {
    static let event = "http://schemas.openid.net/event/backchannel-logout"
    var iss: String
    var aud: String
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var jti: String
    var sub: String
    var sid: String

    enum CodingKeys: String, CodingKey { case iss, aud, iat, exp, jti, sub, sid, events }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(iss, forKey: .iss)
        try container.encode(aud, forKey: .aud)
        try container.encode(iat, forKey: .iat)
        try container.encode(exp, forKey: .exp)
        try container.encode(jti, forKey: .jti)
        try container.encode(sub, forKey: .sub)
        try container.encode(sid, forKey: .sid)
        try container.encode([Self.event: [String: String]()], forKey: .events)
    }

    init(iss: String, aud: String, iat: IssuedAtClaim, exp: ExpirationClaim, jti: String, sub: String, sid: String) {
        (self.iss, self.aud, self.iat, self.exp, self.jti, self.sub, self.sid) = (iss, aud, iat, exp, jti, sub, sid)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iss = try container.decode(String.self, forKey: .iss)
        aud = try container.decode(String.self, forKey: .aud)
        iat = try container.decode(IssuedAtClaim.self, forKey: .iat)
        exp = try container.decode(ExpirationClaim.self, forKey: .exp)
        jti = try container.decode(String.self, forKey: .jti)
        sub = try container.decode(String.self, forKey: .sub)
        sid = try container.decode(String.self, forKey: .sid)
    }

    func verify(using _: some JWTAlgorithm) async throws {}
}

extension OAuthProvider {
    /// How long a logout token is valid (the app should accept it for a short while only).
    static let logoutTokenLifetime: TimeInterval = 120

    /// A sign-in session ended (sign-out, "sign out everywhere", a password change): its grants
    /// without `offline_access` are revoked (the app's tokens stop), and each app with a
    /// back-channel logout URI gets a logout token naming the user's pairwise `sub` and the
    /// session's pairwise `sid`.
    public func sessionEnded(sessionRef: String) async throws -> [BackchannelLogout] {
        let grants = try await environment.grants.live(sessionRef: sessionRef)
        var logouts: [BackchannelLogout] = []
        var notified = Set<UUID>()
        let now = Date(timeIntervalSince1970: environment.time.now.timeIntervalSince1970.rounded(.down))
        let ending = grants.filter { !$0.scope.contains(.offlineAccess) }
        for grant in ending { try await environment.revoke(grantID: grant.id) }
        await environment.reportRevoked(ending, reason: .signedOut)
        for grant in grants {
            guard let userID = grant.userID, !notified.contains(grant.appID),
                  let client = try await environment.directory.client(clientID: grant.clientID), let uri = client.app.backchannelLogoutURI
            else { continue }
            notified.insert(grant.appID)
            let claims = LogoutTokenClaims(
                iss: environment.issuer, aud: client.clientID, iat: IssuedAtClaim(value: now),
                exp: ExpirationClaim(value: now.addingTimeInterval(Self.logoutTokenLifetime)), jti: Base64URL.encode(SecureRandom.bytes(16)),
                sub: environment.subject(userID: userID, appID: grant.appID), sid: environment.sid(sessionRef: sessionRef, appID: grant.appID)
            )
            // §2.4: typ logout+jwt, signed like the app's ID tokens.
            let token = try await environment.keys.current.sign(claims, algorithm: client.idTokenAlgorithm, type: "logout+jwt")
            logouts.append(BackchannelLogout(appID: grant.appID, clientID: client.clientID, uri: uri, logoutToken: token))
        }
        return logouts
    }

    /// Checks an RP-initiated logout request: the app (`client_id`, or the audience of
    /// `id_token_hint`), the hint (an ID token this server issued to that app; expired is fine),
    /// and `post_logout_redirect_uri` (registered for that app, exact match).
    /// - Throws: `invalid_request` — shown on a page, never redirected.
    public func validateLogout(_ parameters: OAuthParameters) async throws(OAuthError) -> LogoutRequest {
        do {
            try parameters.requireNoDuplicates()
        } catch let error as OAuthError {
            throw error
        } catch {
            throw OAuthError.invalidRequest("the request could not be read")
        }
        if let state = parameters["state"], state.utf8.count > 2048 { throw OAuthError.invalidRequest("state is too long") }
        var clientID = parameters["client_id"]
        if clientID == nil, let hint = parameters["id_token_hint"] { clientID = Self.audience(ofUnverified: hint) }
        var request = LogoutRequest(state: parameters["state"])
        if let clientID {
            guard clientID.utf8.count <= 200, let client = try? await environment.directory.client(clientID: clientID), client.app.active else {
                throw OAuthError.invalidRequest("there is no app with this client_id")
            }
            request.client = client
        }
        if let hint = parameters["id_token_hint"] {
            guard let client = request.client else { throw OAuthError.invalidRequest("id_token_hint is not an ID token this server issued") }
            request.hintedSubject = try await hintedSubject(hint, client: client)
        }
        if let uri = parameters["post_logout_redirect_uri"] {
            guard let client = request.client else {
                throw OAuthError.invalidRequest("post_logout_redirect_uri needs client_id or id_token_hint to name the app")
            }
            guard client.app.postLogoutRedirectURIs.contains(uri) else {
                throw OAuthError.invalidRequest("post_logout_redirect_uri is not registered for this app (it must match exactly)")
            }
            request.postLogoutRedirectURI = uri
        }
        return request
    }

    /// The `aud` of a JWT, unverified: it names the app whose hint it claims to be, and the
    /// hint is then verified for that app.
    static func audience(ofUnverified token: String) -> String? {
        guard token.utf8.count <= maxHintLength else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let json = Base64URL.decode(String(parts[1])),
              let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else { return nil }
        return object["aud"] as? String
    }
}
