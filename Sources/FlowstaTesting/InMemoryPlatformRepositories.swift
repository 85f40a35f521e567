import FlowstaPlatform
import Foundation

/// In-memory platform storage with the same rules as the SQL schema (one actor, so the
/// guarded membership changes are atomic as in SQL).
public actor InMemoryPlatformStore: OrganizationRepository, MembershipRepository, APIKeyRepository, AppRepository, InviteRepository, AuditRepository, UserDirectory, NoticeRepository {
    private var organizationsByID: [UUID: StoredOrganization] = [:]
    private var noticesByID: [UUID: Notice] = [:]
    private var memberships: [Membership] = []
    private var apiKeys: [UUID: StoredAPIKey] = [:]
    private var appsByID: [UUID: StoredApp] = [:]
    private var invitesByID: [UUID: StoredInvite] = [:]
    private var inviteSends: [UUID: Int] = [:]
    private var events: [AuditEvent] = []
    private var names: [UUID: (String, String?)] = [:]
    private var emails: [UUID: [UInt8]] = [:]

    public init() {}

    /// Registers a user's display data (for member lists) and sealed email (for alerts).
    public func registerUser(_ id: UUID, username: String, displayName: String? = nil, sealedEmail: [UInt8]? = nil) {
        names[id] = (username, displayName)
        emails[id] = sealedEmail
    }

    static func after<T>(_ items: [T], _ page: PageRequest, key: (T) -> (Date, UUID)) -> [T] {
        let sorted = items.sorted { key($0).0 != key($1).0 ? key($0).0 < key($1).0 : key($0).1.uuidString < key($1).1.uuidString }
        let filtered = sorted.filter { item in
            guard let after = page.after else { return true }
            let (date, id) = key(item)
            return date > after.0 || (date == after.0 && id.uuidString > after.1.uuidString)
        }
        return Array(filtered.prefix(page.limit))
    }

    // MARK: OrganizationRepository

    public func create(_ organization: StoredOrganization, owner: Membership) {
        organizationsByID[organization.id] = organization
        memberships.append(owner)
    }

    public func find(id: UUID) -> StoredOrganization? { organizationsByID[id] }

    public func update(_ organization: StoredOrganization) {
        guard let current = organizationsByID[organization.id] else { return }
        var updated = organization
        updated.deletedAt = current.deletedAt
        organizationsByID[organization.id] = updated
    }

    public func setDeleted(id: UUID, at date: Date?) { organizationsByID[id]?.deletedAt = date }

    public func deleted(before cutoff: Date, limit: Int) -> [StoredOrganization] {
        let deleted = organizationsByID.values.filter { $0.deletedAt.map { $0 <= cutoff } ?? false }
        return Array(deleted.sorted { $0.deletedAt! < $1.deletedAt! }.prefix(limit))
    }

    public func purge(id: UUID) {
        organizationsByID[id] = nil
        memberships.removeAll { $0.organizationID == id }
        apiKeys = apiKeys.filter { $0.value.organizationID != id }
        appsByID = appsByID.filter { $0.value.organizationID != id }
        invitesByID = invitesByID.filter { $0.value.organizationID != id }
        events.removeAll { $0.organizationID == id }
    }

    public func organizations(of userID: UUID, page: PageRequest) -> [(StoredOrganization, Role)] {
        let mine = memberships.filter { $0.userID == userID }.compactMap { m in organizationsByID[m.organizationID].map { ($0, m.role) } }
        return Self.after(mine, page) { ($0.0.createdAt, $0.0.id) }
    }

    // MARK: NoticeRepository

    public func insert(_ notice: Notice) { noticesByID[notice.id] = notice }

    public func notices(page: PageRequest) -> [Notice] {
        Self.after(Array(noticesByID.values), page) { ($0.publishedAt, $0.id) }
    }

    public func allOrganizations(page: PageRequest) -> [StoredOrganization] {
        Self.after(Array(organizationsByID.values), page) { ($0.createdAt, $0.id) }
    }

    // MARK: MembershipRepository

    public func membership(organizationID: UUID, userID: UUID) -> Membership? {
        memberships.first { $0.organizationID == organizationID && $0.userID == userID }
    }

    public func members(organizationID: UUID, page: PageRequest) -> [Membership] {
        Self.after(memberships.filter { $0.organizationID == organizationID }, page) { ($0.createdAt, $0.userID) }
    }

    public func count(organizationID: UUID) -> Int { memberships.filter { $0.organizationID == organizationID }.count }

    public func owners(organizationID: UUID) -> [UUID] {
        memberships.filter { $0.organizationID == organizationID && $0.role == .owner }.map(\.userID)
    }

    public func add(_ membership: Membership) throws {
        guard self.membership(organizationID: membership.organizationID, userID: membership.userID) == nil else {
            throw PlatformError.conflict("already a member")
        }
        memberships.append(membership)
    }

    public func changeRole(organizationID: UUID, userID: UUID, to role: Role) -> MembershipChange {
        guard let index = memberships.firstIndex(where: { $0.organizationID == organizationID && $0.userID == userID }) else { return .notFound }
        if memberships[index].role == .owner, role != .owner, owners(organizationID) <= 1 { return .lastOwner }
        memberships[index].role = role
        return .applied
    }

    public func remove(organizationID: UUID, userID: UUID) -> MembershipChange {
        guard let index = memberships.firstIndex(where: { $0.organizationID == organizationID && $0.userID == userID }) else { return .notFound }
        if memberships[index].role == .owner, owners(organizationID) <= 1 { return .lastOwner }
        memberships.remove(at: index)
        return .applied
    }

    private func owners(_ organizationID: UUID) -> Int {
        memberships.filter { $0.organizationID == organizationID && $0.role == .owner }.count
    }

    // MARK: APIKeyRepository

    public func create(_ key: StoredAPIKey) { apiKeys[key.id] = key }
    public func find(keyHash: String) -> StoredAPIKey? { apiKeys.values.first { $0.keyHash == keyHash } }
    public func find(id: UUID, organizationID: UUID) -> StoredAPIKey? { apiKeys[id].flatMap { $0.organizationID == organizationID ? $0 : nil } }
    public func keys(organizationID: UUID, page: PageRequest) -> [StoredAPIKey] {
        Self.after(apiKeys.values.filter { $0.organizationID == organizationID }, page) { ($0.createdAt, $0.id) }
    }
    public func revoke(id: UUID, at: Date) { apiKeys[id]?.revokedAt = at }
    public func expire(id: UUID, at: Date) { apiKeys[id]?.expiresAt = at }
    public func recordUse(id: UUID, day: String) { apiKeys[id]?.lastUsedDay = day }

    // MARK: AppRepository

    public func appCount(organizationID: UUID) -> Int { appsByID.values.filter { $0.organizationID == organizationID }.count }

    public func pendingInviteCount(organizationID: UUID) -> Int { invitesByID.values.filter { $0.organizationID == organizationID }.count }

    public func create(_ app: StoredApp, limit: Int?) -> Bool {
        if let limit, appsByID.values.filter({ $0.organizationID == app.organizationID }).count >= limit { return false }
        appsByID[app.id] = app
        return true
    }
    public func app(id: UUID, organizationID: UUID) -> StoredApp? { appsByID[id].flatMap { $0.organizationID == organizationID ? $0 : nil } }
    public func app(clientID: String) -> StoredApp? { appsByID.values.first { $0.clientID == clientID } }
    public func app(id: UUID) -> StoredApp? { appsByID[id] }
    public func apps(organizationID: UUID, page: PageRequest) -> [StoredApp] {
        Self.after(appsByID.values.filter { $0.organizationID == organizationID }, page) { ($0.createdAt, $0.id) }
    }
    public func update(_ app: StoredApp) { appsByID[app.id] = app }
    public func delete(id: UUID, organizationID: UUID) {
        if appsByID[id]?.organizationID == organizationID { appsByID[id] = nil }
    }

    // MARK: InviteRepository

    public func create(_ invite: StoredInvite, seats: Int?) -> InviteCreation {
        let pending = invitesByID.values.filter { $0.organizationID == invite.organizationID }
        if pending.contains(where: { $0.emailIndex == invite.emailIndex }) { return .duplicate }
        if let seats, count(organizationID: invite.organizationID) + pending.count >= seats { return .seatsFull }
        invitesByID[invite.id] = invite
        return .created
    }
    public func invite(id: UUID, organizationID: UUID) -> StoredInvite? { invitesByID[id].flatMap { $0.organizationID == organizationID ? $0 : nil } }
    public func invite(tokenHash: String) -> StoredInvite? { invitesByID.values.first { $0.tokenHash == tokenHash } }
    public func invites(organizationID: UUID, page: PageRequest) -> [StoredInvite] {
        Self.after(invitesByID.values.filter { $0.organizationID == organizationID }, page) { ($0.createdAt, $0.id) }
    }
    public func replaceToken(id: UUID, tokenHash: String, expiresAt: Date, maxSends: Int) -> Bool {
        guard invitesByID[id] != nil, inviteSends[id, default: 1] < maxSends else { return false }
        inviteSends[id, default: 1] += 1
        invitesByID[id]?.tokenHash = tokenHash
        invitesByID[id]?.expiresAt = expiresAt
        return true
    }
    public func delete(id: UUID) { invitesByID[id] = nil }
    public func accept(_ invite: StoredInvite, by userID: UUID, at: Date) throws -> Bool {
        guard invitesByID.removeValue(forKey: invite.id) != nil else { return false }
        try add(Membership(organizationID: invite.organizationID, userID: userID, role: invite.role, createdAt: at))
        return true
    }
    public func deleteExpired(now: Date) -> Int {
        let expired = invitesByID.values.filter { $0.expiresAt <= now }.map(\.id)
        for id in expired { invitesByID[id] = nil }
        return expired.count
    }

    // MARK: AuditRepository

    public func append(_ event: AuditEvent) { events.append(event) }
    public func count(organizationID: UUID, actions: [String], since: Date) -> Int {
        events.filter { $0.organizationID == organizationID && actions.contains($0.action) && $0.occurredAt >= since }.count
    }
    public func events(organizationID: UUID, page: PageRequest) -> [AuditEvent] {
        Self.after(events.filter { $0.organizationID == organizationID }, page) { ($0.occurredAt, $0.id) }
    }

    // MARK: UserDirectory

    /// The users a test gave a second factor.
    public private(set) var secondFactorUsers: Set<UUID> = []

    public func setSecondFactor(_ userID: UUID, _ enabled: Bool) {
        if enabled { secondFactorUsers.insert(userID) } else { secondFactorUsers.remove(userID) }
    }

    public func withSecondFactor(_ userIDs: [UUID]) -> Set<UUID> { secondFactorUsers.intersection(userIDs) }

    public func sealedEmails(of userIDs: [UUID]) -> [UUID: [UInt8]] {
        emails.filter { userIDs.contains($0.key) }
    }

    public func displayNames(of userIDs: [UUID]) -> [UUID: (username: String, displayName: String?)] {
        var result: [UUID: (username: String, displayName: String?)] = [:]
        for id in userIDs { if let entry = names[id] { result[id] = (entry.0, entry.1) } }
        return result
    }
}
