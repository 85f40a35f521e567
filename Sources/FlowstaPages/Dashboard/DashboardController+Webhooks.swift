import FlowstaAccounts
import FlowstaCore
import FlowstaHTTP
import FlowstaPlatform
import FlowstaWebhooks
import Foundation
import Hummingbird

/// Webhook endpoints: add (the secret shown once), test, enable or disable, rotate the secret,
/// remove; each endpoint's delivery log with redelivery.
extension DashboardController {
    func addWebhookRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("orgs/:org/webhooks", use: webhooks)
        group.post("orgs/:org/webhooks", use: createWebhook)
        group.get("orgs/:org/webhooks/:webhook", use: webhookDeliveries)
        group.post("orgs/:org/webhooks/:webhook/test", use: testWebhook)
        group.post("orgs/:org/webhooks/:webhook/enabled", use: setWebhookEnabled)
        group.post("orgs/:org/webhooks/:webhook/rotate", use: rotateWebhookSecret)
        group.post("orgs/:org/webhooks/:webhook/delete", use: deleteWebhook)
        group.post("orgs/:org/webhooks/:webhook/deliveries/:delivery/redeliver", use: redeliverWebhook)
    }

    /// The event types a form offers, in the order of ``WebhookEventType``.
    static let subscribableEvents = WebhookEventType.allCases.filter { $0 != .test }

    @Sendable func webhooks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        return try await webhooksPage(session, org, values: [:], chosen: [], errors: [:], status: .ok)
    }

    func webhooksPage(
        _ session: AuthenticatedSession, _ org: OrganizationView, values: [String: String], chosen: Set<String>, errors: [String: String],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let list = try await platform.listWebhooks(.user(session.user.id), org.id)
        let rows = list.map { hook in
            Dashboard.Webhooks.Row(
                id: Self.id(hook.id), url: hook.url, description: hook.description, events: hook.events.joined(separator: ", "),
                enabled: hook.enabled,
                state: hook.enabled
                    ? (hook.consecutiveFailures > 0 ? "failing (\(hook.consecutiveFailures) in a row)" : "active")
                    : (hook.disabledReason == "failing" ? "disabled after a day of failures" : "disabled"),
                rotating: hook.previousSecretExpiresAt.map { "previous secret valid until \($0.formatted(.iso8601))" } ?? ""
            )
        }
        let events = Self.subscribableEvents.map { Dashboard.Webhooks.EventChoice(name: $0.rawValue, checked: chosen.contains($0.rawValue)) }
        let content = Dashboard.Webhooks(
            hasWebhooks: !rows.isEmpty, webhooks: rows, canManage: org.allows(.manageWebhooks), events: events, values: values, errors: errors,
            full: rows.count >= WebhookEndpoint.maximumPerOrganization
        )
        return render(frame(session, title: "Webhooks · \(org.name)", org: org, tab: .webhooks), content, status: status)
    }

    @Sendable func createWebhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let url = form.first("url") ?? ""
        let description = form.first("description") ?? ""
        let events = form.all("events")
        do {
            let created = try await platform.createWebhook(.user(session.user.id), org.id, url: url, description: description, events: events)
            return revealWebhookSecret(session, org, created, heading: "The signing secret of \(created.webhook.url)")
        } catch let error as PlatformError {
            return try await webhooksPage(
                session, org, values: ["url": url, "description": description], chosen: Set(events),
                errors: Self.fieldErrors(error, fields: ["url", "description", "events"]), status: Self.status(error)
            )
        }
    }

    @Sendable func testWebhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let id = try Self.uuid("webhook", context)
        _ = try await platform.sendTestWebhook(.user(session.user.id), org.id, id)
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/webhooks/\(Self.id(id))")
    }

    @Sendable func setWebhookEnabled(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let id = try Self.uuid("webhook", context)
        _ = try await platform.updateWebhook(.user(session.user.id), org.id, id, WebhookUpdate(enabled: form.first("enabled") == "true"))
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/webhooks")
    }

    @Sendable func rotateWebhookSecret(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let created = try await platform.rotateWebhookSecret(.user(session.user.id), org.id, try Self.uuid("webhook", context))
        return revealWebhookSecret(session, org, created, heading: "The new signing secret of \(created.webhook.url) (the previous one also signs for 24 more hours)")
    }

    @Sendable func deleteWebhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        try await platform.deleteWebhook(.user(session.user.id), org.id, try Self.uuid("webhook", context))
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/webhooks")
    }

    @Sendable func webhookDeliveries(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        let id = try Self.uuid("webhook", context)
        let hook = try await platform.webhook(.user(session.user.id), org.id, id)
        let query = request.uri.queryParameters
        let page = try await platform.webhookDeliveries(
            .user(session.user.id), org.id, id, page: try PageCursor.request(limit: "50", cursor: query["cursor"].map(String.init))
        )
        let rows = page.items.map { delivery in
            Dashboard.WebhookLog.Row(
                id: Self.id(delivery.id), created: delivery.createdAt.formatted(.iso8601), event: delivery.event ?? "", eventID: delivery.eventID ?? "",
                state: delivery.state, attempts: delivery.attempts, status: delivery.lastStatus.map(String.init) ?? "—",
                latency: delivery.lastLatencyMs.map { "\($0) ms" } ?? "—", error: delivery.lastError ?? "",
                next: delivery.nextAttemptAt.map { $0.formatted(.iso8601) } ?? ""
            )
        }
        let content = Dashboard.WebhookLog(
            webhookID: Self.id(id), url: hook.url, enabled: hook.enabled, deliveries: rows, next: page.nextCursor,
            canManage: org.allows(.manageWebhooks)
        )
        return render(frame(session, title: "Deliveries · \(org.name)", org: org, tab: .webhooks), content)
    }

    @Sendable func redeliverWebhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let id = try Self.uuid("webhook", context)
        _ = try await platform.redeliverWebhook(.user(session.user.id), org.id, id, deliveryID: try Self.uuid("delivery", context))
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/webhooks/\(Self.id(id))")
    }

    func revealWebhookSecret(_ session: AuthenticatedSession, _ org: OrganizationView, _ created: CreatedWebhook, heading: String) -> Response {
        let content = Dashboard.Reveal(
            heading: heading, secret: created.secret, back: "/dashboard/orgs/\(Self.id(org.id))/webhooks",
            note: "Copy it now: Flowsta keeps it sealed for signing and cannot show it again. Give it to your receiver's Standard Webhooks library as it is; X-Flowsta-Signature is keyed with this text too."
        )
        return render(frame(session, title: "Webhook secret", org: org, tab: .webhooks), content)
    }
}
