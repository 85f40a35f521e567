import Foundation

/// `grant_type=authorization_code` (RFC 6749 §4.1.3, RFC 7636 §4.5).
struct AuthorizationCodeGrantHandler: GrantHandler {
    let environment: OAuthEnvironment

    func handle(_ parameters: OAuthParameters, client: OAuthClient) async throws -> TokenResponse {
        let code = try parameters.required("code")
        let now = environment.time.now
        let codeHash = environment.codeHasher.hash(code)
        guard let stored = try await environment.codes.find(codeHash: codeHash) else {
            throw OAuthError.invalidGrant("the authorization code is invalid")
        }
        if stored.consumedAt != nil { try await replayed(stored.grantID) }
        // Every check before the code is spent: someone holding a leaked code but not the
        // client's credentials or the PKCE verifier cannot burn the user's sign-in.
        let grant = stored.grant
        guard grant.clientID == client.clientID else {
            throw OAuthError.invalidGrant("the authorization code was issued to another client")
        }
        guard stored.expiresAt > now else { throw OAuthError.invalidGrant("the authorization code has expired") }
        // RFC 6749 §4.1.3: the redirect_uri must be identical to the authorization request's.
        if let expected = stored.redirectURI, parameters["redirect_uri"] != expected {
            throw OAuthError.invalidGrant("redirect_uri does not match the authorization request")
        }
        if let challenge = stored.codeChallenge {
            guard let verifier = parameters["code_verifier"] else {
                throw OAuthError.invalidRequest("code_verifier is required (PKCE)")
            }
            // RFC 7636 §4.6: S256 of the verifier must equal the stored challenge.
            guard PKCE.verify(verifier: verifier, challenge: challenge) else {
                throw OAuthError.invalidGrant("code_verifier does not match the code_challenge")
            }
        } else if parameters["code_verifier"] != nil {
            // RFC 9700 §4.8.2: a verifier for a code issued without a challenge is refused (no
            // PKCE downgrade).
            throw OAuthError.invalidGrant("code_verifier was sent, but the authorization request had no code_challenge")
        }
        switch try await environment.codes.consume(codeHash: codeHash, at: now) {
        case .consumed: break
        case .replayed(let grantID): try await replayed(grantID)
        case .unknown: throw OAuthError.invalidGrant("the authorization code is invalid")
        }
        return try await TokenIssuer(environment: environment).issue(for: grant, client: client, nonce: stored.nonce, includeRefresh: true)
    }

    /// RFC 6749 §4.1.2 / RFC 9700 §4.5: a replayed code revokes what it issued.
    private func replayed(_ grantID: UUID) async throws -> Never {
        try await environment.revoke(grantID: grantID)
        throw OAuthError(.invalidGrant, "the authorization code was already used; the tokens issued from it are revoked", cause: "code replay")
    }
}
