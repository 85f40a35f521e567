import Foundation

/// `grant_type=authorization_code` (RFC 6749 §4.1.3, RFC 7636 §4.5).
struct AuthorizationCodeGrantHandler: GrantHandler {
    let environment: OAuthEnvironment

    func handle(_ parameters: OAuthParameters, client: OAuthClient) async throws -> TokenResponse {
        let code = try parameters.required("code")
        guard let verifier = parameters["code_verifier"] else {
            throw OAuthError.invalidRequest("code_verifier is required (PKCE)")
        }
        let now = environment.time.now
        let stored: StoredAuthorizationCode
        switch try await environment.codes.consume(codeHash: environment.codeHasher.hash(code), at: now) {
        case .unknown:
            throw OAuthError.invalidGrant("the authorization code is invalid")
        case .replayed(let grantID):
            // RFC 6749 §4.1.2 / RFC 9700 §4.5: a replayed code revokes what it issued.
            try await environment.revoke(grantID: grantID)
            throw OAuthError(.invalidGrant, "the authorization code was already used; the tokens issued from it are revoked", cause: "code replay")
        case .consumed(let code):
            stored = code
        }
        let grant = stored.grant
        guard grant.clientID == client.clientID else {
            throw OAuthError.invalidGrant("the authorization code was issued to another client")
        }
        guard stored.expiresAt > now else { throw OAuthError.invalidGrant("the authorization code has expired") }
        // RFC 6749 §4.1.3: the redirect_uri must be identical to the authorization request's.
        if let expected = stored.redirectURI, parameters["redirect_uri"] != expected {
            throw OAuthError.invalidGrant("redirect_uri does not match the authorization request")
        }
        guard PKCE.verify(verifier: verifier, challenge: stored.codeChallenge) else {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge")
        }
        return try await TokenIssuer(environment: environment).issue(for: grant, client: client, nonce: stored.nonce, includeRefresh: true)
    }
}
