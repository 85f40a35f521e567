import FlowstaCore
import FlowstaCrypto
import Foundation

/// App settings as given to create or update an app; `nil` keeps a field on update.
public struct AppSettings: Sendable {
    public var name: String?
    public var description: String??
    public var type: AppType?
    public var redirectURIs: [String]?
    public var allowedScopes: [String]?
    public var logoURL: String??
    public var privacyURL: String??
    public var termsURL: String??
    public var active: Bool?
    /// `RS256` (the default when `nil`), `ES256` or `EdDSA`.
    public var idTokenSigningAlgorithm: String??
    /// Users must sign in with a second factor to use the app.
    public var requiresSecondFactor: Bool?
    public var requiresPKCE: Bool?
    public var postLogoutRedirectURIs: [String]?
    public var backchannelLogoutURI: String??

    public init(
        name: String? = nil, description: String?? = nil, type: AppType? = nil, redirectURIs: [String]? = nil,
        allowedScopes: [String]? = nil, logoURL: String?? = nil, privacyURL: String?? = nil, termsURL: String?? = nil, active: Bool? = nil,
        idTokenSigningAlgorithm: String?? = nil, requiresSecondFactor: Bool? = nil, requiresPKCE: Bool? = nil,
        postLogoutRedirectURIs: [String]? = nil, backchannelLogoutURI: String?? = nil
    ) {
        self.requiresPKCE = requiresPKCE
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.backchannelLogoutURI = backchannelLogoutURI
        self.idTokenSigningAlgorithm = idTokenSigningAlgorithm
        self.requiresSecondFactor = requiresSecondFactor
        self.name = name
        self.description = description
        self.type = type
        self.redirectURIs = redirectURIs
        self.allowedScopes = allowedScopes
        self.logoURL = logoURL
        self.privacyURL = privacyURL
        self.termsURL = termsURL
        self.active = active
    }
}

/// A client secret, shown once.
public struct IssuedClientSecret: Sendable {
    public var app: StoredApp
    public var secret: String
}

extension PlatformService {
    static let clientIDPrefix = "flowsta_app_"
    static let clientSecretPrefix = "flowsta_secret_"

    /// Creates an app, within the plan's app limit.
    public func createApp(_ principal: Principal, _ organizationID: UUID, _ settings: AppSettings) async throws -> StoredApp {
        try await authorize(principal, organizationID, .manageApps)
        guard let organization = try await organizations.find(id: organizationID) else { throw PlatformError.notFound }
        guard let name = settings.name, let type = settings.type, let redirectURIs = settings.redirectURIs else {
            throw PlatformError.invalidRequest("name, type and redirect_uris are required")
        }
        let now = timestamp()
        var app = StoredApp(
            id: UUID(), organizationID: organizationID, clientID: Self.clientIDPrefix + Base62.encode(SecureRandom.bytes(16)),
            name: try Self.validName(name), description: nil, type: type,
            redirectURIs: try AppValidation.redirectURIs(redirectURIs, type: type),
            allowedScopes: try AppValidation.scopes(settings.allowedScopes ?? ["openid", "profile"]),
            logoURL: nil, privacyURL: nil, termsURL: nil, active: settings.active ?? true, secretHash: nil, createdAt: now, updatedAt: now
        )
        try apply(settings, to: &app)
        guard try await apps.create(app, limit: organization.plan.appLimit) else {
            throw PlatformError.planLimit("the \(organization.plan.rawValue) plan allows \(organization.plan.appLimit ?? 0) app(s); upgrade the plan to add more")
        }
        try await record(principal, organizationID, "app.created", "app", app.id.uuidString.lowercased())
        if case .apiKey = principal { await alertRedirectURIsAdded(organizationID, app: app, added: app.redirectURIs) }
        return app
    }

    public func listApps(_ principal: Principal, _ organizationID: UUID, page: PageRequest) async throws -> Page<StoredApp> {
        try await authorize(principal, organizationID, .read)
        var request = page
        request.limit += 1
        return PageCursor.page(try await apps.apps(organizationID: organizationID, page: request), limit: page.limit) { ($0.createdAt, $0.id) }
    }

    public func app(_ principal: Principal, _ organizationID: UUID, _ appID: UUID) async throws -> StoredApp {
        try await authorize(principal, organizationID, .read)
        guard let app = try await apps.app(id: appID, organizationID: organizationID) else { throw PlatformError.notFound }
        return app
    }

    /// Changes settings; `active: false` disables the app (it stops signing users in).
    public func updateApp(_ principal: Principal, _ organizationID: UUID, _ appID: UUID, _ settings: AppSettings) async throws -> StoredApp {
        try await authorize(principal, organizationID, .manageApps)
        guard var app = try await apps.app(id: appID, organizationID: organizationID) else { throw PlatformError.notFound }
        let previousURIs = Set(app.redirectURIs)
        if let name = settings.name { app.name = try Self.validName(name) }
        if let type = settings.type { app.type = type }
        if let uris = settings.redirectURIs ?? (settings.type != nil ? app.redirectURIs : nil) {
            app.redirectURIs = try AppValidation.redirectURIs(uris, type: app.type)
        }
        if let scopes = settings.allowedScopes { app.allowedScopes = try AppValidation.scopes(scopes) }
        try apply(settings, to: &app)
        app.updatedAt = timestamp()
        try await apps.update(app)
        await changes.announce(.app(clientID: app.clientID))
        let action = settings.active == false ? "app.disabled" : (settings.active == true ? "app.enabled" : "app.updated")
        try await record(principal, organizationID, action, "app", appID.uuidString.lowercased())
        await alertRedirectURIsAdded(organizationID, app: app, added: app.redirectURIs.filter { !previousURIs.contains($0) })
        return app
    }

    /// Where sign-in codes go is the most sensitive setting of an app: the owners hear of every
    /// redirect URI added after the app exists, and of those an API key sets up.
    private func alertRedirectURIsAdded(_ organizationID: UUID, app: StoredApp, added: [String]) async {
        guard !added.isEmpty else { return }
        let list = added.map { "  " + $0 }.joined(separator: "\n")
        await alertOwners(organizationID, subject: "redirect URI added to \(app.name)", text: """
            The app "\(app.name)" (\(app.clientID)) now sends sign-ins to:
            \(list)
            """, advice: Self.reviewAdvice)
    }

    public func deleteApp(_ principal: Principal, _ organizationID: UUID, _ appID: UUID) async throws {
        try await authorize(principal, organizationID, .manageApps)
        guard let app = try await apps.app(id: appID, organizationID: organizationID) else { throw PlatformError.notFound }
        try await apps.delete(id: appID, organizationID: organizationID)
        await changes.announce(.app(clientID: app.clientID))
        try await record(principal, organizationID, "app.deleted", "app", appID.uuidString.lowercased())
    }

    /// Issues a new client secret (making the app a confidential client); the previous secret,
    /// if any, stops working at once.
    public func rotateClientSecret(_ principal: Principal, _ organizationID: UUID, _ appID: UUID) async throws -> IssuedClientSecret {
        try await authorize(principal, organizationID, .manageApps)
        guard var app = try await apps.app(id: appID, organizationID: organizationID) else { throw PlatformError.notFound }
        let secret = Self.clientSecretPrefix + Base62.encode(SecureRandom.bytes(32))
        app.secretHash = secretHasher.hash(secret)
        app.updatedAt = timestamp()
        try await apps.update(app)
        await changes.announce(.app(clientID: app.clientID))
        try await record(principal, organizationID, "app.secret_rotated", "app", appID.uuidString.lowercased())
        return IssuedClientSecret(app: app, secret: secret)
    }

    /// Checks a confidential client's secret in constant time (for the token endpoint).
    public func verifyClientSecret(_ secret: String, of app: StoredApp) -> Bool {
        verifyClientSecret(secret, hash: app.secretHash)
    }

    /// Constant-time check of a secret against an app's stored secret hash.
    public func verifyClientSecret(_ secret: String, hash: String?) -> Bool {
        guard let stored = hash else { return false }
        let presented = secretHasher.hash(secret)
        return ConstantTime.equal(presented, stored)
    }

    private func apply(_ settings: AppSettings, to app: inout StoredApp) throws {
        if let description = settings.description { app.description = try description.map(AppValidation.description) }
        if let logo = settings.logoURL { app.logoURL = try logo.map { try AppValidation.link($0, field: "logo_url") } }
        if let privacy = settings.privacyURL { app.privacyURL = try privacy.map { try AppValidation.link($0, field: "privacy_url") } }
        if let terms = settings.termsURL { app.termsURL = try terms.map { try AppValidation.link($0, field: "terms_url") } }
        if let active = settings.active { app.active = active }
        if let algorithm = settings.idTokenSigningAlgorithm { app.idTokenSigningAlgorithm = try algorithm.map(AppValidation.idTokenAlgorithm) }
        if let required = settings.requiresSecondFactor { app.requiresSecondFactor = required }
        if let required = settings.requiresPKCE { app.requiresPKCE = required }
        // RFC 9700 §2.1.1: public clients must use PKCE; only a client secret makes it optional.
        guard app.requiresPKCE || app.secretHash != nil else {
            throw PlatformError.invalidRequest("require_pkce can be false only for an app with a client secret (public clients always use PKCE)")
        }
        if let uris = settings.postLogoutRedirectURIs { app.postLogoutRedirectURIs = try AppValidation.postLogoutRedirectURIs(uris, type: app.type) }
        if let uri = settings.backchannelLogoutURI { app.backchannelLogoutURI = try uri.map(AppValidation.backchannelLogoutURI) }
    }
}
