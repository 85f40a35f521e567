import FlowstaHTTP
import FlowstaAccounts
import FlowstaBilling
import FlowstaCore
import FlowstaCrypto
import FlowstaOAuth
import FlowstaPlatform
import FlowstaUsage
import Foundation
import Hummingbird

/// The organizations list, an organization's overview and its business details.
extension DashboardController {
    // MARK: Organizations

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        return try await homePage(session, values: [:], errors: [:], status: .ok)
    }

    func homePage(_ session: AuthenticatedSession, values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let organizations = try await PlatformService.everything({ page in
            try await platform.listOrganizations(.user(session.user.id), page: page).items
        }) { ($0.createdAt, $0.id) }
        let rows = organizations.map { org in
            Dashboard.Home.Organization(id: Self.id(org.id), name: org.name, role: org.role?.rawValue ?? "", plan: org.plan.rawValue, deleted: org.deletedAt != nil)
        }
        let content = Dashboard.Home(hasOrganizations: !organizations.isEmpty, organizations: rows, values: values, errors: errors)
        return render(frame(session, title: "Organizations"), content, status: status)
    }

    @Sendable func createOrganization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let name = form.first("name") ?? ""
        let contact = form.first("contact_email").flatMap { $0.isEmpty ? nil : $0 }
        do {
            let created = try await platform.createOrganization(.user(session.user.id), name: name, contactEmail: contact, billingAddress: nil)
            return Self.redirect("/dashboard/orgs/\(Self.id(created.id))")
        } catch let error as PlatformError {
            let errors = Self.fieldErrors(error, fields: ["name", "contact_email"])
            return try await homePage(session, values: ["name": name, "contact_email": contact ?? ""], errors: errors, status: Self.status(error))
        }
    }

    @Sendable func organization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        // A deleted organization shows its restore page; nothing else works until then.
        if org.deletedAt != nil { return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/settings") }
        let saved = request.uri.queryParameters["saved"] != nil
        return try await organizationPage(session, org, values: Self.businessValues(org), errors: [:], saved: saved, status: .ok)
    }

    func organizationPage(
        _ session: AuthenticatedSession, _ org: OrganizationView, values: [String: String], errors: [String: String], saved: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let content = Dashboard.Overview(
            meters: try await planMeters(session, org), canManage: org.allows(.manageOrganization), values: values, errors: errors, saved: saved
        )
        return render(frame(session, title: org.name, org: org, tab: .overview), content, status: status)
    }

    @Sendable func updateOrganization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let values = ["name": form.first("name") ?? "", "contact_email": form.first("contact_email") ?? "", "billing_address": form.first("billing_address") ?? ""]
        let update = OrganizationUpdate(
            name: values["name"], contactEmail: .some(Self.nonEmpty(values["contact_email"])), billingAddress: .some(Self.nonEmpty(values["billing_address"]))
        )
        do {
            _ = try await platform.updateOrganization(.user(session.user.id), org.id, update)
            await billing?.syncCustomer(org.id)
            return Self.redirect("/dashboard/orgs/\(Self.id(org.id))?saved=1")
        } catch let error as PlatformError {
            let errors = Self.fieldErrors(error, fields: ["name", "contact_email", "billing_address"])
            return try await organizationPage(session, org, values: values, errors: errors, saved: false, status: Self.status(error))
        }
    }

    /// The owners' policy: every member needs a second factor.
    @Sendable func updateSecondFactorPolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let update = OrganizationUpdate(requireSecondFactor: form.first("require_second_factor") == "yes")
        do {
            _ = try await platform.updateOrganization(.user(session.user.id), org.id, update)
            return Self.redirect("/dashboard/orgs/\(Self.id(org.id))?saved=1")
        } catch let error as PlatformError {
            return try await organizationPage(
                session, org, values: Self.businessValues(org), errors: ["second_factor": error.publicDescription], saved: false, status: Self.status(error)
            )
        }
    }

    static func businessValues(_ org: OrganizationView) -> [String: String] {
        ["name": org.name, "contact_email": org.contactEmail ?? "", "billing_address": org.billingAddress ?? ""]
    }

    /// The plan's limits against what the organization uses now (overview and billing pages).
    func planMeters(_ session: AuthenticatedSession, _ org: OrganizationView) async throws -> [Dashboard.Meter] {
        let month = mau.currentMonth()
        let use = try await platform.planUsage(.user(session.user.id), org.id) { id in try await mau.organizationTotal(organizationID: id, month: month) }
        return [
            Self.meter("Apps", use.apps, org.plan.appLimit),
            Self.meter("Team seats (members and pending invites)", use.seats, org.plan.seatLimit),
            Self.meter("Monthly active users (\(month))", use.monthlyActiveUsers, org.plan.monthlyActiveUsers),
        ]
    }

    static func meter(_ label: String, _ value: Int, _ limit: Int?) -> Dashboard.Meter {
        let text = limit.map { "\(value.formatted()) of \($0.formatted())" } ?? "\(value.formatted()) (no limit)"
        return Dashboard.Meter(label: label, value: value, max: max(limit ?? max(value, 1), 1), text: text)
    }
}
