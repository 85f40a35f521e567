import Foundation

/// Storage of organizations.
public protocol OrganizationRepository: Sendable {
    /// Inserts the organization and its first owner in one transaction.
    func create(_ organization: StoredOrganization, owner: Membership) async throws
    func find(id: UUID) async throws -> StoredOrganization?
    /// Writes name, contact, address, plan, the second-factor policy and `updatedAt` (never the
    /// deletion state).
    func update(_ organization: StoredOrganization) async throws
    /// Sets or clears the deletion time.
    func setDeleted(id: UUID, at: Date?) async throws
    /// Organizations deleted at or before `cutoff` (oldest first, at most `limit`).
    func deleted(before cutoff: Date, limit: Int) async throws -> [StoredOrganization]
    /// Deletes the organization and everything it owns (members, invites, apps and their grants,
    /// keys, audit log, usage, API logs, MAU ids and counts); the large tables go in batches so
    /// no lock is held long. Billing records are not the organization's to take along (P8).
    func purge(id: UUID) async throws
    /// The organizations `userID` belongs to, oldest first, with the user's role.
    func organizations(of userID: UUID, page: PageRequest) async throws -> [(StoredOrganization, Role)]
}

/// Why a membership change was refused by the store.
public enum MembershipChange: Sendable, Equatable {
    case applied
    case notFound
    /// The change would leave the organization without an owner.
    case lastOwner
}

/// Storage of memberships. Changes that could remove the last owner are single guarded
/// statements, so two owners demoting each other at once cannot leave none.
public protocol MembershipRepository: Sendable {
    func membership(organizationID: UUID, userID: UUID) async throws -> Membership?
    func members(organizationID: UUID, page: PageRequest) async throws -> [Membership]
    func count(organizationID: UUID) async throws -> Int
    /// The user ids of the organization's owners.
    func owners(organizationID: UUID) async throws -> [UUID]
    /// Adds a member; throws ``PlatformError/conflict(_:)`` when already one.
    func add(_ membership: Membership) async throws
    func changeRole(organizationID: UUID, userID: UUID, to role: Role) async throws -> MembershipChange
    func remove(organizationID: UUID, userID: UUID) async throws -> MembershipChange
}

/// Storage of API keys.
public protocol APIKeyRepository: Sendable {
    func create(_ key: StoredAPIKey) async throws
    func find(keyHash: String) async throws -> StoredAPIKey?
    func find(id: UUID, organizationID: UUID) async throws -> StoredAPIKey?
    func keys(organizationID: UUID, page: PageRequest) async throws -> [StoredAPIKey]
    func revoke(id: UUID, at: Date) async throws
    func expire(id: UUID, at: Date) async throws
    func recordUse(id: UUID, day: String) async throws
}

/// The append-only audit log.
public protocol AuditRepository: Sendable {
    func append(_ event: AuditEvent) async throws
    func events(organizationID: UUID, page: PageRequest) async throws -> [AuditEvent]
    /// How many of the organization's events with one of `actions` occurred at or after `since`.
    func count(organizationID: UUID, actions: [String], since: Date) async throws -> Int
}

/// Display data of users, for member lists, and their sealed addresses for security alerts.
public protocol UserDirectory: Sendable {
    func displayNames(of userIDs: [UUID]) async throws -> [UUID: (username: String, displayName: String?)]
    /// The sealed email of each user that has a verified one (sealed under
    /// ``SealingContext/userEmail(_:)``): an unverified address receives nothing but its link.
    func sealedEmails(of userIDs: [UUID]) async throws -> [UUID: [UInt8]]
    /// The users among `userIDs` who have a confirmed second factor (an authenticator app).
    func withSecondFactor(_ userIDs: [UUID]) async throws -> Set<UUID>
}
