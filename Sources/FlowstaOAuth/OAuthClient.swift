import FlowstaPlatform
import Foundation

/// An app as the OAuth engine sees it.
public struct OAuthClient: Sendable, Equatable {
    public var app: StoredApp

    public init(app: StoredApp) { self.app = app }

    public var clientID: String { app.clientID }
    /// Confidential clients hold a secret (RFC 6749 §2.1); public clients rely on PKCE alone.
    public var isConfidential: Bool { app.secretHash != nil }
    public var allowedScope: ScopeSet { ScopeSet(app.allowedScopes.compactMap(OAuthScope.init(rawValue:))) }
    /// OIDC Core §2: RS256 unless the client registered another algorithm.
    public var idTokenAlgorithm: SigningAlgorithm { app.idTokenSigningAlgorithm.flatMap(SigningAlgorithm.init(rawValue:)) ?? .rs256 }
}

/// Looks up clients and checks their secrets.
public protocol OAuthClientDirectory: Sendable {
    func client(clientID: String) async throws -> OAuthClient?
    /// Constant-time check of a confidential client's secret.
    func verifySecret(_ secret: String, of client: OAuthClient) -> Bool
}

/// The directory backed by the developer platform's apps.
public struct PlatformClientDirectory: OAuthClientDirectory {
    let apps: any AppRepository
    let platform: PlatformService

    public init(apps: any AppRepository, platform: PlatformService) {
        self.apps = apps
        self.platform = platform
    }

    public func client(clientID: String) async throws -> OAuthClient? {
        try await apps.app(clientID: clientID).map(OAuthClient.init(app:))
    }

    public func verifySecret(_ secret: String, of client: OAuthClient) -> Bool {
        platform.verifyClientSecret(secret, of: client.app)
    }
}
