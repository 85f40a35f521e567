import FlowstaAccounts
import FlowstaCore
import FlowstaHTTP
import FlowstaPlatform
import FlowstaUsage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/webhooks` (a session or a key) and `/api/v1/webhooks` (an API key: its
/// organization): the organization's webhook endpoints, their secrets, test events and
/// delivery logs.
struct WebhookController {
    let accounts: AccountService
    let platform: PlatformService
    let limiter: any APIRateLimiter
    let cookies: SessionCookies

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = PrincipalMiddleware.managementGroup(router, accounts: accounts, platform: platform, limiter: limiter, cookies: cookies)
        for base in ["orgs/:org/webhooks", "webhooks"] {
            api.get(RouterPath(base), use: list)
            api.post(RouterPath(base), use: create)
            api.get(RouterPath(base + "/:webhook"), use: get)
            api.patch(RouterPath(base + "/:webhook"), use: update)
            api.delete(RouterPath(base + "/:webhook"), use: delete)
            api.post(RouterPath(base + "/:webhook/rotate-secret"), use: rotateSecret)
            api.post(RouterPath(base + "/:webhook/test"), use: test)
            api.get(RouterPath(base + "/:webhook/deliveries"), use: deliveries)
            api.post(RouterPath(base + "/:webhook/deliveries/:delivery/redeliver"), use: redeliver)
        }
    }

    typealias Context = ManagementRequestContext

    @Sendable func list(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let views = try await platform.listWebhooks(context.principal, Self.organization(context))
        return JSONResponse(value: PagedList(items: views.map(WebhookDTO.init), nextCursor: nil))
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(CreateWebhookRequest.self, from: request)
        let created = try await platform.createWebhook(context.principal, Self.organization(context), url: body.url, description: body.description, events: body.events)
        return JSONResponse(value: CreatedWebhookDTO(webhook: WebhookDTO(created.webhook), secret: created.secret), status: .created)
    }

    @Sendable func get(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        JSONResponse(value: WebhookDTO(try await platform.webhook(context.principal, Self.organization(context), Self.id("webhook", context))))
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(UpdateWebhookRequest.self, from: request)
        let view = try await platform.updateWebhook(context.principal, Self.organization(context), Self.id("webhook", context), body.update)
        return JSONResponse(value: WebhookDTO(view))
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> HTTPResponse.Status {
        try await platform.deleteWebhook(context.principal, Self.organization(context), Self.id("webhook", context))
        return .noContent
    }

    @Sendable func rotateSecret(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let grace = try await PlatformController.optionalBody(RotateSecretRequest.self, request)?.graceHours.map { $0 * 3600 }
        let created = try await platform.rotateWebhookSecret(context.principal, Self.organization(context), Self.id("webhook", context), grace: grace)
        return JSONResponse(value: CreatedWebhookDTO(webhook: WebhookDTO(created.webhook), secret: created.secret), status: .created)
    }

    @Sendable func test(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let delivery = try await platform.sendTestWebhook(context.principal, Self.organization(context), Self.id("webhook", context))
        return JSONResponse(value: DeliveryDTO(delivery), status: .accepted)
    }

    @Sendable func deliveries(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let page = try await platform.webhookDeliveries(context.principal, Self.organization(context), Self.id("webhook", context), page: PlatformController.page(request))
        return JSONResponse(value: PagedList(page, DeliveryDTO.init))
    }

    @Sendable func redeliver(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let delivery = try await platform.redeliverWebhook(
            context.principal, Self.organization(context), Self.id("webhook", context), deliveryID: Self.id("delivery", context)
        )
        return JSONResponse(value: DeliveryDTO(delivery), status: .accepted)
    }

    /// The path's organization, or an API key's own (`/api/v1/webhooks`).
    static func organization(_ context: Context) throws -> UUID {
        if context.parameters.get("org") != nil { return try id("org", context) }
        guard case .apiKey(_, let organizationID) = context.principal else {
            throw PlatformError.invalidRequest("/api/v1/webhooks takes an API key; signed in, use /api/v1/orgs/{org}/webhooks")
        }
        return organizationID
    }

    static func id(_ name: String, _ context: Context) throws -> UUID { try PlatformController.id(name, context) }
}
