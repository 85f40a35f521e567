import Foundation

/// What happened to a code presented at the token endpoint.
public enum CodeConsumption: Sendable, Equatable {
    /// First use: the code is now spent.
    case consumed(StoredAuthorizationCode)
    /// The code was spent before (RFC 6749 §4.1.2: revoke what it issued).
    case replayed(grantID: UUID)
    case unknown
}

/// Storage of authorization codes.
public protocol AuthorizationCodeRepository: Sendable {
    func insert(_ code: StoredAuthorizationCode) async throws
    /// The code as stored (spent or not), without changing it.
    func find(codeHash: String) async throws -> StoredAuthorizationCode?
    /// Marks the code spent and returns it, atomically: of concurrent calls exactly one gets
    /// `.consumed`; later ones get `.replayed` while the row is kept (until it is purged).
    func consume(codeHash: String, at now: Date) async throws -> CodeConsumption
}

/// What happened to a refresh token presented for rotation.
public enum RefreshRotation: Sendable, Equatable {
    /// The token was current; it is now rotated and the successor stored in the same grant.
    case rotated(StoredGrant)
    /// The token was rotated less than the grace window ago (a concurrent refresh): the
    /// successor is stored too and the grant lives on. Once per token.
    case graced(StoredGrant)
    /// The token was rotated less than the grace window ago and its one grace successor was
    /// already issued: nothing is issued (a leaked token cannot mint a chain of successors).
    case graceSpent
    /// The token was rotated before the grace window: the caller revokes the grant.
    case reused(grantID: UUID)
    /// The token belongs to another client (nothing changed).
    case otherClient
    case expired
    case unknown
}

/// Storage of refresh tokens.
public protocol RefreshTokenRepository: Sendable {
    func insert(_ token: StoredRefreshToken) async throws
    func find(tokenHash: String) async throws -> StoredRefreshToken?
    /// Marks `tokenHash` rotated, if it is current, unexpired and `clientID`'s, and stores a
    /// successor with `nextHash` in the same grant (see ``RefreshRotation``). Of concurrent
    /// calls exactly one gets `.rotated`, and of those within the grace window exactly one gets
    /// `.graced`. The successor expires at `nextExpiresAt`, but never later than `maxGrantAge`
    /// after the grant was created (the absolute lifetime of a sign-in).
    func rotate(
        tokenHash: String, clientID: String, nextHash: String, nextExpiresAt: Date, maxGrantAge: TimeInterval, at now: Date, grace: TimeInterval
    ) async throws -> RefreshRotation
}

/// Storage of grants.
public protocol GrantRepository: Sendable {
    func insert(_ grant: StoredGrant) async throws
    func find(id: UUID) async throws -> StoredGrant?
    /// Marks the grant revoked and deletes its refresh tokens and unspent codes.
    func revoke(id: UUID, at now: Date) async throws
    /// Revokes every live grant of `userID` for `appID` (for every app when `nil`).
    /// - Returns: the revoked grant ids.
    func revokeAll(userID: UUID, appID: UUID?, at now: Date) async throws -> [UUID]
    /// The live grants made in the sign-in session with this reference.
    func live(sessionRef: String) async throws -> [StoredGrant]
}

/// Storage of remembered consents.
public protocol ConsentRepository: Sendable {
    func find(userID: UUID, appID: UUID) async throws -> StoredConsent?
    func save(_ consent: StoredConsent) async throws
    func delete(userID: UUID, appID: UUID) async throws
    func list(userID: UUID) async throws -> [StoredConsent]
}

/// Storage of signing keys.
public protocol SigningKeyRepository: Sendable {
    func all() async throws -> [StoredSigningKey]
    func insert(_ key: StoredSigningKey) async throws
    func retire(kid: String, at: Date) async throws
    /// Deletes keys whose retirement instant has passed.
    func deleteRetired(before now: Date) async throws
}

/// What a retention run deleted.
public struct OAuthPurgeCounts: Sendable, Equatable {
    public var codes: Int
    public var refreshTokens: Int
    public var grants: Int

    public init(codes: Int, refreshTokens: Int, grants: Int) {
        self.codes = codes
        self.refreshTokens = refreshTokens
        self.grants = grants
    }
}

/// Deletes OAuth state nothing can use any more.
public protocol OAuthRetentionRepository: Sendable {
    /// Deletes codes that expired before `codesBefore`, refresh tokens that expired before
    /// `now`, and grants revoked before `grantsBefore` or created before it with no refresh
    /// token left (their access tokens have expired).
    func purge(now: Date, codesBefore: Date, grantsBefore: Date) async throws -> OAuthPurgeCounts
}
