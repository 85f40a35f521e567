import FlowstaCrypto
import FlowstaSignIt
import FluentKit
import Foundation
import SQLKit

/// ``SignatureRepository`` on the Fluent database (`signatures`): one row per signature, a
/// unique index on (file hash, key) so a key signs a file once.
public struct FluentSignatureRepository: SignatureRepository {
    let store: FlowstaDatabase
    static let columns = [
        "id", "file_hash", "user_id", "signing_key_id", "public_key", "did", "signature", "signed_at", "intent", "ai_generation", "license",
        "commercial_licensing", "ai_training", "contact_preference", "request_id", "organization_id", "created_at", "revoked_at", "revocation_reason",
    ]

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Decodable {
        var id: UUID
        var file_hash: Data
        var user_id: UUID
        var signing_key_id: UUID
        var public_key: Data
        var did: String
        var signature: Data
        var signed_at: Date
        var intent: String
        var ai_generation: String
        var license: String?
        var commercial_licensing: String?
        var ai_training: String?
        var contact_preference: String?
        var request_id: UUID?
        var organization_id: UUID?
        var created_at: Date
        var revoked_at: Date?
        var revocation_reason: String?

        func stored() throws -> StoredSignature {
            guard let intent = SignIntent(rawValue: intent), let aiGeneration = AIGeneration(rawValue: ai_generation) else {
                throw StoreCorruption(table: "signatures")
            }
            let rights = ContentRights(
                license: license, commercialLicensing: commercial_licensing.flatMap(CommercialLicensing.init(rawValue:)),
                aiTraining: ai_training.flatMap(AITraining.init(rawValue:)), contactPreference: contact_preference.flatMap(ContactPreference.init(rawValue:))
            )
            return StoredSignature(
                id: id, file: FileToSign(fileHash: [UInt8](file_hash), fields: SignItFields(intent: intent, aiGeneration: aiGeneration, contentRights: rights)),
                userID: user_id, signingKeyID: signing_key_id, publicKey: [UInt8](public_key), did: did, signature: [UInt8](signature),
                signedAt: signed_at, requestID: request_id, organizationID: organization_id, createdAt: created_at, revokedAt: revoked_at,
                revocationReason: revocation_reason
            )
        }
    }

    struct IDRow: Decodable { var id: UUID }

    public func insert(_ signature: StoredSignature) async throws -> Bool {
        let rights = signature.file.fields.contentRights
        return try await store.sql.raw("""
            INSERT INTO signatures (\(unsafeRaw: Self.columns.joined(separator: ", "))) VALUES (\(bind: signature.id), \
            \(bind: Data(signature.file.fileHash)), \(bind: signature.userID), \(bind: signature.signingKeyID), \(bind: Data(signature.publicKey)), \
            \(bind: signature.did), \(bind: Data(signature.signature)), \(bind: signature.signedAt), \(bind: signature.file.fields.intent.rawValue), \
            \(bind: signature.file.fields.aiGeneration.rawValue), \(bind: rights.license), \(bind: rights.commercialLicensing?.rawValue), \
            \(bind: rights.aiTraining?.rawValue), \(bind: rights.contactPreference?.rawValue), \(bind: signature.requestID), \
            \(bind: signature.organizationID), \(bind: signature.createdAt), \(bind: signature.revokedAt), \(bind: signature.revocationReason))
            ON CONFLICT (file_hash, signing_key_id) DO NOTHING RETURNING id
            """).first(decoding: IDRow.self) != nil
    }

    public func find(id: UUID) async throws -> StoredSignature? {
        try await store.reader.select().columns(Self.columns).from("signatures").where("id", .equal, id).first(decoding: Row.self)?.stored()
    }

    public func signatures(fileHash: [UInt8], limit: Int) async throws -> (signatures: [StoredSignature], total: Int) {
        struct Count: Decodable { var count: Int }
        let rows = try await store.reader.select().columns(Self.columns).from("signatures").where("file_hash", .equal, Data(fileHash))
            .orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).all(decoding: Row.self)
        let total = try await store.reader.raw("SELECT COUNT(*) AS count FROM signatures WHERE file_hash = \(bind: Data(fileHash))")
            .first(decoding: Count.self)?.count ?? 0
        return (try rows.map { try $0.stored() }, total)
    }

    public func signatures(userID: UUID, before: Date?, limit: Int) async throws -> [StoredSignature] {
        var query = store.reader.select().columns(Self.columns).from("signatures").where("user_id", .equal, userID)
        if let before { query = query.where("created_at", .lessThan, before) }
        return try await query.orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).all(decoding: Row.self).map { try $0.stored() }
    }

    public func signatures(requestID: UUID) async throws -> [StoredSignature] {
        try await store.reader.select().columns(Self.columns).from("signatures").where("request_id", .equal, requestID)
            .all(decoding: Row.self).map { try $0.stored() }
    }

    public func revoke(id: UUID, userID: UUID, at date: Date, reason: String?) async throws -> Bool {
        try await store.sql.raw("""
            UPDATE signatures SET revoked_at = \(bind: date), revocation_reason = \(bind: reason)
            WHERE id = \(bind: id) AND user_id = \(bind: userID) AND revoked_at IS NULL RETURNING id
            """).first(decoding: IDRow.self) != nil
    }

    public func count(organizationID: UUID, since: Date) async throws -> Int {
        struct Count: Decodable { var count: Int }
        return try await store.reader.raw("""
            SELECT COUNT(*) AS count FROM signatures WHERE organization_id = \(bind: organizationID) AND created_at >= \(bind: since)
            """).first(decoding: Count.self)?.count ?? 0
    }
}

/// ``SignItApprovalRepository`` on the Fluent database (`sign_it_remembered`).
public struct FluentSignItApprovalRepository: SignItApprovalRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    public func remember(userID: UUID, appID: UUID, at date: Date) async throws {
        try await store.sql.raw("""
            INSERT INTO sign_it_remembered (user_id, app_id, created_at) VALUES (\(bind: userID), \(bind: appID), \(bind: date))
            ON CONFLICT (user_id, app_id) DO NOTHING
            """).run()
    }

    public func isRemembered(userID: UUID, appID: UUID) async throws -> Bool {
        struct Row: Decodable { var app_id: UUID }
        return try await store.reader.select().column("app_id").from("sign_it_remembered").where("user_id", .equal, userID)
            .where("app_id", .equal, appID).first(decoding: Row.self) != nil
    }

    public func forget(userID: UUID, appID: UUID) async throws -> Bool {
        struct Row: Decodable { var app_id: UUID }
        return try await store.sql.raw("""
            DELETE FROM sign_it_remembered WHERE user_id = \(bind: userID) AND app_id = \(bind: appID) RETURNING app_id
            """).first(decoding: Row.self) != nil
    }

    public func remembered(userID: UUID) async throws -> [(appID: UUID, since: Date)] {
        struct Row: Decodable {
            var app_id: UUID
            var created_at: Date
        }
        return try await store.reader.select().columns("app_id", "created_at").from("sign_it_remembered").where("user_id", .equal, userID)
            .orderBy("created_at").all(decoding: Row.self).map { ($0.app_id, $0.created_at) }
    }
}
