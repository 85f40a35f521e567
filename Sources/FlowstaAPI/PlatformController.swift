import FlowstaCore
import FlowstaHTTP
import FlowstaAccounts
import FlowstaBilling
import FlowstaPlatform
import FlowstaUsage
import Foundation
import Hummingbird

/// `/api/v1`: the management API (organizations, members, API keys, audit), authenticated by
/// an organization API key or a user session.
struct PlatformController {
    let accounts: AccountService
    let platform: PlatformService
    let notices: NoticeService
    /// Keeps the Stripe customer in step with business information (when billing is on).
    let billing: BillingService?
    let limiter: any APIRateLimiter
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = PrincipalMiddleware.managementGroup(router, accounts: accounts, platform: platform, limiter: limiter, cookies: cookies)
        api.post("orgs", use: createOrganization)
        api.get("orgs", use: listOrganizations)
        api.get("orgs/:org", use: getOrganization)
        api.patch("orgs/:org", use: updateOrganization)
        api.get("orgs/:org/members", use: listMembers)
        api.patch("orgs/:org/members/:user", use: changeRole)
        api.delete("orgs/:org/members/:user", use: removeMember)
        api.post("orgs/:org/leave", use: leave)
        api.get("orgs/:org/keys", use: listKeys)
        api.post("orgs/:org/keys", use: createKey)
        api.delete("orgs/:org/keys/:key", use: revokeKey)
        api.post("orgs/:org/keys/:key/rotate", use: rotateKey)
        api.get("orgs/:org/audit", use: auditLog)
        api.get("notices", use: listNotices)
        api.post("orgs/:org/apps", use: createApp)
        api.get("orgs/:org/apps", use: listApps)
        api.get("orgs/:org/apps/:app", use: getApp)
        api.patch("orgs/:org/apps/:app", use: updateApp)
        api.delete("orgs/:org/apps/:app", use: deleteApp)
        api.post("orgs/:org/apps/:app/secret", use: rotateClientSecret)
        api.post("orgs/:org/invites", use: createInvite)
        api.get("orgs/:org/invites", use: listInvites)
        api.post("orgs/:org/invites/:invite/resend", use: resendInvite)
        api.delete("orgs/:org/invites/:invite", use: revokeInvite)
        api.post("invites/accept", use: acceptInvite)
    }

    typealias Context = ManagementRequestContext

    @Sendable func createOrganization(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(CreateOrganizationRequest.self, from: request)
        let view = try await platform.createOrganization(context.principal, name: body.name, contactEmail: body.contactEmail, billingAddress: body.billingAddress)
        return JSONResponse(value: OrganizationDTO(view: view), status: .created)
    }

    @Sendable func listOrganizations(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let page = try await platform.listOrganizations(context.principal, page: Self.page(request))
        return JSONResponse(value: PagedList(page, { OrganizationDTO(view: $0) }))
    }

    @Sendable func getOrganization(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        JSONResponse(value: OrganizationDTO(view: try await platform.organization(context.principal, Self.id("org", context))))
    }

    @Sendable func updateOrganization(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(UpdateOrganizationRequest.self, from: request)
        let organizationID = try Self.id("org", context)
        let view = try await platform.updateOrganization(context.principal, organizationID, body.update)
        await billing?.syncCustomer(organizationID)
        return JSONResponse(value: OrganizationDTO(view: view))
    }

    @Sendable func listMembers(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let page = try await platform.listMembers(context.principal, Self.id("org", context), page: Self.page(request))
        return JSONResponse(value: PagedList(page, { MemberDTO(view: $0) }))
    }

    @Sendable func changeRole(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(RoleRequest.self, from: request)
        let view = try await platform.changeRole(context.principal, Self.id("org", context), userID: Self.id("user", context), to: body.role)
        return JSONResponse(value: MemberDTO(view: view))
    }

    @Sendable func removeMember(_ request: Request, context: Context) async throws -> HTTPResponse.Status {
        try await platform.removeMember(context.principal, Self.id("org", context), userID: Self.id("user", context))
        return .noContent
    }

    @Sendable func leave(_ request: Request, context: Context) async throws -> HTTPResponse.Status {
        try await platform.leave(context.principal, Self.id("org", context))
        return .noContent
    }

    @Sendable func listKeys(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let page = try await platform.listKeys(context.principal, Self.id("org", context), page: Self.page(request))
        return JSONResponse(value: PagedList(page, { KeyDTO(view: $0) }))
    }

    @Sendable func createKey(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(CreateKeyRequest.self, from: request)
        let created = try await platform.createKey(context.principal, Self.id("org", context), name: body.name, expiresAt: body.expiresAt)
        return JSONResponse(value: CreatedKeyDTO(key: KeyDTO(view: created.key), secret: created.secret), status: .created)
    }

    @Sendable func revokeKey(_ request: Request, context: Context) async throws -> HTTPResponse.Status {
        try await platform.revokeKey(context.principal, Self.id("org", context), keyID: Self.id("key", context))
        return .noContent
    }

    @Sendable func rotateKey(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let grace = try await Self.optionalBody(RotateKeyRequest.self, request)?.graceHours.map { $0 * 3600 }
        let created = try await platform.rotateKey(context.principal, Self.id("org", context), keyID: Self.id("key", context), grace: grace)
        return JSONResponse(value: CreatedKeyDTO(key: KeyDTO(view: created.key), secret: created.secret), status: .created)
    }

    @Sendable func auditLog(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let page = try await platform.auditLog(context.principal, Self.id("org", context), page: Self.page(request))
        return JSONResponse(value: PagedList(page, { AuditDTO(event: $0) }))
    }

    /// `GET /api/v1/notices`: every published notice, oldest first (any signed-in user or key).
    @Sendable func listNotices(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let page = try await notices.list(page: Self.page(request))
        return JSONResponse(value: PagedList(page, NoticeDTO.init))
    }

    @Sendable func createApp(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(AppRequest.self, from: request)
        let app = try await platform.createApp(context.principal, Self.id("org", context), body.settings)
        return JSONResponse(value: AppDTO(app: app), status: .created)
    }

    @Sendable func listApps(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let page = try await platform.listApps(context.principal, Self.id("org", context), page: Self.page(request))
        return JSONResponse(value: PagedList(page, { AppDTO(app: $0) }))
    }

    @Sendable func getApp(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        JSONResponse(value: AppDTO(app: try await platform.app(context.principal, Self.id("org", context), Self.id("app", context))))
    }

    @Sendable func updateApp(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(AppRequest.self, from: request)
        return JSONResponse(value: AppDTO(app: try await platform.updateApp(context.principal, Self.id("org", context), Self.id("app", context), body.settings)))
    }

    @Sendable func deleteApp(_ request: Request, context: Context) async throws -> HTTPResponse.Status {
        try await platform.deleteApp(context.principal, Self.id("org", context), Self.id("app", context))
        return .noContent
    }

    @Sendable func rotateClientSecret(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let issued = try await platform.rotateClientSecret(context.principal, Self.id("org", context), Self.id("app", context))
        return JSONResponse(value: IssuedSecretDTO(app: AppDTO(app: issued.app), clientSecret: issued.secret), status: .created)
    }

    @Sendable func createInvite(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(InviteRequest.self, from: request)
        let view = try await platform.invite(context.principal, Self.id("org", context), email: body.email, role: body.role)
        return JSONResponse(value: InviteDTO(view: view), status: .created)
    }

    @Sendable func listInvites(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let page = try await platform.listInvites(context.principal, Self.id("org", context), page: Self.page(request))
        return JSONResponse(value: PagedList(page, { InviteDTO(view: $0) }))
    }

    @Sendable func resendInvite(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        JSONResponse(value: InviteDTO(view: try await platform.resendInvite(context.principal, Self.id("org", context), inviteID: Self.id("invite", context))))
    }

    @Sendable func revokeInvite(_ request: Request, context: Context) async throws -> HTTPResponse.Status {
        try await platform.revokeInvite(context.principal, Self.id("org", context), inviteID: Self.id("invite", context))
        return .noContent
    }

    @Sendable func acceptInvite(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(AcceptInviteRequest.self, from: request)
        return JSONResponse(value: OrganizationDTO(view: try await platform.acceptInvite(context.principal, token: body.token)))
    }

    /// A path id; anything that is not a UUID names nothing (404, like another tenant's id).
    static func id(_ name: String, _ context: Context) throws -> UUID {
        guard let raw = context.parameters.get(name), let id = UUID(uuidString: raw) else { throw PlatformError.notFound }
        return id
    }

    static func page(_ request: Request) throws -> PageRequest {
        let query = request.uri.queryParameters
        return try PageCursor.request(limit: query["limit"].map(String.init), cursor: query["cursor"].map(String.init))
    }

    /// A JSON body that may be absent.
    static func optionalBody<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? {
        if request.headers[.contentLength] == "0" || (request.headers[.contentLength] == nil && request.headers[.transferEncoding] == nil) {
            return nil
        }
        return try await JSONBody.decode(type, from: request)
    }
}
