import FlowstaAccounts
import FluentKit
import Foundation
import SQLKit

/// ``ProfilePictureRepository`` on the Fluent database.
public struct FluentProfilePictureRepository: ProfilePictureRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Codable {
        var user_id: UUID
        var token: String
        var content_type: String
        var bytes: Data
        var updated_at: Date

        static let columns = ["user_id", "token", "content_type", "bytes", "updated_at"]
        var picture: StoredPicture {
            StoredPicture(userID: user_id, token: token, contentType: content_type, bytes: [UInt8](bytes), updatedAt: updated_at)
        }
    }

    public func save(_ picture: StoredPicture) async throws {
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            try await sql.delete(from: "profile_pictures").where("user_id", .equal, picture.userID).run()
            try await sql.insert(into: "profile_pictures").columns(Row.columns).values(
                SQLBind(picture.userID), SQLBind(picture.token), SQLBind(picture.contentType), SQLBind(Data(picture.bytes)), SQLBind(picture.updatedAt)
            ).run()
        }
    }

    public func picture(userID: UUID) async throws -> StoredPicture? {
        try await store.reader.select().columns(Row.columns).from("profile_pictures").where("user_id", .equal, userID).first(decoding: Row.self)?.picture
    }

    public func picture(token: String) async throws -> StoredPicture? {
        try await store.reader.select().columns(Row.columns).from("profile_pictures").where("token", .equal, token).first(decoding: Row.self)?.picture
    }

    public func delete(userID: UUID) async throws -> Bool {
        try await !store.sql.raw("DELETE FROM profile_pictures WHERE user_id = \(bind: userID) RETURNING user_id").all().isEmpty
    }
}
