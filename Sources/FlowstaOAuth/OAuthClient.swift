import FlowstaCore
import Foundation
import Synchronization

/// What the OAuth engine knows of an app: the developer platform's app as the composition root
/// hands it over (this module does not know the platform).
public struct ClientApp: Sendable, Equatable {
    public var id: UUID
    public var organizationID: UUID
    public var clientID: String
    public var name: String
    public var redirectURIs: [String]
    public var allowedScopes: [String]
    public var privacyURL: String?
    public var termsURL: String?
    public var active: Bool
    /// Present for confidential clients (a keyed hash: the directory checks secrets).
    public var secretHash: String?
    /// The JWS algorithm of this client's ID tokens (`RS256` when `nil`; `ES256`, `EdDSA`).
    public var idTokenSigningAlgorithm: String?
    /// Users must sign in with a second factor to use the app (the app setting).
    public var requiresSecondFactor: Bool
    /// Authorization requests must use PKCE (the app setting; public clients always must).
    public var requiresPKCE: Bool
    /// Where RP-initiated logout may send the user (exact match).
    public var postLogoutRedirectURIs: [String]
    /// Where back-channel logout tokens go.
    public var backchannelLogoutURI: String?

    public init(
        id: UUID, organizationID: UUID, clientID: String, name: String, redirectURIs: [String], allowedScopes: [String],
        privacyURL: String? = nil, termsURL: String? = nil, active: Bool, secretHash: String?, idTokenSigningAlgorithm: String? = nil,
        requiresSecondFactor: Bool = false, requiresPKCE: Bool = true, postLogoutRedirectURIs: [String] = [], backchannelLogoutURI: String? = nil
    ) {
        self.requiresSecondFactor = requiresSecondFactor
        self.requiresPKCE = requiresPKCE
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.backchannelLogoutURI = backchannelLogoutURI
        self.id = id
        self.organizationID = organizationID
        self.clientID = clientID
        self.name = name
        self.redirectURIs = redirectURIs
        self.allowedScopes = allowedScopes
        self.privacyURL = privacyURL
        self.termsURL = termsURL
        self.active = active
        self.secretHash = secretHash
        self.idTokenSigningAlgorithm = idTokenSigningAlgorithm
    }
}

/// An app as the OAuth engine sees it.
public struct OAuthClient: Sendable, Equatable {
    public var app: ClientApp

    public init(app: ClientApp) { self.app = app }

    public var clientID: String { app.clientID }
    /// Confidential clients hold a secret (RFC 6749 §2.1); public clients rely on PKCE alone.
    public var isConfidential: Bool { app.secretHash != nil }
    /// RFC 9700 §2.1.1: a public client always uses PKCE; a confidential one unless its app
    /// turned it off (then `nonce` protects the code instead).
    public var mustUsePKCE: Bool { app.requiresPKCE || !isConfidential }
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
    /// The client of an app id (the user's connected apps).
    func client(appID: UUID) async throws -> OAuthClient?
}

extension OAuthClientDirectory {
    public func currentClient(clientID: String) async throws -> OAuthClient? { try await client(clientID: clientID) }
}

/// Clients (and unknown client ids) by client id, with an expiry.
public final class ClientCache: Sendable {
    private let entries = Mutex<[String: (client: OAuthClient?, until: Date)]>([:])

    public init() {}

    /// Forgets a client (it changed or was deleted).
    public func remove(_ clientID: String) {
        _ = entries.withLock { $0.removeValue(forKey: clientID) }
    }

    /// Drops the clients `changes` announces as changed, made here or on another instance.
    public func follow(_ changes: CacheChanges) {
        changes.onChange { [self] change in
            switch change {
            case .app(let clientID): remove(clientID)
            case .everything: entries.withLock { $0.removeAll(keepingCapacity: true) }
            case .organization, .grant, .apiKey, .signingKeys: break
            }
        }
    }

    package func get(_ clientID: String, now: Date) -> OAuthClient?? {
        entries.withLock { entries in
            guard let entry = entries[clientID], entry.until > now else { return nil }
            return .some(entry.client)
        }
    }

    package func put(_ clientID: String, _ client: OAuthClient?, until: Date) {
        entries.withLock { entries in
            if entries.count >= 10_000 { entries.removeAll(keepingCapacity: true) }
            entries[clientID] = (client, until)
        }
    }
}
