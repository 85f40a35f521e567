import Foundation

/// Turns `/oauth/authorize` parameters into an ``AuthorizationRequest``.
struct AuthorizationRequestValidator: Sendable {
    let directory: any OAuthClientDirectory
    let issuer: String

    func validate(_ parameters: OAuthParameters) async throws(AuthorizationFailure) -> AuthorizationRequest {
        // Until the client and its redirect URI check out, errors go to an error page.
        let client: OAuthClient
        let redirectURI: String
        do {
            try parameters.requireNoDuplicates()
            let clientID = try parameters.required("client_id")
            guard let found = try await directory.client(clientID: clientID) else {
                throw OAuthError.invalidRequest("there is no app with this client_id")
            }
            guard found.app.active else { throw OAuthError(.unauthorizedClient, "this app is disabled") }
            client = found
            redirectURI = try Self.redirectURI(parameters["redirect_uri"], registered: found.app.redirectURIs)
        } catch let error as OAuthError {
            throw AuthorizationFailure(error: error, redirect: nil)
        } catch {
            throw AuthorizationFailure(error: OAuthError(.serverError, "the request could not be processed", cause: String(describing: type(of: error))), redirect: nil)
        }
        let redirect = AuthorizationRedirect(redirectURI: redirectURI, state: parameters["state"], issuer: issuer)
        do {
            return try Self.request(parameters, client: client, redirectURI: redirectURI)
        } catch let error as OAuthError {
            throw AuthorizationFailure(error: error, redirect: redirect)
        } catch {
            throw AuthorizationFailure(error: OAuthError(.serverError, "the request could not be processed"), redirect: redirect)
        }
    }

    /// RFC 6749 §3.1.2.3 / RFC 9700 §4.1.3: exact string match against a registered URI.
    static func redirectURI(_ presented: String?, registered: [String]) throws -> String {
        guard let presented else {
            guard registered.count == 1 else {
                throw OAuthError.invalidRequest("redirect_uri is required (the app has several registered)")
            }
            return registered[0]
        }
        guard registered.contains(presented) else {
            throw OAuthError.invalidRequest("redirect_uri is not registered for this app (it must match exactly)")
        }
        return presented
    }

    static func request(_ parameters: OAuthParameters, client: OAuthClient, redirectURI: String) throws -> AuthorizationRequest {
        guard let responseType = parameters["response_type"] else { throw OAuthError.invalidRequest("response_type is required") }
        guard responseType == "code" else {
            throw OAuthError(.unsupportedResponseType, "only response_type=code is supported")
        }
        // OIDC Core §6: request objects are not supported, with the codes §3.1.2.6 gives.
        if parameters["request"] != nil {
            throw OAuthError(.requestNotSupported, "request objects are not supported: send the parameters in the query")
        }
        if parameters["request_uri"] != nil {
            throw OAuthError(.requestURINotSupported, "request_uri is not supported: send the parameters in the query")
        }
        if let mode = parameters["response_mode"], mode != "query" {
            throw OAuthError.invalidRequest("only response_mode=query is supported")
        }
        let challenge = try Self.codeChallenge(parameters, client: client)
        // Without PKCE, the nonce in the ID token is what ties the code to the client's
        // session (RFC 9700 §2.1.1, §4.5.3.2).
        if challenge == nil, parameters["nonce"] == nil {
            throw OAuthError.invalidRequest("nonce is required when the request does not use PKCE")
        }
        var scope = try parameters["scope"].map(ScopeSet.init(parsing:)) ?? ScopeSet([.openid])
        guard !scope.isEmpty else { throw OAuthError(.invalidScope, "scope is empty") }
        let notAllowed = scope.subtracting(client.allowedScope)
        guard notAllowed.isEmpty else {
            throw OAuthError(.invalidScope, "this app may not request: \(notAllowed.wire)")
        }
        let claims = try parameters["claims"].map(ClaimsRequest.init(parsing:)) ?? ClaimsRequest()
        if scope.contains(.openid) {
            // A claim asks for the scope that releases it, where the app may request that scope.
            scope = scope.union(claims.scopes.intersection(client.allowedScope))
        }
        let prompt = Set((parameters["prompt"] ?? "").split(separator: " ").map(String.init))
        if prompt.contains("none"), prompt.count > 1 {
            throw OAuthError.invalidRequest("prompt=none cannot be combined with other values")
        }
        var maxAge: Int?
        if let raw = parameters["max_age"] {
            guard let value = Int(raw), value >= 0 else { throw OAuthError.invalidRequest("max_age must be a non-negative integer") }
            maxAge = value
        }
        if let nonce = parameters["nonce"], nonce.utf8.count > 512 { throw OAuthError.invalidRequest("nonce is too long") }
        if let acr = parameters["acr_values"], acr.utf8.count > 512 { throw OAuthError.invalidRequest("acr_values is too long") }
        if let state = parameters["state"], state.utf8.count > 2048 { throw OAuthError.invalidRequest("state is too long") }
        // Accepted and bounded; `display`, `ui_locales` and `claims_locales` change nothing
        // (the pages have one layout and one language).
        for name in ["id_token_hint", "login_hint", "display", "ui_locales", "claims_locales"] {
            if let value = parameters[name], value.utf8.count > (name == "id_token_hint" ? 8192 : 512) {
                throw OAuthError.invalidRequest("\(name) is too long")
            }
        }
        if let display = parameters["display"], !["page", "popup", "touch", "wap"].contains(display) {
            throw OAuthError.invalidRequest("display must be page, popup, touch or wap")
        }
        var acrValues = AuthenticationContextClass.requested(parameters["acr_values"])
        acrValues += claims.acrValues.compactMap(AuthenticationContextClass.init(rawValue:)).filter { !acrValues.contains($0) }
        var request = AuthorizationRequest(
            client: client, redirectURI: redirectURI, redirectURIWasSent: parameters["redirect_uri"] != nil, scope: scope,
            state: parameters["state"], nonce: parameters["nonce"], codeChallenge: challenge, prompt: prompt, maxAge: maxAge,
            acrValues: acrValues
        )
        request.idTokenClaims = claims.idTokenClaims
        request.idTokenHint = parameters["id_token_hint"]
        request.loginHint = parameters["login_hint"]
        return request
    }

    /// The PKCE challenge: required from public clients and from apps that keep PKCE on; a
    /// challenge sent by any client is checked and then enforced at the token endpoint.
    static func codeChallenge(_ parameters: OAuthParameters, client: OAuthClient) throws -> String? {
        guard let challenge = parameters["code_challenge"] else {
            // RFC 9700 §2.1.1 / RFC 7636: PKCE is mandatory for this client.
            guard !client.mustUsePKCE else { throw OAuthError.invalidRequest("code_challenge is required (PKCE with S256)") }
            guard parameters["code_challenge_method"] == nil else {
                throw OAuthError.invalidRequest("code_challenge_method without code_challenge")
            }
            return nil
        }
        // Only S256 (plain is refused).
        guard parameters["code_challenge_method"] == "S256" else {
            throw OAuthError.invalidRequest("code_challenge_method must be S256 (plain is not allowed)")
        }
        guard challenge.utf8.count == 43, PKCE.isWellFormed(challenge) else {
            throw OAuthError.invalidRequest("code_challenge must be the 43-character base64url SHA-256 of the code_verifier")
        }
        return challenge
    }
}
