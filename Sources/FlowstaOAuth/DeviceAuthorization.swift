import FlowstaCore
import FlowstaCrypto
import Foundation

/// Where a device authorization (RFC 8628) is.
public enum DeviceAuthorizationStatus: String, Sendable {
    /// Waiting for the user to type the code on the device page.
    case pending
    /// The user allowed it: the grant exists; the device's next poll gets the tokens.
    case approved
    case denied
    /// The device got its tokens: the device code is spent.
    case consumed
}

/// A device authorization as stored: only keyed hashes of the device code and the user code.
public struct StoredDeviceAuthorization: Sendable, Equatable {
    public var id: UUID
    public var deviceCodeHash: String
    public var userCodeHash: String
    public var clientID: String
    public var appID: UUID
    public var scope: ScopeSet
    public var status: DeviceAuthorizationStatus
    /// The grant the approval made (set with `approved`).
    public var grantID: UUID?
    /// Seconds the device must wait between polls (grows by 5 with each `slow_down`).
    public var interval: Int
    public var lastPolledAt: Date?
    public var expiresAt: Date
    public var createdAt: Date

    public init(
        id: UUID, deviceCodeHash: String, userCodeHash: String, clientID: String, appID: UUID, scope: ScopeSet,
        status: DeviceAuthorizationStatus, grantID: UUID? = nil, interval: Int, lastPolledAt: Date? = nil, expiresAt: Date, createdAt: Date
    ) {
        self.id = id
        self.deviceCodeHash = deviceCodeHash
        self.userCodeHash = userCodeHash
        self.clientID = clientID
        self.appID = appID
        self.scope = scope
        self.status = status
        self.grantID = grantID
        self.interval = interval
        self.lastPolledAt = lastPolledAt
        self.expiresAt = expiresAt
        self.createdAt = createdAt
    }
}

/// Storage of device authorizations.
public protocol DeviceAuthorizationRepository: Sendable {
    /// - Returns: `false` when the user code's hash is taken (the caller draws another).
    func insert(_ authorization: StoredDeviceAuthorization) async throws -> Bool
    func find(deviceCodeHash: String) async throws -> StoredDeviceAuthorization?
    func find(userCodeHash: String) async throws -> StoredDeviceAuthorization?
    /// Sets the answer of a pending, unexpired authorization; `false` otherwise.
    func decide(id: UUID, status: DeviceAuthorizationStatus, grantID: UUID?, now: Date) async throws -> Bool
    /// Records a poll and the interval from now on.
    func polled(id: UUID, at: Date, interval: Int) async throws
    /// `approved` to `consumed`, atomically: exactly one concurrent poll gets the grant id.
    func consume(id: UUID) async throws -> UUID?
    /// Deletes authorizations that expired before `before`. - Returns: how many.
    func purge(expiredBefore before: Date) async throws -> Int
}

/// ``DeviceAuthorizationRepository`` in memory: the default of a provider built without a
/// database, and the reference semantics for the stores' contract tests.
public actor EphemeralDeviceAuthorizationRepository: DeviceAuthorizationRepository {
    private var rows: [UUID: StoredDeviceAuthorization] = [:]

    public init() {}

    public func insert(_ authorization: StoredDeviceAuthorization) -> Bool {
        guard !rows.values.contains(where: { $0.userCodeHash == authorization.userCodeHash || $0.deviceCodeHash == authorization.deviceCodeHash }) else {
            return false
        }
        rows[authorization.id] = authorization
        return true
    }

    public func find(deviceCodeHash: String) -> StoredDeviceAuthorization? { rows.values.first { $0.deviceCodeHash == deviceCodeHash } }

    public func find(userCodeHash: String) -> StoredDeviceAuthorization? { rows.values.first { $0.userCodeHash == userCodeHash } }

    public func decide(id: UUID, status: DeviceAuthorizationStatus, grantID: UUID?, now: Date) -> Bool {
        guard let row = rows[id], row.status == .pending, row.expiresAt > now else { return false }
        rows[id]?.status = status
        rows[id]?.grantID = grantID
        return true
    }

    public func polled(id: UUID, at date: Date, interval: Int) {
        rows[id]?.lastPolledAt = date
        rows[id]?.interval = interval
    }

    public func consume(id: UUID) -> UUID? {
        guard let row = rows[id], row.status == .approved else { return nil }
        rows[id]?.status = .consumed
        return row.grantID
    }

    public func purge(expiredBefore before: Date) -> Int {
        let gone = rows.values.filter { $0.expiresAt < before }
        for row in gone { rows[row.id] = nil }
        return gone.count
    }
}
