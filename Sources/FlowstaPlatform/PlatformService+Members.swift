import Foundation

/// A member as the team list shows it.
public struct MemberView: Sendable, Equatable {
    public var userID: UUID
    public var username: String?
    public var displayName: String?
    public var role: Role
    public var joinedAt: Date
    /// The member has two-step sign-in on (what an owner needs to see to require it).
    public var hasSecondFactor = false
}

extension PlatformService {
    public func listMembers(_ principal: Principal, _ organizationID: UUID, page: PageRequest) async throws -> Page<MemberView> {
        try await authorize(principal, organizationID, .read)
        var request = page
        request.limit += 1
        let rows = try await memberships.members(organizationID: organizationID, page: request)
        let names = try await users.displayNames(of: rows.map(\.userID))
        let protected = try await users.withSecondFactor(rows.map(\.userID))
        let views = rows.map {
            MemberView(
                userID: $0.userID, username: names[$0.userID]?.username, displayName: names[$0.userID]?.displayName, role: $0.role,
                joinedAt: $0.createdAt, hasSecondFactor: protected.contains($0.userID)
            )
        }
        return PageCursor.page(views, limit: page.limit) { ($0.joinedAt, $0.userID) }
    }

    /// Changes a member's role. Admins manage members and admins; only owners grant or take
    /// away the owner role; the last owner cannot be demoted.
    public func changeRole(_ principal: Principal, _ organizationID: UUID, userID: UUID, to role: Role) async throws -> MemberView {
        let callerRole = try await authorize(principal, organizationID, .manageTeam)
        guard let current = try await memberships.membership(organizationID: organizationID, userID: userID) else {
            throw PlatformError.notFound
        }
        if current.role == .owner || role == .owner, callerRole != .owner {
            throw PlatformError.forbidden("only owners grant or take away the owner role")
        }
        let ownersBefore = current.role != role && (current.role == .owner || role == .owner) ? try await ownerAddresses(organizationID) : nil
        try check(await memberships.changeRole(organizationID: organizationID, userID: userID, to: role))
        try await record(principal, organizationID, "member.role_changed:\(current.role.rawValue)->\(role.rawValue)", "user", userID.uuidString.lowercased())
        let names = try await users.displayNames(of: [userID])
        if let ownersBefore {
            let who = names[userID]?.username ?? userID.uuidString.lowercased()
            await alertOwnersChanged(organizationID, ownersBefore, "\(who) is \(role == .owner ? "now an owner" : "no longer an owner (now \(role.rawValue))").")
        }
        return MemberView(userID: userID, username: names[userID]?.username, displayName: names[userID]?.displayName, role: role, joinedAt: current.createdAt)
    }

    /// Removes a member (admins remove members and admins; owners also owners).
    public func removeMember(_ principal: Principal, _ organizationID: UUID, userID: UUID) async throws {
        let callerRole = try await authorize(principal, organizationID, .manageTeam)
        guard let current = try await memberships.membership(organizationID: organizationID, userID: userID) else {
            throw PlatformError.notFound
        }
        if current.role == .owner, callerRole != .owner {
            throw PlatformError.forbidden("only owners remove owners")
        }
        let ownersBefore = current.role == .owner ? try await ownerAddresses(organizationID) : nil
        try check(await memberships.remove(organizationID: organizationID, userID: userID))
        try await record(principal, organizationID, "member.removed", "user", userID.uuidString.lowercased())
        if let ownersBefore {
            let who = try await users.displayNames(of: [userID])[userID]?.username ?? userID.uuidString.lowercased()
            await alertOwnersChanged(organizationID, ownersBefore, "\(who), an owner, was removed from the organization.")
        }
    }

    /// The caller leaves the organization (not as its last owner).
    public func leave(_ principal: Principal, _ organizationID: UUID) async throws {
        try await authorize(principal, organizationID, .read)
        guard case .user(let userID) = principal else {
            throw PlatformError.forbidden("API keys cannot leave an organization")
        }
        let role = try await memberships.membership(organizationID: organizationID, userID: userID)?.role
        let ownersBefore = role == .owner ? try await ownerAddresses(organizationID) : nil
        try check(await memberships.remove(organizationID: organizationID, userID: userID))
        try await record(principal, organizationID, "member.left", "user", userID.uuidString.lowercased())
        if let ownersBefore {
            let who = try await users.displayNames(of: [userID])[userID]?.username ?? userID.uuidString.lowercased()
            await alertOwnersChanged(organizationID, ownersBefore, "\(who), an owner, left the organization.")
        }
    }

    /// Security alert for a change of owners, to the owners before and after it (so an owner
    /// who was demoted or removed hears of it too).
    private func alertOwnersChanged(_ organizationID: UUID, _ before: [String], _ text: String) async {
        await alertOwners(organizationID, subject: "owners changed", text: text, advice: Self.reviewAdvice, alsoTo: before)
    }

    private func check(_ change: MembershipChange) throws {
        switch change {
        case .applied: return
        case .notFound: throw PlatformError.notFound
        case .lastOwner: throw PlatformError.lastOwner
        }
    }
}

/// A change a member made to how they sign in, on their account page: the audit log action.
public enum MemberSignInChange: String, Sendable, CaseIterable {
    case secondFactorEnabled = "member.second_factor_enabled"
    case secondFactorDisabled = "member.second_factor_disabled"
    case passkeyAdded = "member.passkey_added"
    case passkeyRemoved = "member.passkey_removed"
}

extension PlatformService {
    /// Records a member's change to how they sign in (second factor on or off, a passkey added
    /// or removed) in the audit log of every organization the user belongs to.
    public func recordSignInChange(userID: UUID, _ change: MemberSignInChange) async throws {
        var page = PageRequest(limit: 100)
        while true {
            let memberships = try await organizations.organizations(of: userID, page: page)
            for (organization, _) in memberships {
                try await record(
                    .user(userID), organization.id, change.rawValue, "user",
                    userID.uuidString.lowercased()
                )
            }
            guard memberships.count == page.limit, let last = memberships.last else { return }
            page = PageRequest(limit: 100, after: (last.0.createdAt, last.0.id))
        }
    }
}
