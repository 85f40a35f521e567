import Foundation

/// All of an organization's account data the platform holds (the export right, P9); the server
/// adds usage, MAU counts and notices.
public struct OrganizationExport: Sendable {
    public var organization: OrganizationView
    public var members: [MemberView]
    public var invites: [InviteView]
    public var apps: [StoredApp]
    public var keys: [APIKeyView]
    public var audit: [AuditEvent]
}

extension PlatformService {
    /// An owner, signed in, exports the organization's account data (also while it is deleted,
    /// until it is purged).
    public func exportOrganization(_ principal: Principal, _ id: UUID) async throws -> OrganizationExport {
        guard case .user = principal else {
            throw PlatformError.forbidden("only an owner, signed in, can export the organization's account data (not an API key)")
        }
        let role = try await authorize(principal, id, .manageOrganization, whileDeleted: true)
        guard let organization = try await organizations.find(id: id) else { throw PlatformError.notFound }
        let members = try await Self.everything({ try await memberships.members(organizationID: id, page: $0) }) { ($0.createdAt, $0.userID) }
        let names = try await users.displayNames(of: members.map(\.userID))
        let invites = try await Self.everything({ try await self.invites.invites(organizationID: id, page: $0) }) { ($0.createdAt, $0.id) }
        return OrganizationExport(
            organization: try view(organization, role: role),
            members: members.map {
                MemberView(userID: $0.userID, username: names[$0.userID]?.username, displayName: names[$0.userID]?.displayName, role: $0.role, joinedAt: $0.createdAt)
            },
            invites: try invites.map { InviteView(id: $0.id, email: try openEmail($0), role: $0.role, createdAt: $0.createdAt, expiresAt: $0.expiresAt) },
            apps: try await Self.everything({ try await apps.apps(organizationID: id, page: $0) }) { ($0.createdAt, $0.id) },
            keys: try await Self.everything({ try await keys.keys(organizationID: id, page: $0) }) { ($0.createdAt, $0.id) }.map(Self.view),
            audit: try await Self.everything({ try await audit.events(organizationID: id, page: $0) }) { ($0.occurredAt, $0.id) }
        )
    }

    /// Every item of a keyset-paged list, 500 per query.
    public static func everything<Item>(_ fetch: (PageRequest) async throws -> [Item], key: (Item) -> (Date, UUID)) async throws -> [Item] {
        var page = PageRequest(limit: 500)
        var items: [Item] = []
        while true {
            let batch = try await fetch(page)
            items += batch
            guard batch.count == page.limit, let last = batch.last else { return items }
            page.after = key(last)
        }
    }
}
