import FlowstaCrypto
import Foundation

/// Where a signing request is.
public enum SignRequestStatus: String, Sendable, Codable {
    /// Waiting for the user on the approval page.
    case pending
    /// The user approved: its signatures are stored (one per file that could be signed).
    case approved
    /// The user said no.
    case denied
    /// Nobody answered within ``SignItService/Configuration/requestLifetime``.
    case expired
}

/// An app's request that the user sign files, as stored until it is answered and collected.
public struct StoredSignRequest: Sendable, Equatable {
    public var id: UUID
    /// The app and client that asked (the access token's), and the user who is asked.
    public var appID: UUID
    public var clientID: String
    public var userID: UUID
    public var files: [FileToSign]
    /// Where the approval page sends the user afterwards (one of the app's redirect URIs), with
    /// the app's `state`.
    public var redirectURI: String?
    public var state: String?
    public var status: SignRequestStatus
    public var createdAt: Date
    /// A pending request expires then; a decided one is deleted a day after its decision.
    public var expiresAt: Date
    public var decidedAt: Date?

    public init(
        id: UUID, appID: UUID, clientID: String, userID: UUID, files: [FileToSign], redirectURI: String?, state: String?,
        status: SignRequestStatus, createdAt: Date, expiresAt: Date, decidedAt: Date? = nil
    ) {
        self.id = id
        self.appID = appID
        self.clientID = clientID
        self.userID = userID
        self.files = files
        self.redirectURI = redirectURI
        self.state = state
        self.status = status
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.decidedAt = decidedAt
    }
}

/// A signature as stored and published: the statement's fields, the signer's key at the time,
/// the signature, and its revocation.
public struct StoredSignature: Sendable, Equatable {
    public var id: UUID
    public var file: FileToSign
    public var userID: UUID
    /// The key that signed (``FlowstaAccounts/StoredUserSigningKey``'s id), its public key and DID.
    public var signingKeyID: UUID
    public var publicKey: [UInt8]
    public var did: String
    public var signature: [UInt8]
    public var signedAt: Date
    /// The request it answered, while that request is kept.
    public var requestID: UUID?
    /// The organization whose app asked (for the plan's monthly quota).
    public var organizationID: UUID?
    public var createdAt: Date
    public var revokedAt: Date?
    public var revocationReason: String?

    public init(
        id: UUID, file: FileToSign, userID: UUID, signingKeyID: UUID, publicKey: [UInt8], did: String, signature: [UInt8], signedAt: Date,
        requestID: UUID?, organizationID: UUID?, createdAt: Date, revokedAt: Date? = nil, revocationReason: String? = nil
    ) {
        self.id = id
        self.file = file
        self.userID = userID
        self.signingKeyID = signingKeyID
        self.publicKey = publicKey
        self.did = did
        self.signature = signature
        self.signedAt = signedAt
        self.requestID = requestID
        self.organizationID = organizationID
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
    }
}

/// Storage of signing requests.
public protocol SignRequestRepository: Sendable {
    func insert(_ request: StoredSignRequest) async throws
    func find(id: UUID) async throws -> StoredSignRequest?
    /// Sets the status of a request that is still pending; `false` when it was not pending.
    func decide(id: UUID, status: SignRequestStatus, at: Date) async throws -> Bool
    /// How many requests of this user and app are pending and not expired at `now`.
    func pendingCount(userID: UUID, appID: UUID, now: Date) async throws -> Int
    /// Deletes requests pending past their expiry before `expiredBefore` and decided requests
    /// decided before `decidedBefore`. - Returns: how many.
    func purge(expiredBefore: Date, decidedBefore: Date) async throws -> Int
}

/// Storage of signatures. A key signs a file once: ``insert(_:)`` refuses a second signature of
/// the same hash by the same key.
public protocol SignatureRepository: Sendable {
    /// - Returns: `false` (nothing stored) when this key signed this hash before.
    func insert(_ signature: StoredSignature) async throws -> Bool
    func find(id: UUID) async throws -> StoredSignature?
    /// The signatures of a file, newest first, at most `limit`, and how many there are.
    func signatures(fileHash: [UInt8], limit: Int) async throws -> (signatures: [StoredSignature], total: Int)
    /// A user's signatures, newest first, older than `before` when given.
    func signatures(userID: UUID, before: Date?, limit: Int) async throws -> [StoredSignature]
    /// The signatures that answered a request, in the request's file order.
    func signatures(requestID: UUID) async throws -> [StoredSignature]
    /// Revokes a signature of `userID` that is not revoked yet; `false` otherwise.
    func revoke(id: UUID, userID: UUID, at: Date, reason: String?) async throws -> Bool
    /// Signatures made for apps of the organization since `since` (the plan's quota).
    func count(organizationID: UUID, since: Date) async throws -> Int
}

/// Apps whose signing requests the user approves without being asked (the approval page still
/// opens: the browser signs; it just does not wait for a click).
public protocol SignItApprovalRepository: Sendable {
    func remember(userID: UUID, appID: UUID, at: Date) async throws
    func isRemembered(userID: UUID, appID: UUID) async throws -> Bool
    /// - Returns: `false` when the app was not remembered.
    func forget(userID: UUID, appID: UUID) async throws -> Bool
    /// The remembered apps of a user, oldest first.
    func remembered(userID: UUID) async throws -> [(appID: UUID, since: Date)]
}
