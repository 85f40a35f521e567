import FlowstaCore
import FlowstaCrypto
import Foundation

/// An invite as the team sees it (never the token).
public struct InviteView: Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var role: Role
    public var createdAt: Date
    public var expiresAt: Date
}

extension PlatformService {
    static let inviteLifetime: TimeInterval = 7 * 24 * 3600
    /// Not a mail relay: an invite is mailed at most this many times (the first mail included)…
    public static let inviteMaxSends = 5
    /// …and an organization sends at most this many invite mails (new and resent) a day.
    public static let inviteMailsPerDay = 50

    /// - Throws: ``PlatformError/rateLimited(_:)`` once today's invite mails are used up.
    func checkInviteMailBudget(_ organizationID: UUID) async throws {
        let sent = try await audit.count(organizationID: organizationID, actions: ["invite.created", "invite.resent"], since: time.now.addingTimeInterval(-86_400))
        guard sent < Self.inviteMailsPerDay else {
            throw PlatformError.rateLimited("this organization sent \(Self.inviteMailsPerDay) invites in the last 24 hours; try again later")
        }
    }

    /// Invites `email` with `role`; the mail carries a single-use link valid for 7 days.
    public func invite(_ principal: Principal, _ organizationID: UUID, email raw: String, role: Role) async throws -> InviteView {
        let callerRole = try await authorize(principal, organizationID, .manageTeam)
        if role == .owner, callerRole != .owner { throw PlatformError.forbidden("only owners invite owners") }
        guard let email = ProfileRules.email(raw) else { throw PlatformError.invalidRequest("email is not a valid email address") }
        guard let organization = try await organizations.find(id: organizationID) else { throw PlatformError.notFound }
        try await checkInviteMailBudget(organizationID)
        let (token, invite) = try newInvite(organizationID, email: email, role: role)
        switch try await invites.create(invite, seats: organization.plan.seatLimit) {
        case .created:
            break
        case .seatsFull:
            let seats = organization.plan.seatLimit ?? 0
            throw PlatformError.planLimit("the \(organization.plan.rawValue) plan has \(seats) team seat(s), all taken by members and pending invites; upgrade the plan to add more")
        case .duplicate:
            throw PlatformError.conflict("that address already has a pending invite; resend it instead")
        }
        try await mailInvite(to: email, organization: organization, role: role, token: token)
        try await record(principal, organizationID, "invite.created", "invite", invite.id.uuidString.lowercased())
        return InviteView(id: invite.id, email: email, role: role, createdAt: invite.createdAt, expiresAt: invite.expiresAt)
    }

    public func listInvites(_ principal: Principal, _ organizationID: UUID, page: PageRequest) async throws -> Page<InviteView> {
        try await authorize(principal, organizationID, .manageTeam)
        var request = page
        request.limit += 1
        let rows = try await invites.invites(organizationID: organizationID, page: request)
        let views = try rows.map { InviteView(id: $0.id, email: try openEmail($0), role: $0.role, createdAt: $0.createdAt, expiresAt: $0.expiresAt) }
        return PageCursor.page(views, limit: page.limit) { ($0.createdAt, $0.id) }
    }

    /// Sends the invite again with a fresh link (the old link stops working) and 7 more days.
    public func resendInvite(_ principal: Principal, _ organizationID: UUID, inviteID: UUID) async throws -> InviteView {
        try await authorize(principal, organizationID, .manageTeam)
        guard let invite = try await invites.invite(id: inviteID, organizationID: organizationID),
              let organization = try await organizations.find(id: organizationID) else { throw PlatformError.notFound }
        try await checkInviteMailBudget(organizationID)
        let now = timestamp()
        let token = Base64URL.encode(SecureRandom.bytes(32))
        let expiresAt = now.addingTimeInterval(Self.inviteLifetime)
        guard try await invites.replaceToken(id: inviteID, tokenHash: inviteHasher.hash(token), expiresAt: expiresAt, maxSends: Self.inviteMaxSends) else {
            throw PlatformError.rateLimited("this invite was already sent \(Self.inviteMaxSends) times; revoke it and invite again if needed")
        }
        let email = try openEmail(invite)
        try await mailInvite(to: email, organization: organization, role: invite.role, token: token)
        try await record(principal, organizationID, "invite.resent", "invite", inviteID.uuidString.lowercased())
        return InviteView(id: inviteID, email: email, role: invite.role, createdAt: invite.createdAt, expiresAt: expiresAt)
    }

    public func revokeInvite(_ principal: Principal, _ organizationID: UUID, inviteID: UUID) async throws {
        try await authorize(principal, organizationID, .manageTeam)
        guard try await invites.invite(id: inviteID, organizationID: organizationID) != nil else { throw PlatformError.notFound }
        try await invites.delete(id: inviteID)
        try await record(principal, organizationID, "invite.revoked", "invite", inviteID.uuidString.lowercased())
    }

    /// What an invite link offers, for the page that asks whether to accept it: the token is the
    /// capability (whoever holds it may join), so it may also name the organization and role.
    /// Changes nothing. - Throws: ``PlatformError/notFound``, ``PlatformError/gone`` once expired.
    public func invitePreview(token: String) async throws -> (organization: String, role: Role) {
        guard let invite = try await invites.invite(tokenHash: inviteHasher.hash(token)) else { throw PlatformError.notFound }
        guard invite.expiresAt > time.now else { throw PlatformError.gone("this invite expired; ask for a new one") }
        guard let organization = try await organizations.find(id: invite.organizationID) else { throw PlatformError.notFound }
        return (organization.name, invite.role)
    }

    /// The signed-in user accepts an invite and joins with its role.
    /// - Throws: ``PlatformError/gone`` after 7 days (the row is deleted then).
    public func acceptInvite(_ principal: Principal, token: String) async throws -> OrganizationView {
        guard case .user(let userID) = principal else { throw PlatformError.forbidden("invites are accepted by signed-in users") }
        guard let invite = try await invites.invite(tokenHash: inviteHasher.hash(token)) else { throw PlatformError.notFound }
        guard invite.expiresAt > time.now else {
            try await invites.delete(id: invite.id)
            throw PlatformError.gone("this invite expired; ask for a new one")
        }
        try await ensureActive(invite.organizationID)
        if try await memberships.membership(organizationID: invite.organizationID, userID: userID) != nil {
            throw PlatformError.conflict("you are already a member of this organization")
        }
        guard try await invites.accept(invite, by: userID, at: timestamp()) else { throw PlatformError.notFound }
        try await record(principal, invite.organizationID, "member.joined:\(invite.role.rawValue)", "user", userID.uuidString.lowercased())
        guard let organization = try await organizations.find(id: invite.organizationID) else { throw PlatformError.notFound }
        return try view(organization, role: invite.role)
    }

    /// Retention (P8): deletes invites past their 7 days. - Returns: how many.
    public func purgeExpiredInvites() async throws -> Int {
        try await invites.deleteExpired(now: time.now)
    }

    private func newInvite(_ organizationID: UUID, email: String, role: Role) throws -> (String, StoredInvite) {
        let id = UUID()
        let token = Base64URL.encode(SecureRandom.bytes(32))
        let now = timestamp()
        let invite = StoredInvite(
            id: id, organizationID: organizationID,
            emailSealed: try keyRing.seal(Array(email.utf8), context: Self.inviteEmailContext(id)),
            emailIndex: inviteEmailHasher.hash(organizationID.uuidString + ":" + email.lowercased()),
            role: role, tokenHash: inviteHasher.hash(token), createdAt: now, expiresAt: now.addingTimeInterval(Self.inviteLifetime)
        )
        return (token, invite)
    }

    func openEmail(_ invite: StoredInvite) throws -> String {
        String(decoding: try keyRing.open(invite.emailSealed, context: Self.inviteEmailContext(invite.id)), as: UTF8.self)
    }

    private func mailInvite(to email: String, organization: StoredOrganization, role: Role, token: String) async throws {
        let link = publicBaseURL + "/invites/accept?token=" + token
        try await mailer.send(
            to: email,
            subject: "You are invited to join \(organization.name) on Flowsta",
            text: """
            You have been invited to join \(organization.name) on Flowsta as \(role == .member ? "a member" : "an \(role.rawValue)").

            Accept the invitation (the link works once and expires in 7 days):
            \(link)

            If you did not expect this email, you can ignore it.
            """
        )
    }

    static func inviteEmailContext(_ id: UUID) -> String { "invites.email:" + id.uuidString.lowercased() }
}
