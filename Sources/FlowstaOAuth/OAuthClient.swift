import FlowstaCore
import FlowstaPlatform
import Foundation
import Synchronization

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
    /// The client, possibly from a cache a few seconds old.
    func client(clientID: String) async throws -> OAuthClient?
    /// The client as stored now (after a secret did not match a cached client, in case the
    /// secret was just rotated).
    func currentClient(clientID: String) async throws -> OAuthClient?
    /// Constant-time check of a confidential client's secret.
    func verifySecret(_ secret: String, of client: OAuthClient) -> Bool
}

extension OAuthClientDirectory {
    public func currentClient(clientID: String) async throws -> OAuthClient? { try await client(clientID: clientID) }
}

/// The directory backed by the developer platform's apps, cached for a few seconds (every
/// token, introspection and revocation request looks its client up): a disabled app stops
/// working on every instance within ``cacheLifetime``; a rotated secret works at once.
public struct PlatformClientDirectory: OAuthClientDirectory {
    public static let cacheLifetime: TimeInterval = 5
    let apps: any AppRepository
    let platform: PlatformService
    let time: any TimeSource
    let cache: ClientCache
    /// Flowsta's own clients (client id → redirect URIs from the configuration).
    let firstParty: [String: [String]]

    /// - Parameter cache: shared with the platform's `appChanged` hook, so changes made on this
    ///   instance apply at once.
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
        var client = try await apps.app(clientID: clientID).map(OAuthClient.init(app:))
        if let redirectURIs = firstParty[clientID] { client?.app.redirectURIs = redirectURIs }
        // A deleted organization's apps stop signing users in until it is restored.
        if let app = client?.app, app.active, try await !platform.isActive(app.organizationID) {
            client?.app.active = false
        }
        cache.put(clientID, client, until: time.now.addingTimeInterval(Self.cacheLifetime))
        return client
    }

    public func verifySecret(_ secret: String, of client: OAuthClient) -> Bool {
        platform.verifyClientSecret(secret, of: client.app)
    }
}

/// Clients (and unknown client ids) by client id, with an expiry.
public final class ClientCache: Sendable {
    private let entries = Mutex<[String: (client: OAuthClient?, until: Date)]>([:])

    public init() {}

    /// Forgets a client (it changed or was deleted).
    public func remove(_ clientID: String) {
        _ = entries.withLock { $0.removeValue(forKey: clientID) }
    }

    func get(_ clientID: String, now: Date) -> OAuthClient?? {
        entries.withLock { entries in
            guard let entry = entries[clientID], entry.until > now else { return nil }
            return .some(entry.client)
        }
    }

    func put(_ clientID: String, _ client: OAuthClient?, until: Date) {
        entries.withLock { entries in
            if entries.count >= 10_000 { entries.removeAll(keepingCapacity: true) }
            entries[clientID] = (client, until)
        }
    }
}
