import Foundation

/// The kind of OAuth client (DESIGN §6).
public enum AppType: String, Sendable, Codable, CaseIterable {
    case web, native, desktop
}

/// Scopes an app may request (DESIGN §5).
public enum Scopes {
    public static let supported: Set<String> = [
        "openid", "profile", "email", "offline_access", "display_name", "username", "profile_picture", "did", "public_key", "sign",
    ]
}

/// An app (OAuth client) as stored; the client secret only as a keyed hash.
public struct StoredApp: Sendable, Equatable {
    public var id: UUID
    public var organizationID: UUID
    public var clientID: String
    public var name: String
    public var description: String?
    public var type: AppType
    public var redirectURIs: [String]
    public var allowedScopes: [String]
    public var logoURL: String?
    public var privacyURL: String?
    public var termsURL: String?
    public var active: Bool
    public var secretHash: String?
    /// The JWS algorithm of this client's ID tokens (`RS256` when `nil`; `ES256`, `EdDSA`).
    public var idTokenSigningAlgorithm: String?
    /// Users must sign in with a second factor to use the app.
    public var requiresSecondFactor: Bool
    /// Authorization requests must use PKCE (on by default; only an app with a client secret
    /// may turn it off, and then each request must carry a `nonce`).
    public var requiresPKCE: Bool
    /// Where RP-initiated logout may send the user afterwards (exact match).
    public var postLogoutRedirectURIs: [String]
    /// Where back-channel logout tokens are posted (OIDC Back-Channel Logout 1.0).
    public var backchannelLogoutURI: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, organizationID: UUID, clientID: String, name: String, description: String?, type: AppType,
        redirectURIs: [String], allowedScopes: [String], logoURL: String?, privacyURL: String?, termsURL: String?,
        active: Bool, secretHash: String?, idTokenSigningAlgorithm: String? = nil, requiresSecondFactor: Bool = false,
        requiresPKCE: Bool = true, postLogoutRedirectURIs: [String] = [], backchannelLogoutURI: String? = nil,
        createdAt: Date, updatedAt: Date
    ) {
        self.requiresPKCE = requiresPKCE
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.backchannelLogoutURI = backchannelLogoutURI
        self.idTokenSigningAlgorithm = idTokenSigningAlgorithm
        self.requiresSecondFactor = requiresSecondFactor
        self.id = id
        self.organizationID = organizationID
        self.clientID = clientID
        self.name = name
        self.description = description
        self.type = type
        self.redirectURIs = redirectURIs
        self.allowedScopes = allowedScopes
        self.logoURL = logoURL
        self.privacyURL = privacyURL
        self.termsURL = termsURL
        self.active = active
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Storage of apps.
public protocol AppRepository: Sendable {
    /// Inserts `app` unless the organization already has `limit` apps (checked and inserted
    /// atomically). - Returns: whether the app was stored.
    func create(_ app: StoredApp, limit: Int?) async throws -> Bool
    func app(id: UUID, organizationID: UUID) async throws -> StoredApp?
    func app(clientID: String) async throws -> StoredApp?
    /// The app with this id, whatever its organization (for the user's own connected apps).
    func app(id: UUID) async throws -> StoredApp?
    func apps(organizationID: UUID, page: PageRequest) async throws -> [StoredApp]
    func update(_ app: StoredApp) async throws
    func delete(id: UUID, organizationID: UUID) async throws
    /// How many apps the organization has.
    func appCount(organizationID: UUID) async throws -> Int
}

/// Flowsta's own OAuth clients: the dashboard signs developers in with "Sign in with Flowsta"
/// like any app, from a system organization that has no members.
public enum FirstPartyApp {
    public static let systemOrganizationID = UUID(uuidString: "00000000-0000-0000-0000-00000000f10a")!
    public static let dashboardAppID = UUID(uuidString: "00000000-0000-0000-0000-00000000da5b")!
    public static let dashboardClientID = "flowsta_app_dashboard"
}
