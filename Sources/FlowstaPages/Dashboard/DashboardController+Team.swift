import FlowstaHTTP
import FlowstaAccounts
import FlowstaCore
import FlowstaOAuth
import FlowstaPlatform
import Foundation
import Hummingbird

/// The team page (members, roles, invites) and accepting an invite from its email link.
extension DashboardController {
    func addTeamRoutes(to group: RouterGroup<AppRequestContext>, router: Router<AppRequestContext>) {
        // The link in the invite email; the dashboard takes it from there (signing in first).
        router.get("invites/accept") { request, _ -> Response in
            let token = request.uri.queryParameters["token"].map(String.init) ?? ""
            return Self.redirect("/dashboard/invites/accept?token=" + FormEncoding.encode(token))
        }
        group.get("invites/accept", use: acceptPage)
        group.post("invites/accept", use: accept)
        group.get("orgs/:org/team", use: team)
        group.post("orgs/:org/invites", use: invite)
        group.post("orgs/:org/invites/:invite/resend", use: resendInvite)
        group.post("orgs/:org/invites/:invite/revoke", use: revokeInvite)
        group.post("orgs/:org/team/:user/role", use: changeRole)
        group.post("orgs/:org/team/:user/remove", use: removeMember)
        group.post("orgs/:org/leave", use: leave)
    }

    @Sendable func team(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        return try await teamPage(session, org, values: [:], errors: [:], sent: request.uri.queryParameters["sent"] != nil, status: .ok)
    }

    func teamPage(
        _ session: AuthenticatedSession, _ org: OrganizationView, values: [String: String], errors: [String: String], sent: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let principal = Principal.user(session.user.id)
        let members = try await PlatformService.everything({ try await platform.listMembers(principal, org.id, page: $0).items }) { ($0.joinedAt, $0.userID) }
        let canManage = org.allows(.manageTeam)
        // Admins manage members and admins; only owners grant or take away the owner role.
        let assignable: [Role] = org.allows(.manageOwners) ? [.member, .admin, .owner] : [.member, .admin]
        let rows = members.map { member in
            Dashboard.Team.Member(
                userID: Self.id(member.userID), orgID: Self.id(org.id), username: member.username ?? "(deleted user)",
                displayName: member.displayName ?? "", role: member.role.rawValue, joined: UTCDay.string(from: member.joinedAt),
                isYou: member.userID == session.user.id,
                roles: (member.role == .owner && !org.allows(.manageOwners) ? [Role.owner] : assignable).map { Dashboard.Option(value: $0.rawValue, selected: $0 == member.role) },
                secondFactor: member.hasSecondFactor
            )
        }
        let owners = members.filter { $0.role == .owner }
        var content = Dashboard.Team(
            members: rows, isLastOwner: owners.count == 1 && owners.first?.userID == session.user.id, canManage: canManage,
            values: values, errors: errors, sent: sent
        )
        if canManage {
            let invites = try await PlatformService.everything({ try await platform.listInvites(principal, org.id, page: $0).items }) { ($0.createdAt, $0.id) }
            content.hasInvites = !invites.isEmpty
            content.invites = invites.map {
                Dashboard.Team.Invite(id: Self.id($0.id), orgID: Self.id(org.id), email: $0.email, role: $0.role.rawValue, expires: UTCDay.string(from: $0.expiresAt))
            }
            content.inviteRoles = assignable.map(\.rawValue)
        }
        return render(frame(session, title: "Team · \(org.name)", org: org, tab: .team), content, status: status)
    }

    @Sendable func invite(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let email = form.first("email") ?? ""
        guard let role = form.first("role").flatMap(Role.init(rawValue:)) else { throw PlatformError.invalidRequest("role must be member, admin or owner") }
        do {
            _ = try await platform.invite(.user(session.user.id), org.id, email: email, role: role)
            return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/team?sent=1")
        } catch let error as PlatformError {
            return try await teamPage(session, org, values: ["email": email], errors: Self.fieldErrors(error, fields: ["email"]), sent: false, status: Self.status(error))
        }
    }

    @Sendable func resendInvite(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        _ = try await platform.resendInvite(.user(session.user.id), org.id, inviteID: try Self.uuid("invite", context))
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/team?sent=1")
    }

    @Sendable func revokeInvite(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        try await platform.revokeInvite(.user(session.user.id), org.id, inviteID: try Self.uuid("invite", context))
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/team")
    }

    @Sendable func changeRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        guard let role = form.first("role").flatMap(Role.init(rawValue:)) else { throw PlatformError.invalidRequest("role must be member, admin or owner") }
        _ = try await platform.changeRole(.user(session.user.id), org.id, userID: try Self.uuid("user", context), to: role)
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/team")
    }

    @Sendable func removeMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        try await platform.removeMember(.user(session.user.id), org.id, userID: try Self.uuid("user", context))
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/team")
    }

    @Sendable func leave(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        try await platform.leave(.user(session.user.id), try Self.uuid("org", context))
        return Self.redirect("/dashboard")
    }

    /// The invite link's page: a form to accept (a GET must not change anything).
    @Sendable func acceptPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        guard let token = request.uri.queryParameters["token"], !token.isEmpty else {
            throw PlatformError.invalidRequest("this invite link has no token; open the link from the email again")
        }
        let offer = try await platform.invitePreview(token: String(token))
        let content = Dashboard.Accept(token: String(token), organization: offer.organization, role: offer.role.rawValue, article: offer.role == .member ? "a" : "an")
        return render(frame(session, title: "Join \(offer.organization)"), content)
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let joined = try await platform.acceptInvite(.user(session.user.id), token: form.first("token") ?? "")
        return Self.redirect("/dashboard/orgs/\(Self.id(joined.id))")
    }
}
