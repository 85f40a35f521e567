import FlowstaCore
import FlowstaOAuth
import FlowstaPlatform
import Foundation

/// The directory backed by the developer platform's apps, cached for a few seconds (every
/// token, introspection and revocation request looks its client up): a change to an app is
/// announced (``CacheChange/app(clientID:)``) and drops its entry on every instance at once;
/// ``cacheLifetime`` bounds a lost announcement. A rotated secret works at once.
public struct PlatformClientDirectory: OAuthClientDirectory {
    public static let cacheLifetime: TimeInterval = 5
    let apps: any AppRepository
    let platform: PlatformService
    let time: any TimeSource
    let cache: ClientCache
    /// Flowsta's own clients (client id → redirect URIs from the configuration).
    let firstParty: [String: [String]]

    /// - Parameter cache: following the platform's ``CacheChanges`` (``ClientCache/follow(_:)``),
    ///   so changes apply at once.
    public init(
        apps: any AppRepository, platform: PlatformService, cache: ClientCache = ClientCache(), time: any TimeSource = SystemTimeSource(),
        firstParty: [String: [String]] = [:]
    ) {
        self.firstParty = firstParty
        self.apps = apps
        self.platform = platform
        self.cache = cache
        self.time = time
    }

    public func client(clientID: String) async throws -> OAuthClient? {
        if let cached = cache.get(clientID, now: time.now) { return cached }
        return try await currentClient(clientID: clientID)
    }

    public func currentClient(clientID: String) async throws -> OAuthClient? {
        var client = try await apps.app(clientID: clientID).map(OAuthClient.init)
        if let redirectURIs = firstParty[clientID] { client?.app.redirectURIs = redirectURIs }
        // A deleted organization's apps stop signing users in until it is restored.
        if let app = client?.app, app.active, try await !platform.isActive(app.organizationID) {
            client?.app.active = false
        }
        cache.put(clientID, client, until: time.now.addingTimeInterval(Self.cacheLifetime))
        return client
    }

    public func verifySecret(_ secret: String, of client: OAuthClient) -> Bool {
        platform.verifyClientSecret(secret, hash: client.app.secretHash)
    }

    public func client(appID: UUID) async throws -> OAuthClient? {
        try await apps.app(id: appID).map(OAuthClient.init)
    }
}

extension OAuthClient {
    /// The OAuth engine's view of a platform app.
    init(_ app: StoredApp) {
        self.init(app: ClientApp(
            id: app.id, organizationID: app.organizationID, clientID: app.clientID, name: app.name, redirectURIs: app.redirectURIs,
            allowedScopes: app.allowedScopes, privacyURL: app.privacyURL, termsURL: app.termsURL, active: app.active,
            secretHash: app.secretHash, idTokenSigningAlgorithm: app.idTokenSigningAlgorithm, requiresSecondFactor: app.requiresSecondFactor,
            requiresPKCE: app.requiresPKCE, postLogoutRedirectURIs: app.postLogoutRedirectURIs, backchannelLogoutURI: app.backchannelLogoutURI
        ))
    }
}
