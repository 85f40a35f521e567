import FlowstaPlatform
import FluentKit
import Foundation
import SQLKit

/// The platform's storage ports on the Fluent database (SQLKit queries).
public struct FluentPlatformRepository: Sendable {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    var sql: any SQLDatabase { store.sql }

    /// Keyset paging on (time, id).
    static func paged(_ select: SQLSelectBuilder, time: SQLColumn, id: SQLColumn, _ page: FlowstaPlatform.PageRequest) -> SQLSelectBuilder {
        if let (date, after) = page.after {
            select.where { group in
                group.where(time, .greaterThan, SQLBind(date))
                    .orWhere { inner in inner.where(time, .equal, SQLBind(date)).where(id, .greaterThan, SQLBind(after)) }
            }
        }
        return select.orderBy(time).orderBy(id).limit(page.limit)
    }
}

extension FluentPlatformRepository: OrganizationRepository {
    struct OrganizationRow: Codable {
        var id: UUID
        var name: String
        var contact_email_sealed: Data?
        var billing_address: String?
        var plan: String
        var created_at: Date
        var updated_at: Date
        var deleted_at: Date?
        var require_second_factor: Bool

        static let columns = [
            "id", "name", "contact_email_sealed", "billing_address", "plan", "created_at", "updated_at", "deleted_at", "require_second_factor",
        ]

        var organization: StoredOrganization {
            StoredOrganization(
                id: id, name: name, contactEmailSealed: contact_email_sealed.map { [UInt8]($0) }, billingAddress: billing_address,
                plan: Plan(rawValue: plan) ?? .free, createdAt: created_at, updatedAt: updated_at, deletedAt: deleted_at,
                requiresSecondFactor: require_second_factor
            )
        }
    }

    public func create(_ organization: StoredOrganization, owner: Membership) async throws {
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            try await sql.insert(into: "organizations").columns(OrganizationRow.columns).values(
                SQLBind(organization.id), SQLBind(organization.name), SQLBind(organization.contactEmailSealed.map { Data($0) }),
                SQLBind(organization.billingAddress), SQLBind(organization.plan.rawValue), SQLBind(organization.createdAt), SQLBind(organization.updatedAt),
                SQLBind(organization.deletedAt), SQLBind(organization.requiresSecondFactor)
            ).run()
            try await Self.insert(owner, on: sql)
        }
    }

    public func find(id: UUID) async throws -> StoredOrganization? {
        try await sql.select().columns(OrganizationRow.columns).from("organizations").where("id", .equal, id)
            .first(decoding: OrganizationRow.self)?.organization
    }

    public func update(_ organization: StoredOrganization) async throws {
        try await sql.update("organizations")
            .set("name", to: organization.name)
            .set("contact_email_sealed", to: organization.contactEmailSealed.map { Data($0) })
            .set("billing_address", to: organization.billingAddress)
            .set("plan", to: organization.plan.rawValue)
            .set("require_second_factor", to: organization.requiresSecondFactor)
            .set("updated_at", to: organization.updatedAt)
            .where("id", .equal, organization.id)
            .run()
    }

    public func setDeleted(id: UUID, at date: Date?) async throws {
        try await sql.update("organizations").set("deleted_at", to: date).where("id", .equal, id).run()
    }

    public func deleted(before cutoff: Date, limit: Int) async throws -> [StoredOrganization] {
        try await sql.select().columns(OrganizationRow.columns).from("organizations")
            .where("deleted_at", .isNot, SQLLiteral.null).where("deleted_at", .lessThanOrEqual, cutoff)
            .orderBy("deleted_at").limit(limit)
            .all(decoding: OrganizationRow.self).map(\.organization)
    }

    public func purge(id: UUID) async throws {
        // The tables that grow with use go first, a batch at a time.
        for table in ["api_logs", "audit_events"] {
            _ = try await store.deleteInBatches(from: table, key: ["id"]) { $0.where("organization_id", .equal, id) }
        }
        for table in ["usage_hourly", "usage_daily"] {
            _ = try await store.deleteInBatches(from: table) { $0.where("organization_id", .equal, id) }
        }
        // MAU ids carry no organization (nothing links them to anything but the app).
        struct AppID: Codable { var id: UUID }
        for app in try await sql.select().column("id").from("apps").where("organization_id", .equal, id).all(decoding: AppID.self) {
            _ = try await store.deleteInBatches(from: "mau_ids", key: ["app_id", "month", "analytics_id"]) { $0.where("app_id", .equal, app.id) }
        }
        // Webhook deliveries name their endpoint, not the organization.
        let endpoints = sql.select().column("id").from("webhook_endpoints").where("organization_id", .equal, id)
        _ = try await store.deleteInBatches(from: "outbound_deliveries", key: ["id"]) {
            $0.where(SQLColumn("endpoint_id"), .in, SQLGroupExpression(endpoints.select))
        }
        // The rest (members, keys, invites, apps with their grants and consents, webhook
        // endpoints, MAU counts)
        // is small and goes with the organization row by cascade.
        try await sql.delete(from: "organizations").where("id", .equal, id).run()
    }

    public func organizations(of userID: UUID, page: FlowstaPlatform.PageRequest) async throws -> [(StoredOrganization, Role)] {
        struct Row: Codable {
            var organization: OrganizationRow
            var role: String
            init(from decoder: any Decoder) throws {
                organization = try OrganizationRow(from: decoder)
                role = try decoder.container(keyedBy: Key.self).decode(String.self, forKey: .role)
            }
            enum Key: String, CodingKey { case role }
        }
        let select = sql.select()
            .columns(OrganizationRow.columns.map { SQLColumn($0, table: "organizations") })
            .column(SQLColumn("role", table: "memberships"))
            .from("organizations")
            .join("memberships", on: SQLColumn("organization_id", table: "memberships"), .equal, SQLColumn("id", table: "organizations"))
            .where(SQLColumn("user_id", table: "memberships"), .equal, SQLBind(userID))
        let rows = try await Self.paged(select, time: SQLColumn("created_at", table: "organizations"), id: SQLColumn("id", table: "organizations"), page)
            .all(decoding: Row.self)
        return rows.map { ($0.organization.organization, Role(rawValue: $0.role) ?? .member) }
    }
}

extension FluentPlatformRepository: MembershipRepository {
    struct MembershipRow: Codable {
        var organization_id: UUID
        var user_id: UUID
        var role: String
        var created_at: Date

        var membership: Membership {
            Membership(organizationID: organization_id, userID: user_id, role: Role(rawValue: role) ?? .member, createdAt: created_at)
        }
    }

    static func insert(_ membership: Membership, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "memberships").columns("organization_id", "user_id", "role", "created_at").values(
            SQLBind(membership.organizationID), SQLBind(membership.userID), SQLBind(membership.role.rawValue), SQLBind(membership.createdAt)
        ).run()
    }

    public func membership(organizationID: UUID, userID: UUID) async throws -> Membership? {
        try await sql.select().columns("organization_id", "user_id", "role", "created_at").from("memberships")
            .where("organization_id", .equal, organizationID).where("user_id", .equal, userID)
            .first(decoding: MembershipRow.self)?.membership
    }

    public func members(organizationID: UUID, page: FlowstaPlatform.PageRequest) async throws -> [Membership] {
        let select = sql.select().columns("organization_id", "user_id", "role", "created_at").from("memberships")
            .where("organization_id", .equal, organizationID)
        return try await Self.paged(select, time: SQLColumn("created_at"), id: SQLColumn("user_id"), page)
            .all(decoding: MembershipRow.self).map(\.membership)
    }

    public func count(organizationID: UUID) async throws -> Int {
        struct Count: Codable { var count: Int }
        return try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("memberships")
            .where("organization_id", .equal, organizationID).first(decoding: Count.self)?.count ?? 0
    }

    public func owners(organizationID: UUID) async throws -> [UUID] {
        struct Row: Codable { var user_id: UUID }
        return try await sql.select().column("user_id").from("memberships")
            .where("organization_id", .equal, organizationID).where("role", .equal, Role.owner.rawValue)
            .all(decoding: Row.self).map(\.user_id)
    }

    public func add(_ membership: Membership) async throws {
        do {
            try await Self.insert(membership, on: sql)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw PlatformError.conflict("already a member of this organization")
        }
    }

    public func changeRole(organizationID: UUID, userID: UUID, to role: Role) async throws -> MembershipChange {
        try await guarded(organizationID, userID, removing: role != .owner) { sql in
            try await sql.update("memberships").set("role", to: role.rawValue)
                .where("organization_id", .equal, organizationID).where("user_id", .equal, userID).run()
        }
    }

    public func remove(organizationID: UUID, userID: UUID) async throws -> MembershipChange {
        try await guarded(organizationID, userID, removing: true) { sql in
            try await sql.delete(from: "memberships")
                .where("organization_id", .equal, organizationID).where("user_id", .equal, userID).run()
        }
    }

    /// Runs a membership change in a transaction that first locks the organization's
    /// memberships (PostgreSQL `FOR UPDATE`; SQLite has one writer), so the owner count it
    /// checks cannot change underneath it.
    private func guarded(_ organizationID: UUID, _ userID: UUID, removing ownerRole: Bool, _ change: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> MembershipChange {
        let lock = store.engine == .postgres ? SQLLockingClause.update : nil
        return try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            let select = sql.select().columns("organization_id", "user_id", "role", "created_at").from("memberships")
                .where("organization_id", .equal, organizationID)
            if let lock { select.lockingClause(lock) }
            let rows = try await select.all(decoding: MembershipRow.self)
            guard let target = rows.first(where: { $0.user_id == userID }) else { return .notFound }
            if target.role == Role.owner.rawValue, ownerRole, rows.filter({ $0.role == Role.owner.rawValue }).count <= 1 {
                return .lastOwner
            }
            try await change(sql)
            return .applied
        }
    }
}
