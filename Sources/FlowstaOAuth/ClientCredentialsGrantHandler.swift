import Foundation

/// `grant_type=client_credentials` (RFC 6749 §4.4): confidential clients acting for themselves.
struct ClientCredentialsGrantHandler: GrantHandler {
    let environment: OAuthEnvironment

    func handle(_ parameters: OAuthParameters, client: OAuthClient) async throws -> TokenResponse {
        // RFC 6749 §4.4: only confidential clients.
        guard client.isConfidential else {
            throw OAuthError(.unauthorizedClient, "client_credentials requires a confidential client (one with a client secret)")
        }
        // User scopes make no sense without a user; none are granted here.
        if let raw = parameters["scope"], !(try ScopeSet(parsing: raw)).isEmpty {
            throw OAuthError(.invalidScope, "client_credentials tokens carry no user scopes")
        }
        let environment = environment
        let now = environment.time.now
        let grant = try await environment.clientGrants.grant(
            clientID: client.clientID, now: now, window: environment.configuration.clientCredentialsGrantReuse,
            isLive: { (try? await environment.liveGrant($0.id)) != nil }
        ) {
            let grant = StoredGrant(
                id: UUID(), userID: nil, appID: client.app.id, clientID: client.clientID, scope: ScopeSet([]),
                authTime: now, createdAt: now
            )
            do {
                try await environment.grants.insert(grant)
            } catch {
                // A client cached on this instance may have been deleted on another one.
                guard try await environment.directory.currentClient(clientID: client.clientID) != nil else {
                    throw OAuthError.invalidClient("unknown client")
                }
                throw error
            }
            return grant
        }
        return try await TokenIssuer(environment: environment).issue(for: grant, client: client, nonce: nil, includeRefresh: false)
    }
}
