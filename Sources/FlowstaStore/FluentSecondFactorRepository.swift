import FlowstaAccounts
import FluentKit
import Foundation
import SQLKit

/// ``SecondFactorRepository`` on the Fluent database (`totp_factors`, `backup_codes`).
public struct FluentSecondFactorRepository: SecondFactorRepository {
    let store: FlowstaDatabase
    static let totpColumns = ["user_id", "sealed_secret", "confirmed_at", "last_used_step", "created_at"]

    public init(store: FlowstaDatabase) { self.store = store }

    struct TOTPRow: Decodable {
        var user_id: UUID
        var sealed_secret: Data
        var confirmed_at: Date?
        var last_used_step: Int64?
        var created_at: Date

        var stored: StoredTOTP {
            StoredTOTP(userID: user_id, sealedSecret: [UInt8](sealed_secret), confirmedAt: confirmed_at, lastUsedStep: last_used_step, createdAt: created_at)
        }
    }

    struct UserRow: Decodable { var user_id: UUID }

    public func saveTOTP(_ totp: StoredTOTP) async throws {
        try await store.database.transaction { database in
            guard let sql = database as? any SQLDatabase else { return }
            try await sql.delete(from: "totp_factors").where("user_id", .equal, totp.userID).run()
            try await sql.insert(into: "totp_factors").columns(Self.totpColumns).values(
                SQLBind(totp.userID), SQLBind(Data(totp.sealedSecret)), SQLBind(totp.confirmedAt), SQLBind(totp.lastUsedStep), SQLBind(totp.createdAt)
            ).run()
        }
    }

    public func totp(userID: UUID) async throws -> StoredTOTP? {
        try await store.sql.select().columns(Self.totpColumns).from("totp_factors").where("user_id", .equal, userID)
            .first(decoding: TOTPRow.self)?.stored
    }

    public func confirmTOTP(userID: UUID, at: Date, step: Int64) async throws -> Bool {
        try await store.sql.update("totp_factors").set("confirmed_at", to: at).set("last_used_step", to: step)
            .where("user_id", .equal, userID).where("confirmed_at", .is, SQLLiteral.null)
            .returning("user_id").first(decoding: UserRow.self) != nil
    }

    public func useTOTPStep(userID: UUID, step: Int64) async throws -> Bool {
        try await store.sql.update("totp_factors").set("last_used_step", to: step)
            .where("user_id", .equal, userID).where("confirmed_at", .isNot, SQLLiteral.null)
            .where { $0.where("last_used_step", .is, SQLLiteral.null).orWhere("last_used_step", .lessThan, step) }
            .returning("user_id").first(decoding: UserRow.self) != nil
    }

    public func deleteTOTP(userID: UUID) async throws {
        try await store.sql.delete(from: "totp_factors").where("user_id", .equal, userID).run()
    }

    public func replaceBackupCodes(userID: UUID, hashes: [String], at: Date) async throws {
        try await store.database.transaction { database in
            guard let sql = database as? any SQLDatabase else { return }
            try await sql.delete(from: "backup_codes").where("user_id", .equal, userID).run()
            guard !hashes.isEmpty else { return }
            var insert = sql.insert(into: "backup_codes").columns("user_id", "code_hash", "used_at", "created_at")
            for hash in hashes { insert = insert.values(SQLBind(userID), SQLBind(hash), SQLLiteral.null, SQLBind(at)) }
            try await insert.run()
        }
    }

    public func useBackupCode(userID: UUID, hash: String, at: Date) async throws -> Bool {
        try await store.sql.update("backup_codes").set("used_at", to: at)
            .where("user_id", .equal, userID).where("code_hash", .equal, hash).where("used_at", .is, SQLLiteral.null)
            .returning("user_id").first(decoding: UserRow.self) != nil
    }

    public func unusedBackupCodes(userID: UUID) async throws -> Int {
        struct Count: Decodable { var count: Int }
        return try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("backup_codes")
            .where("user_id", .equal, userID).where("used_at", .is, SQLLiteral.null)
            .first(decoding: Count.self)?.count ?? 0
    }

    public func deleteBackupCodes(userID: UUID) async throws {
        try await store.sql.delete(from: "backup_codes").where("user_id", .equal, userID).run()
    }
}
