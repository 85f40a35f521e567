import FlowstaPlatform
import FluentKit
import Foundation
import SQLKit

extension FluentPlatformRepository: InviteRepository {
    struct InviteRow: Codable {
        var id: UUID
        var organization_id: UUID
        var email_sealed: Data
        var email_index: String
        var role: String
        var token_hash: String
        var created_at: Date
        var expires_at: Date

        static let columns = ["id", "organization_id", "email_sealed", "email_index", "role", "token_hash", "created_at", "expires_at"]

        var invite: StoredInvite {
            StoredInvite(
                id: id, organizationID: organization_id, emailSealed: [UInt8](email_sealed), emailIndex: email_index,
                role: Role(rawValue: role) ?? .member, tokenHash: token_hash, createdAt: created_at, expiresAt: expires_at
            )
        }
    }

    public func create(_ invite: StoredInvite, seats: Int?) async throws -> InviteCreation {
        let lock = store.engine == .postgres ? SQLLockingClause.update : nil
        return try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            // Lock the organization row: concurrent invites count seats one after the other.
            let organization = sql.select().column("id").from("organizations").where("id", .equal, invite.organizationID)
            if let lock { organization.lockingClause(lock) }
            _ = try await organization.all()
            struct Row: Codable { var email_index: String }
            let pending = try await sql.select().column("email_index").from("invites")
                .where("organization_id", .equal, invite.organizationID).all(decoding: Row.self)
            if pending.contains(where: { $0.email_index == invite.emailIndex }) { return .duplicate }
            if let seats {
                struct Count: Codable { var count: Int }
                let members = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("memberships")
                    .where("organization_id", .equal, invite.organizationID).first(decoding: Count.self)?.count ?? 0
                if members + pending.count >= seats { return .seatsFull }
            }
            try await sql.insert(into: "invites").columns(InviteRow.columns).values(
                SQLBind(invite.id), SQLBind(invite.organizationID), SQLBind(Data(invite.emailSealed)), SQLBind(invite.emailIndex),
                SQLBind(invite.role.rawValue), SQLBind(invite.tokenHash), SQLBind(invite.createdAt), SQLBind(invite.expiresAt)
            ).run()
            return .created
        }
    }

    public func invite(id: UUID, organizationID: UUID) async throws -> StoredInvite? {
        try await sql.select().columns(InviteRow.columns).from("invites").where("id", .equal, id).where("organization_id", .equal, organizationID)
            .first(decoding: InviteRow.self)?.invite
    }

    public func invite(tokenHash: String) async throws -> StoredInvite? {
        try await sql.select().columns(InviteRow.columns).from("invites").where("token_hash", .equal, tokenHash)
            .first(decoding: InviteRow.self)?.invite
    }

    public func invites(organizationID: UUID, page: FlowstaPlatform.PageRequest) async throws -> [StoredInvite] {
        let select = sql.select().columns(InviteRow.columns).from("invites").where("organization_id", .equal, organizationID)
        return try await Self.paged(select, time: SQLColumn("created_at"), id: SQLColumn("id"), page).all(decoding: InviteRow.self).map(\.invite)
    }

    public func replaceToken(id: UUID, tokenHash: String, expiresAt: Date, maxSends: Int) async throws -> Bool {
        try await !sql.update("invites").set("token_hash", to: tokenHash).set("expires_at", to: expiresAt)
            .set("sends", to: SQLBinaryExpression(SQLColumn("sends"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, id).where("sends", .lessThan, maxSends)
            .returning("id").all().isEmpty
    }

    public func delete(id: UUID) async throws {
        try await sql.delete(from: "invites").where("id", .equal, id).run()
    }

    public func accept(_ invite: StoredInvite, by userID: UUID, at: Date) async throws -> Bool {
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            let deleted = try await sql.delete(from: "invites").where("id", .equal, invite.id).returning("id").all()
            guard !deleted.isEmpty else { return false }
            do {
                try await Self.insert(Membership(organizationID: invite.organizationID, userID: userID, role: invite.role, createdAt: at), on: sql)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw PlatformError.conflict("you are already a member of this organization")
            }
            return true
        }
    }

    public func deleteExpired(now: Date) async throws -> Int {
        try await store.deleteInBatches(from: "invites", key: ["id"]) { $0.where("expires_at", .lessThanOrEqual, now) }
    }
}
