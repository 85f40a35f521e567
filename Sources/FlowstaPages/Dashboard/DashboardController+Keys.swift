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

/// Organization API keys: create (shown once), rotate, revoke.
extension DashboardController {
    // MARK: API keys

    @Sendable func keys(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        return try await keysPage(session, org, values: [:], errors: [:], status: .ok)
    }

    /// Every app of the organization, oldest first.
    func allApps(_ session: AuthenticatedSession, _ org: OrganizationView) async throws -> [StoredApp] {
        try await PlatformService.everything({ page in
            try await platform.listApps(.user(session.user.id), org.id, page: page).items
        }) { ($0.createdAt, $0.id) }
    }

    /// Every key of the organization, revoked ones included, oldest first.
    func allKeys(_ session: AuthenticatedSession, _ org: OrganizationView) async throws -> [APIKeyView] {
        try await PlatformService.everything({ page in
            try await platform.listKeys(.user(session.user.id), org.id, page: page).items
        }) { ($0.createdAt, $0.id) }
    }

    /// How logs and the audit log name a key: as the keys page shows it, name and prefix.
    func keyLabels(_ session: AuthenticatedSession, _ org: OrganizationView) async throws -> [UUID: String] {
        Dictionary(try await allKeys(session, org).map { ($0.id, "API key \u{201C}\($0.name)\u{201D} (\($0.prefix)…)") }, uniquingKeysWith: { first, _ in first })
    }

    func keysPage(_ session: AuthenticatedSession, _ org: OrganizationView, values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let list = try await allKeys(session, org)
        let now = time.now
        let rows = list.reversed().map { key in
            let expired = key.expiresAt.map { $0 <= now } ?? false
            let status = key.revoked ? "revoked" : expired ? "expired" : key.expiresAt.map { "expires \(UTCDay.string(from: $0))" } ?? "active"
            return Dashboard.Keys.Row(
                id: Self.id(key.id), orgID: Self.id(org.id), name: key.name, prefix: key.prefix, created: UTCDay.string(from: key.createdAt),
                lastUsed: key.lastUsedDay ?? "", status: status, live: !key.revoked && !expired
            )
        }
        let content = Dashboard.Keys(hasKeys: !list.isEmpty, keys: rows, canManage: org.allows(.manageKeys), values: values, errors: errors)
        return render(frame(session, title: "API keys · \(org.name)", org: org, tab: .keys), content, status: status)
    }

    @Sendable func createKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let name = form.first("name") ?? ""
        do {
            let created = try await platform.createKey(.user(session.user.id), org.id, name: name)
            return revealKey(session, org, created, heading: "Your new API key \"\(created.key.name)\"")
        } catch let error as PlatformError {
            return try await keysPage(session, org, values: ["name": name], errors: Self.fieldErrors(error, fields: ["name"]), status: Self.status(error))
        }
    }

    @Sendable func rotateKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        let created = try await platform.rotateKey(.user(session.user.id), org.id, keyID: try Self.uuid("key", context))
        return revealKey(session, org, created, heading: "The new key replacing \"\(created.key.name)\" (the old one works for 24 more hours)")
    }

    @Sendable func revokeKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        try await platform.revokeKey(.user(session.user.id), org.id, keyID: try Self.uuid("key", context))
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/keys")
    }

    func revealKey(_ session: AuthenticatedSession, _ org: OrganizationView, _ created: CreatedAPIKey, heading: String) -> Response {
        let content = Dashboard.Reveal(heading: heading, secret: created.secret, back: "/dashboard/orgs/\(Self.id(org.id))/keys")
        return render(frame(session, title: "API key", org: org, tab: .keys), content)
    }
}
