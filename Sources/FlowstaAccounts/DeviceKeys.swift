import Foundation

/// A device key (issue #21): an Ed25519 key a desktop agent made and holds; the user approved it
/// from a signed-in browser session, and the agent signs in by signing a server challenge.
public struct StoredDeviceKey: Sendable, Equatable {
    public var id: UUID
    public var userID: UUID
    /// The user's name for the device (1–64 characters).
    public var name: String
    public var publicKey: [UInt8]
    public var did: String
    public var createdAt: Date
    public var lastUsedAt: Date?

    public init(id: UUID, userID: UUID, name: String, publicKey: [UInt8], did: String, createdAt: Date, lastUsedAt: Date? = nil) {
        self.id = id
        self.userID = userID
        self.name = name
        self.publicKey = publicKey
        self.did = did
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}

/// Where an agent's request to add its key is.
public enum DeviceKeyEnrolmentStatus: String, Sendable {
    case pending, approved, denied
}

/// An agent's request to add its key, waiting for the user to approve it with its code.
public struct StoredDeviceKeyEnrolment: Sendable, Equatable {
    public var id: UUID
    /// Keyed hashes: of the code the agent shows (typed on the account page) and of the secret the
    /// agent polls with.
    public var userCodeHash: String
    public var pollSecretHash: String
    public var name: String
    public var publicKey: [UInt8]
    public var status: DeviceKeyEnrolmentStatus
    /// The key the approval made.
    public var deviceKeyID: UUID?
    public var expiresAt: Date
    public var createdAt: Date

    public init(
        id: UUID, userCodeHash: String, pollSecretHash: String, name: String, publicKey: [UInt8], status: DeviceKeyEnrolmentStatus,
        deviceKeyID: UUID? = nil, expiresAt: Date, createdAt: Date
    ) {
        self.id = id
        self.userCodeHash = userCodeHash
        self.pollSecretHash = pollSecretHash
        self.name = name
        self.publicKey = publicKey
        self.status = status
        self.deviceKeyID = deviceKeyID
        self.expiresAt = expiresAt
        self.createdAt = createdAt
    }
}

/// Storage of device keys and their enrolments.
public protocol DeviceKeyRepository: Sendable {
    /// - Returns: `false` when the code's hash is taken (the caller draws another).
    func insertEnrolment(_ enrolment: StoredDeviceKeyEnrolment) async throws -> Bool
    func enrolment(id: UUID) async throws -> StoredDeviceKeyEnrolment?
    func enrolment(userCodeHash: String) async throws -> StoredDeviceKeyEnrolment?
    /// Stores `key` and marks the pending, unexpired enrolment approved, in one transaction;
    /// `false` (nothing stored) when it is no longer pending, the user has `limit` keys, or the
    /// public key is some device's already.
    func approve(enrolmentID: UUID, key: StoredDeviceKey, limit: Int, now: Date) async throws -> Bool
    func deny(enrolmentID: UUID, now: Date) async throws -> Bool
    func key(id: UUID) async throws -> StoredDeviceKey?
    /// The user's device keys, oldest first.
    func keys(userID: UUID) async throws -> [StoredDeviceKey]
    func markUsed(id: UUID, at: Date) async throws
    /// Removes one of the user's keys; `false` when there is none with that id.
    func remove(id: UUID, userID: UUID) async throws -> Bool
    /// Deletes enrolments that expired before `before`. - Returns: how many.
    func purgeEnrolments(expiredBefore before: Date) async throws -> Int
}

/// ``DeviceKeyRepository`` in memory: the default of an account engine built without a database,
/// and the reference semantics for the stores' contract tests.
public actor EphemeralDeviceKeyRepository: DeviceKeyRepository {
    private var enrolments: [UUID: StoredDeviceKeyEnrolment] = [:]
    private var keys: [UUID: StoredDeviceKey] = [:]

    public init() {}

    public func insertEnrolment(_ enrolment: StoredDeviceKeyEnrolment) -> Bool {
        guard !enrolments.values.contains(where: { $0.userCodeHash == enrolment.userCodeHash }) else { return false }
        enrolments[enrolment.id] = enrolment
        return true
    }

    public func enrolment(id: UUID) -> StoredDeviceKeyEnrolment? { enrolments[id] }

    public func enrolment(userCodeHash: String) -> StoredDeviceKeyEnrolment? { enrolments.values.first { $0.userCodeHash == userCodeHash } }

    public func approve(enrolmentID: UUID, key: StoredDeviceKey, limit: Int, now: Date) -> Bool {
        guard let enrolment = enrolments[enrolmentID], enrolment.status == .pending, enrolment.expiresAt > now,
              keys.values.count(where: { $0.userID == key.userID }) < limit, !keys.values.contains(where: { $0.publicKey == key.publicKey }) else {
            return false
        }
        keys[key.id] = key
        enrolments[enrolmentID]?.status = .approved
        enrolments[enrolmentID]?.deviceKeyID = key.id
        return true
    }

    public func deny(enrolmentID: UUID, now: Date) -> Bool {
        guard let enrolment = enrolments[enrolmentID], enrolment.status == .pending, enrolment.expiresAt > now else { return false }
        enrolments[enrolmentID]?.status = .denied
        return true
    }

    public func key(id: UUID) -> StoredDeviceKey? { keys[id] }

    public func keys(userID: UUID) -> [StoredDeviceKey] {
        keys.values.filter { $0.userID == userID }.sorted { ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString) }
    }

    public func markUsed(id: UUID, at date: Date) { keys[id]?.lastUsedAt = date }

    public func remove(id: UUID, userID: UUID) -> Bool {
        guard keys[id]?.userID == userID else { return false }
        keys[id] = nil
        return true
    }

    public func purgeEnrolments(expiredBefore before: Date) -> Int {
        let gone = enrolments.values.filter { $0.expiresAt < before }
        for enrolment in gone { enrolments[enrolment.id] = nil }
        return gone.count
    }
}
