import Foundation

/// One grant type of the token endpoint (RFC 6749 §4).
protocol GrantHandler: Sendable {
    /// Answers a token request from an authenticated client.
    func handle(_ parameters: OAuthParameters, client: OAuthClient) async throws -> TokenResponse
}
