import Foundation

/// A pending invitation. The address is sealed (with a keyed index to refuse duplicates) and
/// only a hash of the token is kept; the row is deleted on acceptance, revocation or expiry.
public struct StoredInvite: Sendable, Equatable {
    public var id: UUID
    public var organizationID: UUID
    public var emailSealed: [UInt8]
    public var emailIndex: String
    public var role: Role
    public var tokenHash: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(id: UUID, organizationID: UUID, emailSealed: [UInt8], emailIndex: String, role: Role, tokenHash: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.emailSealed = emailSealed
        self.emailIndex = emailIndex
        self.role = role
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// The outcome of storing an invite.
public enum InviteCreation: Sendable, Equatable {
    case created
    case seatsFull
    case duplicate
}

/// Storage of invites.
public protocol InviteRepository: Sendable {
    /// Inserts unless members plus pending invites already fill `seats` or the address has a
    /// pending invite to the organization (checked atomically).
    func create(_ invite: StoredInvite, seats: Int?) async throws -> InviteCreation
    func invite(id: UUID, organizationID: UUID) async throws -> StoredInvite?
    func invite(tokenHash: String) async throws -> StoredInvite?
    func invites(organizationID: UUID, page: PageRequest) async throws -> [StoredInvite]
    /// Gives the invite a new token and expiry and counts one more mail, atomically, unless it
    /// was already mailed `maxSends` times. - Returns: `false` when that limit is reached.
    func replaceToken(id: UUID, tokenHash: String, expiresAt: Date, maxSends: Int) async throws -> Bool
    func delete(id: UUID) async throws
    /// Turns the invite into a membership in one transaction (the row, and so the address, is
    /// gone afterwards). - Returns: `false` when the invite no longer exists.
    func accept(_ invite: StoredInvite, by userID: UUID, at: Date) async throws -> Bool
    /// Deletes invites that expired before `now`. - Returns: how many.
    func deleteExpired(now: Date) async throws -> Int
    /// The organization's invites not yet accepted or deleted (they hold seats).
    func pendingInviteCount(organizationID: UUID) async throws -> Int
}

/// Sends the platform's emails (invites, security alerts); delivery is the mailer's business.
public protocol PlatformMailer: Sendable {
    func send(to address: String, subject: String, text: String) async throws
}
