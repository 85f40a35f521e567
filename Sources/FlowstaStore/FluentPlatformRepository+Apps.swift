import FlowstaPlatform
import FluentKit
import Foundation
import SQLKit

extension FluentPlatformRepository: AppRepository {
    struct AppRow: Codable {
        var id: UUID
        var organization_id: UUID
        var client_id: String
        var name: String
        var description: String?
        var type: String
        var redirect_uris: String
        var allowed_scopes: String
        var logo_url: String?
        var privacy_url: String?
        var terms_url: String?
        var active: Bool
        var secret_hash: String?
        var id_token_alg: String?
        var require_second_factor: Bool
        var require_pkce: Bool
        var post_logout_redirect_uris: String
        var backchannel_logout_uri: String?
        var created_at: Date
        var updated_at: Date

        static let columns = [
            "id", "organization_id", "client_id", "name", "description", "type", "redirect_uris", "allowed_scopes",
            "logo_url", "privacy_url", "terms_url", "active", "secret_hash", "id_token_alg", "created_at", "updated_at",
            "require_second_factor", "require_pkce", "post_logout_redirect_uris", "backchannel_logout_uri",
        ]

        init(_ app: StoredApp) throws {
            id = app.id
            organization_id = app.organizationID
            client_id = app.clientID
            name = app.name
            description = app.description
            type = app.type.rawValue
            redirect_uris = String(decoding: try JSONEncoder().encode(app.redirectURIs), as: UTF8.self)
            allowed_scopes = String(decoding: try JSONEncoder().encode(app.allowedScopes), as: UTF8.self)
            logo_url = app.logoURL
            privacy_url = app.privacyURL
            terms_url = app.termsURL
            active = app.active
            secret_hash = app.secretHash
            id_token_alg = app.idTokenSigningAlgorithm
            require_second_factor = app.requiresSecondFactor
            require_pkce = app.requiresPKCE
            post_logout_redirect_uris = String(decoding: try JSONEncoder().encode(app.postLogoutRedirectURIs), as: UTF8.self)
            backchannel_logout_uri = app.backchannelLogoutURI
            created_at = app.createdAt
            updated_at = app.updatedAt
        }

        func app() throws -> StoredApp {
            StoredApp(
                id: id, organizationID: organization_id, clientID: client_id, name: name, description: description,
                type: AppType(rawValue: type) ?? .web,
                redirectURIs: try JSONDecoder().decode([String].self, from: Data(redirect_uris.utf8)),
                allowedScopes: try JSONDecoder().decode([String].self, from: Data(allowed_scopes.utf8)),
                logoURL: logo_url, privacyURL: privacy_url, termsURL: terms_url, active: active, secretHash: secret_hash,
                idTokenSigningAlgorithm: id_token_alg, requiresSecondFactor: require_second_factor, requiresPKCE: require_pkce,
                postLogoutRedirectURIs: try JSONDecoder().decode([String].self, from: Data(post_logout_redirect_uris.utf8)),
                backchannelLogoutURI: backchannel_logout_uri, createdAt: created_at, updatedAt: updated_at
            )
        }

        var binds: [SQLBind] {
            [
                SQLBind(id), SQLBind(organization_id), SQLBind(client_id), SQLBind(name), SQLBind(description), SQLBind(type),
                SQLBind(redirect_uris), SQLBind(allowed_scopes), SQLBind(logo_url), SQLBind(privacy_url), SQLBind(terms_url),
                SQLBind(active), SQLBind(secret_hash), SQLBind(id_token_alg), SQLBind(created_at), SQLBind(updated_at),
                SQLBind(require_second_factor), SQLBind(require_pkce), SQLBind(post_logout_redirect_uris), SQLBind(backchannel_logout_uri),
            ]
        }
    }

    public func appCount(organizationID: UUID) async throws -> Int {
        try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("apps")
            .where("organization_id", .equal, organizationID).first(decoding: CountRow.self)?.count ?? 0
    }

    public func pendingInviteCount(organizationID: UUID) async throws -> Int {
        try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("invites")
            .where("organization_id", .equal, organizationID).first(decoding: CountRow.self)?.count ?? 0
    }

    struct CountRow: Codable { var count: Int }

    public func create(_ app: StoredApp, limit: Int?) async throws -> Bool {
        let row = try AppRow(app)
        let lock = store.engine == .postgres ? SQLLockingClause.update : nil
        return try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            if let limit {
                // Lock the organization row so concurrent creates count one after the other.
                let organization = sql.select().column("id").from("organizations").where("id", .equal, app.organizationID)
                if let lock { organization.lockingClause(lock) }
                _ = try await organization.all()
                struct Count: Codable { var count: Int }
                let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("apps")
                    .where("organization_id", .equal, app.organizationID).first(decoding: Count.self)?.count ?? 0
                guard count < limit else { return false }
            }
            try await sql.insert(into: "apps").columns(AppRow.columns).values(row.binds).run()
            return true
        }
    }

    public func app(id: UUID, organizationID: UUID) async throws -> StoredApp? {
        try await store.reader.select().columns(AppRow.columns).from("apps").where("id", .equal, id).where("organization_id", .equal, organizationID)
            .first(decoding: AppRow.self)?.app()
    }

    public func app(id: UUID) async throws -> StoredApp? {
        try await store.reader.select().columns(AppRow.columns).from("apps").where("id", .equal, id).first(decoding: AppRow.self)?.app()
    }

    public func app(clientID: String) async throws -> StoredApp? {
        try await store.reader.select().columns(AppRow.columns).from("apps").where("client_id", .equal, clientID)
            .first(decoding: AppRow.self)?.app()
    }

    public func apps(organizationID: UUID, page: FlowstaPlatform.PageRequest) async throws -> [StoredApp] {
        let select = sql.select().columns(AppRow.columns).from("apps").where("organization_id", .equal, organizationID)
        return try await Self.paged(select, time: SQLColumn("created_at"), id: SQLColumn("id"), page).all(decoding: AppRow.self).map { try $0.app() }
    }

    public func update(_ app: StoredApp) async throws {
        let row = try AppRow(app)
        try await sql.update("apps")
            .set("name", to: row.name).set("description", to: row.description).set("type", to: row.type)
            .set("redirect_uris", to: row.redirect_uris).set("allowed_scopes", to: row.allowed_scopes)
            .set("logo_url", to: row.logo_url).set("privacy_url", to: row.privacy_url).set("terms_url", to: row.terms_url)
            .set("active", to: row.active).set("secret_hash", to: row.secret_hash).set("id_token_alg", to: row.id_token_alg)
            .set("require_second_factor", to: row.require_second_factor).set("require_pkce", to: row.require_pkce)
            .set("post_logout_redirect_uris", to: row.post_logout_redirect_uris).set("backchannel_logout_uri", to: row.backchannel_logout_uri)
            .set("updated_at", to: row.updated_at)
            .where("id", .equal, app.id).where("organization_id", .equal, app.organizationID)
            .run()
    }

    public func delete(id: UUID, organizationID: UUID) async throws {
        try await sql.delete(from: "apps").where("id", .equal, id).where("organization_id", .equal, organizationID).run()
    }
}
