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

/// Apps: the list, the settings form, client secrets, enabling and deleting.
extension DashboardController {
    // MARK: Apps

    @Sendable func apps(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        return try await appsPage(session, org, values: ["redirect_uris": "https://"], scopes: ["openid", "profile"], type: .web, errors: [:], status: .ok)
    }

    func appsPage(
        _ session: AuthenticatedSession, _ org: OrganizationView, values: [String: String], scopes: [String], type: AppType,
        errors: [String: String], status: HTTPResponse.Status
    ) async throws -> Response {
        let list = try await allApps(session, org)
        let rows = list.map { app in
            Dashboard.Apps.Row(id: Self.id(app.id), orgID: Self.id(org.id), name: app.name, clientID: app.clientID, type: app.type.rawValue, active: app.active)
        }
        let content = Dashboard.Apps(
            hasApps: !list.isEmpty, apps: rows, canManage: org.allows(.manageApps),
            base: Self.appForm(values: values, scopes: scopes, type: type, errors: errors)
        )
        return render(frame(session, title: "Apps · \(org.name)", org: org, tab: .apps), content, status: status)
    }

    static func appForm(values: [String: String], scopes: [String], type: AppType, errors: [String: String]) -> Dashboard.AppForm {
        Dashboard.AppForm(
            values: values, errors: errors,
            types: AppType.allCases.map { Dashboard.Option(value: $0.rawValue, label: $0.rawValue.capitalized, checked: $0 == type) },
            scopes: Scopes.supported.sorted().map { Dashboard.Option(value: $0, checked: scopes.contains($0)) },
            requireSecondFactor: values["require_second_factor"] == "yes"
        )
    }

    /// The app settings a form carries (empty optional fields clear them).
    static func appSettings(_ form: HTMLForm) -> (settings: AppSettings, values: [String: String], scopes: [String], type: AppType) {
        let redirects = (form.first("redirect_uris") ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let scopes = form.all("allowed_scopes")
        let type = form.first("type").flatMap(AppType.init(rawValue:))
        let values = [
            "name": form.first("name") ?? "", "description": form.first("description") ?? "", "redirect_uris": form.first("redirect_uris") ?? "",
            "logo_url": form.first("logo_url") ?? "", "privacy_url": form.first("privacy_url") ?? "", "terms_url": form.first("terms_url") ?? "",
            "require_second_factor": form.first("require_second_factor") == "yes" ? "yes" : "",
        ]
        let settings = AppSettings(
            name: values["name"], description: .some(nonEmpty(values["description"])), type: type, redirectURIs: redirects, allowedScopes: scopes,
            logoURL: .some(nonEmpty(values["logo_url"])), privacyURL: .some(nonEmpty(values["privacy_url"])), termsURL: .some(nonEmpty(values["terms_url"])),
            requiresSecondFactor: values["require_second_factor"] == "yes"
        )
        return (settings, values, scopes, type ?? .web)
    }

    static let appFields = ["name", "description", "type", "redirect_uris", "allowed_scopes", "logo_url", "privacy_url", "terms_url"]

    @Sendable func createApp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let input = Self.appSettings(form)
        do {
            let created = try await platform.createApp(.user(session.user.id), org.id, input.settings)
            return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/apps/\(Self.id(created.id))")
        } catch let error as PlatformError {
            return try await appsPage(
                session, org, values: input.values, scopes: input.scopes, type: input.type,
                errors: Self.fieldErrors(error, fields: Self.appFields), status: Self.status(error)
            )
        }
    }

    @Sendable func app(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        let app = try await platform.app(.user(session.user.id), org.id, try Self.uuid("app", context))
        return appPage(session, org, app, values: Self.values(of: app), scopes: app.allowedScopes, type: app.type, errors: [:],
                       saved: request.uri.queryParameters["saved"] != nil, status: .ok)
    }

    func appPage(
        _ session: AuthenticatedSession, _ org: OrganizationView, _ app: StoredApp, values: [String: String], scopes: [String], type: AppType,
        errors: [String: String], saved: Bool, status: HTTPResponse.Status
    ) -> Response {
        let details = Dashboard.App.Details(
            id: Self.id(app.id), name: app.name, clientID: app.clientID, confidential: app.secretHash != nil, active: app.active,
            redirectURIs: app.redirectURIs, allowedScopes: app.allowedScopes
        )
        let content = Dashboard.App(
            app: details, canManage: org.allows(.manageApps), saved: saved, base: Self.appForm(values: values, scopes: scopes, type: type, errors: errors)
        )
        return render(frame(session, title: "\(app.name) · \(org.name)", org: org, tab: .apps), content, status: status)
    }

    static func values(of app: StoredApp) -> [String: String] {
        [
            "name": app.name, "description": app.description ?? "", "redirect_uris": app.redirectURIs.joined(separator: "\n"),
            "logo_url": app.logoURL ?? "", "privacy_url": app.privacyURL ?? "", "terms_url": app.termsURL ?? "",
            "require_second_factor": app.requiresSecondFactor ? "yes" : "",
        ]
    }

    @Sendable func updateApp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let appID = try Self.uuid("app", context)
        let current = try await platform.app(.user(session.user.id), org.id, appID)
        let input = Self.appSettings(form)
        do {
            _ = try await platform.updateApp(.user(session.user.id), org.id, appID, input.settings)
            return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/apps/\(Self.id(appID))?saved=1")
        } catch let error as PlatformError {
            return appPage(session, org, current, values: input.values, scopes: input.scopes, type: input.type,
                           errors: Self.fieldErrors(error, fields: Self.appFields), saved: false, status: Self.status(error))
        }
    }

    @Sendable func issueSecret(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let appID = try Self.uuid("app", context)
        let issued = try await platform.rotateClientSecret(.user(session.user.id), org.id, appID)
        let content = Dashboard.Reveal(
            heading: "The client secret of \(issued.app.name)", secret: issued.secret, back: "/dashboard/orgs/\(Self.id(org.id))/apps/\(Self.id(appID))"
        )
        return render(frame(session, title: "Client secret", org: org, tab: .apps), content)
    }

    @Sendable func setActive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let appID = try Self.uuid("app", context)
        _ = try await platform.updateApp(.user(session.user.id), org.id, appID, AppSettings(active: form.first("active") == "true"))
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/apps/\(Self.id(appID))")
    }

    @Sendable func deleteApp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let appID = try Self.uuid("app", context)
        guard form.first("confirm") == "yes" else {
            let app = try await platform.app(.user(session.user.id), org.id, appID)
            return appPage(session, org, app, values: Self.values(of: app), scopes: app.allowedScopes, type: app.type,
                           errors: ["confirm": "Tick the box to confirm the deletion."], saved: false, status: .badRequest)
        }
        try await platform.deleteApp(.user(session.user.id), org.id, appID)
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/apps")
    }
}
