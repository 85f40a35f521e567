import FlowstaCore
import Foundation

/// One authorization of one app by one user (or, for `client_credentials`, of the app
/// itself): the root every code, access token and refresh token hangs from, so revoking it
/// ends them all.
public struct StoredGrant: Sendable, Equatable {
    public var id: UUID
    /// `nil` for `client_credentials` grants.
    public var userID: UUID?
    public var appID: UUID
    public var clientID: String
    public var scope: ScopeSet
    /// When the user authenticated (OIDC `auth_time`).
    public var authTime: Date
    /// How the user authenticated (OIDC `amr`, and the `acr` derived from it).
    public var methods: AuthenticationMethods
    /// The `acr` reported (chosen when the grant was made, from the request's `acr_values`).
    public var acr: String?
    /// Claims the `claims` parameter asked for in the ID token (``ClaimsRequest``).
    public var idTokenClaims: [String]
    /// A keyed reference to the sign-in session the grant was made in (`sid` and logout);
    /// `nil` for grants made without one (`client_credentials`).
    public var sessionRef: String?
    public var createdAt: Date
    public var revokedAt: Date?

    public init(
        id: UUID, userID: UUID?, appID: UUID, clientID: String, scope: ScopeSet, authTime: Date, methods: AuthenticationMethods = .password,
        acr: String? = nil, idTokenClaims: [String] = [], sessionRef: String? = nil, createdAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.idTokenClaims = idTokenClaims
        self.sessionRef = sessionRef
        self.methods = methods
        self.acr = acr
        self.userID = userID
        self.appID = appID
        self.clientID = clientID
        self.scope = scope
        self.authTime = authTime
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// An authorization code as stored: only its keyed hash (the code itself is a bearer secret),
/// with the grant it was issued for, so the exchange needs no second lookup (revoking the grant
/// deletes its unspent codes).
public struct StoredAuthorizationCode: Sendable, Equatable {
    public var codeHash: String
    public var grant: StoredGrant
    /// The `redirect_uri` the authorization request carried, which the token request must repeat
    /// (RFC 6749 §4.1.3); `nil` when the request relied on the single registered URI.
    public var redirectURI: String?
    /// `nil` when the authorization request used no PKCE (an app that turned it off).
    public var codeChallenge: String?
    public var nonce: String?
    public var expiresAt: Date
    public var consumedAt: Date?

    public var grantID: UUID { grant.id }

    public init(codeHash: String, grant: StoredGrant, redirectURI: String?, codeChallenge: String?, nonce: String?, expiresAt: Date, consumedAt: Date? = nil) {
        self.codeHash = codeHash
        self.grant = grant
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.nonce = nonce
        self.expiresAt = expiresAt
        self.consumedAt = consumedAt
    }
}

/// A refresh token as stored: its keyed hash, a snapshot of its grant (so a refresh needs no
/// second lookup; revoking the grant deletes its refresh tokens) and when it was rotated away.
public struct StoredRefreshToken: Sendable, Equatable {
    public var tokenHash: String
    public var grant: StoredGrant
    public var expiresAt: Date
    public var rotatedAt: Date?
    /// When the one successor allowed within the grace window after rotation was issued.
    public var gracedAt: Date?

    public var grantID: UUID { grant.id }

    public init(tokenHash: String, grant: StoredGrant, expiresAt: Date, rotatedAt: Date? = nil, gracedAt: Date? = nil) {
        self.tokenHash = tokenHash
        self.grant = grant
        self.expiresAt = expiresAt
        self.rotatedAt = rotatedAt
        self.gracedAt = gracedAt
    }
}

/// The scopes a user agreed to for one app, remembered so the consent page is not shown again
/// for the same (or a smaller) set.
public struct StoredConsent: Sendable, Equatable {
    public var userID: UUID
    public var appID: UUID
    public var scope: ScopeSet
    public var updatedAt: Date

    public init(userID: UUID, appID: UUID, scope: ScopeSet, updatedAt: Date) {
        self.userID = userID
        self.appID = appID
        self.scope = scope
        self.updatedAt = updatedAt
    }
}

/// A token-signing key; the private key is sealed with the KEK (P6).
public struct StoredSigningKey: Sendable, Equatable {
    public var kid: String
    public var algorithm: SigningAlgorithm
    public var sealedPrivateKey: [UInt8]
    public var createdAt: Date
    /// Set when a newer key of the same algorithm took over: the key stays in the JWKS (to
    /// verify tokens it signed) until this instant, then it is dropped.
    public var retiresAt: Date?

    public init(kid: String, algorithm: SigningAlgorithm, sealedPrivateKey: [UInt8], createdAt: Date, retiresAt: Date? = nil) {
        self.kid = kid
        self.algorithm = algorithm
        self.sealedPrivateKey = sealedPrivateKey
        self.createdAt = createdAt
        self.retiresAt = retiresAt
    }

    /// Associated data binding the sealed key to its row.
    public static func sealingContext(kid: String) -> String { "oauth_signing_keys:" + kid }
}
