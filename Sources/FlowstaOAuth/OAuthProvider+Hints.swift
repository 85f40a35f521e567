import Foundation

extension OAuthProvider {
    /// The longest `id_token_hint` looked at.
    static let maxHintLength = 8192

    /// The pairwise subject an `id_token_hint` names, after checking it is an ID token this
    /// server signed for `client` (OIDC Core §3.1.2.1: an expired one is still a hint, so `exp`
    /// is not checked; RP-Initiated Logout §2 likewise).
    /// - Throws: `invalid_request` for anything else.
    public func hintedSubject(_ hint: String, client: OAuthClient) async throws(OAuthError) -> String {
        guard hint.utf8.count <= Self.maxHintLength, hint.utf8.count(where: { $0 == UInt8(ascii: ".") }) == 2,
              let claims = try? await environment.keys.verify(hint, as: IDTokenClaims.self, type: "JWT"),
              claims.iss == environment.issuer, claims.aud == client.clientID
        else { throw OAuthError.invalidRequest("id_token_hint is not an ID token this server issued to this app") }
        return claims.sub
    }

    /// The subject `userID` has at `client` (pairwise).
    public func subject(userID: UUID, client: OAuthClient) -> String {
        environment.subject(userID: userID, appID: client.app.id)
    }

    /// The subject `userID` has at the app `appID` (pairwise; webhooks name users so).
    public func subject(userID: UUID, appID: UUID) -> String {
        environment.subject(userID: userID, appID: appID)
    }

    /// The `sid` a session (by its reference) has at `client`.
    public func sid(sessionRef: String, client: OAuthClient) -> String {
        environment.sid(sessionRef: sessionRef, appID: client.app.id)
    }
}
