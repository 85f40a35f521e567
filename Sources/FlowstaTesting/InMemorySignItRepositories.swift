import FlowstaCrypto
import FlowstaSignIt
import Foundation

/// ``SignRequestRepository`` in memory: the reference semantics for the stores' contract tests.
public actor InMemorySignRequestRepository: SignRequestRepository {
    private var requests: [UUID: StoredSignRequest] = [:]

    public init() {}

    public func insert(_ request: StoredSignRequest) { requests[request.id] = request }

    public func find(id: UUID) -> StoredSignRequest? { requests[id] }

    public func decide(id: UUID, status: SignRequestStatus, at date: Date) -> Bool {
        guard let request = requests[id], request.status == .pending, request.expiresAt > date else { return false }
        requests[id]?.status = status
        requests[id]?.decidedAt = date
        return true
    }

    public func pendingCount(userID: UUID, appID: UUID, now: Date) -> Int {
        requests.values.count { $0.userID == userID && $0.appID == appID && $0.status == .pending && $0.expiresAt > now }
    }

    public func purge(expiredBefore: Date, decidedBefore: Date) -> Int {
        let gone = requests.values.filter {
            ($0.status == .pending && $0.expiresAt < expiredBefore) || ($0.decidedAt.map { $0 < decidedBefore } ?? false)
        }
        for request in gone { requests[request.id] = nil }
        return gone.count
    }
}

/// ``SignatureRepository`` in memory.
public actor InMemorySignatureRepository: SignatureRepository {
    private var rows: [UUID: StoredSignature] = [:]

    public init() {}

    private static func newestFirst(_ a: StoredSignature, _ b: StoredSignature) -> Bool {
        (a.createdAt, a.id.uuidString) > (b.createdAt, b.id.uuidString)
    }

    public func insert(_ signature: StoredSignature) -> Bool {
        guard !rows.values.contains(where: { $0.file.fileHash == signature.file.fileHash && $0.signingKeyID == signature.signingKeyID }) else {
            return false
        }
        rows[signature.id] = signature
        return true
    }

    public func find(id: UUID) -> StoredSignature? { rows[id] }

    public func signatures(fileHash: [UInt8], limit: Int) -> (signatures: [StoredSignature], total: Int) {
        let all = rows.values.filter { $0.file.fileHash == fileHash }.sorted(by: Self.newestFirst)
        return (Array(all.prefix(limit)), all.count)
    }

    public func signatures(userID: UUID, before: Date?, limit: Int) -> [StoredSignature] {
        Array(rows.values.filter { row in row.userID == userID && (before.map { row.createdAt < $0 } ?? true) }.sorted(by: Self.newestFirst).prefix(limit))
    }

    public func signatures(requestID: UUID) -> [StoredSignature] {
        rows.values.filter { $0.requestID == requestID }
    }

    public func revoke(id: UUID, userID: UUID, at date: Date, reason: String?) -> Bool {
        guard let row = rows[id], row.userID == userID, row.revokedAt == nil else { return false }
        rows[id]?.revokedAt = date
        rows[id]?.revocationReason = reason
        return true
    }

    public func count(organizationID: UUID, since: Date) -> Int {
        rows.values.count { $0.organizationID == organizationID && $0.createdAt >= since }
    }

}

/// ``SignItApprovalRepository`` in memory.
public actor InMemorySignItApprovalRepository: SignItApprovalRepository {
    private var rows: [String: (userID: UUID, appID: UUID, since: Date)] = [:]

    public init() {}

    private static func key(_ userID: UUID, _ appID: UUID) -> String { userID.uuidString + appID.uuidString }

    public func remember(userID: UUID, appID: UUID, at date: Date) {
        if rows[Self.key(userID, appID)] == nil { rows[Self.key(userID, appID)] = (userID, appID, date) }
    }

    public func isRemembered(userID: UUID, appID: UUID) -> Bool { rows[Self.key(userID, appID)] != nil }

    public func forget(userID: UUID, appID: UUID) -> Bool { rows.removeValue(forKey: Self.key(userID, appID)) != nil }

    public func remembered(userID: UUID) -> [(appID: UUID, since: Date)] {
        rows.values.filter { $0.userID == userID }.sorted { $0.since < $1.since }.map { ($0.appID, $0.since) }
    }
}
