import FlowstaCrypto
import FlowstaSignIt
import FluentKit
import Foundation
import SQLKit

/// ``SignRequestRepository`` on the Fluent database (`sign_requests`; the files as JSON).
public struct FluentSignRequestRepository: SignRequestRepository {
    let store: FlowstaDatabase
    static let columns = ["id", "app_id", "client_id", "user_id", "files", "redirect_uri", "state", "status", "created_at", "expires_at", "decided_at"]

    public init(store: FlowstaDatabase) { self.store = store }

    /// One file as the `files` column holds it.
    struct FileJSON: Codable {
        var file_hash: String
        var fields: SignItFields
    }

    struct Row: Decodable {
        var id: UUID
        var app_id: UUID
        var client_id: String
        var user_id: UUID
        var files: String
        var redirect_uri: String?
        var state: String?
        var status: String
        var created_at: Date
        var expires_at: Date
        var decided_at: Date?

        func stored() throws -> StoredSignRequest {
            let decoded = try JSONDecoder().decode([FileJSON].self, from: Data(files.utf8))
            return StoredSignRequest(
                id: id, appID: app_id, clientID: client_id, userID: user_id,
                files: try decoded.map { file in
                    guard let hash = SignItHash.parse(file.file_hash) else { throw StoreCorruption(table: "sign_requests") }
                    return FileToSign(fileHash: hash, fields: file.fields)
                },
                redirectURI: redirect_uri, state: state, status: SignRequestStatus(rawValue: status) ?? .expired,
                createdAt: created_at, expiresAt: expires_at, decidedAt: decided_at
            )
        }
    }

    public func insert(_ request: StoredSignRequest) async throws {
        let files = String(decoding: try JSONEncoder().encode(request.files.map { FileJSON(file_hash: $0.hexHash, fields: $0.fields) }), as: UTF8.self)
        try await store.sql.raw("""
            INSERT INTO sign_requests (\(unsafeRaw: Self.columns.joined(separator: ", "))) VALUES (\(bind: request.id), \(bind: request.appID), \
            \(bind: request.clientID), \(bind: request.userID), \(bind: files), \(bind: request.redirectURI), \(bind: request.state), \
            \(bind: request.status.rawValue), \(bind: request.createdAt), \(bind: request.expiresAt), \(bind: request.decidedAt))
            """).run()
    }

    public func find(id: UUID) async throws -> StoredSignRequest? {
        try await store.reader.select().columns(Self.columns).from("sign_requests").where("id", .equal, id).first(decoding: Row.self)?.stored()
    }

    public func decide(id: UUID, status: SignRequestStatus, at date: Date) async throws -> Bool {
        struct IDRow: Decodable { var id: UUID }
        return try await store.sql.raw("""
            UPDATE sign_requests SET status = \(bind: status.rawValue), decided_at = \(bind: date)
            WHERE id = \(bind: id) AND status = 'pending' AND expires_at > \(bind: date) RETURNING id
            """).first(decoding: IDRow.self) != nil
    }

    public func pendingCount(userID: UUID, appID: UUID, now: Date) async throws -> Int {
        struct Count: Decodable { var count: Int }
        return try await store.reader.raw("""
            SELECT COUNT(*) AS count FROM sign_requests
            WHERE user_id = \(bind: userID) AND app_id = \(bind: appID) AND status = 'pending' AND expires_at > \(bind: now)
            """).first(decoding: Count.self)?.count ?? 0
    }

    public func purge(expiredBefore: Date, decidedBefore: Date) async throws -> Int {
        struct IDRow: Decodable { var id: UUID }
        return try await store.sql.raw("""
            DELETE FROM sign_requests WHERE (status = 'pending' AND expires_at < \(bind: expiredBefore)) \
            OR (decided_at IS NOT NULL AND decided_at < \(bind: decidedBefore)) RETURNING id
            """).all(decoding: IDRow.self).count
    }
}

/// A row that cannot be what this code wrote (a hand-edited database): an error, never a trap.
struct StoreCorruption: Error, CustomStringConvertible {
    var table: String
    var description: String { "a row of \(table) is not readable" }
}
