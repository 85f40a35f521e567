import FlowstaCore
import Foundation

/// Deleting the developer account (P9): an owner deletes the organization, which deactivates
/// it at once — its apps stop signing users in, its API keys stop working — and can restore it
/// for ``PlatformService/restoreWindow``; the retention job purges it after that.
extension PlatformService {
    /// How long a deleted organization can be restored before it is purged.
    public static let restoreWindow: TimeInterval = 30 * 86_400
    /// Organizations purged per query of the retention job.
    static let purgeBatch = 100

    /// Throws ``PlatformError/organizationDeleted(restorableUntil:)`` for a deleted organization.
    func ensureActive(_ organizationID: UUID) async throws {
        try ensureActive(try await state(of: organizationID))
    }

    func ensureActive(_ state: OrganizationState) throws {
        if let deletedAt = state.deletedAt {
            throw PlatformError.organizationDeleted(restorableUntil: deletedAt.addingTimeInterval(Self.restoreWindow))
        }
    }

    /// Whether an organization's apps may sign users in (it exists and is not deleted). Cached
    /// for a few seconds, like every organization state on the request path.
    public func isActive(_ organizationID: UUID) async throws -> Bool {
        do {
            return try await state(of: organizationID).deletedAt == nil
        } catch PlatformError.notFound {
            return false
        }
    }

    /// An owner, signed in, deletes the organization. Owners are emailed with the restore deadline.
    public func deleteOrganization(_ principal: Principal, _ id: UUID) async throws -> OrganizationView {
        guard case .user = principal else {
            throw PlatformError.forbidden("only an owner, signed in, can delete the organization (not an API key)")
        }
        let role = try await authorize(principal, id, .manageOrganization)
        guard var organization = try await organizations.find(id: id) else { throw PlatformError.notFound }
        let now = timestamp()
        try await organizations.setDeleted(id: id, at: now)
        organization.deletedAt = now
        try await stateChanged(id)
        try await record(principal, id, "organization.deleted", "organization", id.uuidString.lowercased())
        let until = now.addingTimeInterval(Self.restoreWindow).formatted(.iso8601)
        await alertOwners(id, subject: "organization deleted", text: """
            The organization "\(organization.name)" was deleted. Its apps no longer sign users in and its API keys no longer work.
            An owner can restore it from the dashboard until \(until). After that, it is purged with its apps, keys, members, \
            usage and audit log (billing records are kept for 7 years, as the law requires).
            """, advice: Self.reviewAdvice)
        return try view(organization, role: role)
    }

    /// An owner, signed in, restores a deleted organization within the restore window.
    public func restoreOrganization(_ principal: Principal, _ id: UUID) async throws -> OrganizationView {
        guard case .user = principal else {
            throw PlatformError.forbidden("only an owner, signed in, can restore the organization (not an API key)")
        }
        let role = try await authorize(principal, id, .manageOrganization, whileDeleted: true)
        guard var organization = try await organizations.find(id: id) else { throw PlatformError.notFound }
        guard let deletedAt = organization.deletedAt else { throw PlatformError.conflict("the organization is not deleted") }
        let deadline = deletedAt.addingTimeInterval(Self.restoreWindow)
        guard time.now < deadline else {
            throw PlatformError.conflict("the restore window ended at \(deadline.formatted(.iso8601)); the organization is being purged")
        }
        try await organizations.setDeleted(id: id, at: nil)
        organization.deletedAt = nil
        try await stateChanged(id)
        try await record(principal, id, "organization.restored", "organization", id.uuidString.lowercased())
        await alertOwners(id, subject: "organization restored", text: """
            The organization "\(organization.name)" was restored. Its apps sign users in again and its API keys work again.
            """, advice: Self.reviewAdvice)
        return try view(organization, role: role)
    }

    /// Purges the organizations deleted at least ``restoreWindow`` before `now` (the retention
    /// job); their owners are emailed once it is done.
    /// - Returns: how many were purged.
    public func purgeDeletedOrganizations(now: Date) async throws -> Int {
        var purged = 0
        while true {
            let due = try await organizations.deleted(before: now.addingTimeInterval(-Self.restoreWindow), limit: Self.purgeBatch)
            for organization in due {
                // Addresses are read (and opened) before the memberships go with the organization.
                let owners = (try? await ownerAddresses(organization.id)) ?? []
                try await organizations.purge(id: organization.id)
                await changes.announce(.organization(organization.id))
                await send(to: owners, subject: "Your Flowsta organization \(organization.name) was purged", text: """
                    The organization "\(organization.name)", deleted on \((organization.deletedAt ?? now).formatted(.iso8601)), has now been purged: \
                    its apps, API keys, members, invites, usage, MAU counts and audit log are gone for good. Billing records are \
                    kept for 7 years, as the law requires, and then deleted.
                    """)
                purged += 1
            }
            if due.count < Self.purgeBatch { return purged }
        }
    }

    /// The active organizations whose only owner is `userID` (their account cannot be deleted
    /// before someone else owns them or they are deleted).
    public func organizationsSolelyOwned(by userID: UUID) async throws -> [StoredOrganization] {
        let mine = try await Self.everything({ try await organizations.organizations(of: userID, page: $0) }) { ($0.0.createdAt, $0.0.id) }
        var result: [StoredOrganization] = []
        for (organization, role) in mine where role == .owner && organization.deletedAt == nil {
            if try await memberships.owners(organizationID: organization.id) == [userID] { result.append(organization) }
        }
        return result
    }

    /// Drops the cached state of the organization and of its apps' clients (on every instance).
    private func stateChanged(_ organizationID: UUID) async throws {
        await changes.announce(.organization(organizationID))
        var page = PageRequest()
        page.limit = 1_000
        while true {
            let batch = try await apps.apps(organizationID: organizationID, page: page)
            for app in batch { await changes.announce(.app(clientID: app.clientID)) }
            guard batch.count == page.limit, let last = batch.last else { return }
            page.after = (last.createdAt, last.id)
        }
    }
}
