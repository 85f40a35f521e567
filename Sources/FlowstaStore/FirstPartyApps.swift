import FlowstaPlatform
import Foundation
import SQLKit

/// Flowsta's own OAuth clients: the dashboard signs developers in with "Sign in with Flowsta"
/// like any app. It belongs to a system organization that has no members (nobody can see or
/// change it through the API) and is kept in line with the configured issuer at every start.
public enum FirstPartyApps {
    public static let systemOrganizationID = FirstPartyApp.systemOrganizationID
    public static let dashboardAppID = FirstPartyApp.dashboardAppID
    public static let dashboardClientID = FirstPartyApp.dashboardClientID

    /// Creates the dashboard's app when missing. Its redirect URI is not read from the row: the
    /// OAuth engine takes it from the configured issuer (``PlatformClientDirectory``), so
    /// instances with different issuers sharing a database do not fight over it.
    public static func ensureDashboard(store: FlowstaDatabase, redirectURI: String) async throws {
        let sql = store.sql
        let now = Date()
        try await sql.insert(into: "organizations")
            .columns("id", "name", "contact_email_sealed", "billing_address", "plan", "created_at", "updated_at")
            .values(
                SQLBind(systemOrganizationID), SQLBind("Flowsta"), SQLBind(Data?.none), SQLBind(String?.none),
                SQLBind(Plan.enterprise.rawValue), SQLBind(now), SQLBind(now)
            )
            .ignoringConflicts(with: ["id"])
            .run()
        let row = try FluentPlatformRepository.AppRow(StoredApp(
            id: dashboardAppID, organizationID: systemOrganizationID, clientID: dashboardClientID, name: "Flowsta Dashboard",
            description: "Manage your organizations, apps, API keys and team.", type: .web, redirectURIs: [redirectURI],
            allowedScopes: ["openid", "profile"], logoURL: nil, privacyURL: nil, termsURL: nil, active: true, secretHash: nil,
            createdAt: now, updatedAt: now
        ))
        try await sql.insert(into: "apps").columns(FluentPlatformRepository.AppRow.columns).values(row.binds)
            .ignoringConflicts(with: ["id"])
            .run()
    }
}
