import Foundation

/// The client credentials a token, revocation or introspection request carried.
public struct ClientCredentials: Sendable, Equatable {
    /// From `Authorization: Basic` (RFC 6749 §2.3.1), already form-decoded.
    public var basic: (id: String, secret: String)?
    /// From the body (`client_id`, `client_secret`).
    public var bodyID: String?
    public var bodySecret: String?

    public init(basic: (id: String, secret: String)?, bodyID: String?, bodySecret: String?) {
        self.basic = basic
        self.bodyID = bodyID
        self.bodySecret = bodySecret
    }

    public static func == (lhs: ClientCredentials, rhs: ClientCredentials) -> Bool {
        lhs.basic?.id == rhs.basic?.id && lhs.basic?.secret == rhs.basic?.secret
            && lhs.bodyID == rhs.bodyID && lhs.bodySecret == rhs.bodySecret
    }
}

/// How a client proved who it is (token endpoint auth methods of the discovery document).
public enum ClientAuthMethod: String, Sendable {
    case none
    case clientSecretBasic = "client_secret_basic"
    case clientSecretPost = "client_secret_post"
}

/// Authenticates clients at the token, revocation and introspection endpoints.
struct ClientAuthenticator: Sendable {
    let directory: any OAuthClientDirectory

    /// - Throws: `invalid_client` (401) for unknown, disabled or unauthenticated clients;
    ///   `invalid_request` when more than one method is used.
    func authenticate(_ credentials: ClientCredentials) async throws -> (OAuthClient, ClientAuthMethod) {
        // RFC 6749 §2.3: a client MUST NOT use more than one authentication method per request.
        if credentials.basic != nil, credentials.bodySecret != nil {
            throw OAuthError.invalidRequest("use either HTTP Basic or client_secret in the body, not both")
        }
        if let basic = credentials.basic, let bodyID = credentials.bodyID, bodyID != basic.id {
            throw OAuthError.invalidRequest("client_id does not match the HTTP Basic credentials")
        }
        guard let clientID = credentials.basic?.id ?? credentials.bodyID, !clientID.isEmpty else {
            throw OAuthError.invalidClient("client authentication is required (client_id)")
        }
        guard var client = try await directory.client(clientID: clientID) else {
            throw OAuthError.invalidClient("unknown client")
        }
        guard client.app.active else { throw OAuthError.invalidClient("this client is disabled") }
        let (secret, method): (String?, ClientAuthMethod) = if let basic = credentials.basic {
            (basic.secret, .clientSecretBasic)
        } else if let bodySecret = credentials.bodySecret {
            (bodySecret, .clientSecretPost)
        } else {
            (nil, .none)
        }
        if let secret, !directory.verifySecret(secret, of: client), let current = try await directory.currentClient(clientID: clientID) {
            // The cached client may predate a secret rotation.
            client = current
            guard client.app.active else { throw OAuthError.invalidClient("this client is disabled") }
        }
        if client.isConfidential {
            guard let secret, directory.verifySecret(secret, of: client) else {
                throw OAuthError.invalidClient(secret == nil ? "this client must authenticate with its client secret" : "client authentication failed")
            }
        } else if secret.map({ !$0.isEmpty }) ?? false {
            throw OAuthError.invalidClient("this is a public client: it has no client secret")
        }
        return (client, method)
    }
}
