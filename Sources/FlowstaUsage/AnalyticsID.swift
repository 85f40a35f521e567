import FlowstaCore
import Foundation

/// A user's analytics id for one app and month: 16 bytes the user's client derives from a key
/// only it holds (`HMAC-SHA256(analytics_root, client_id ":" YYYY-MM)`, truncated). The server
/// cannot link it to anyone; it only counts distinct ids (P5).
public struct AnalyticsID: Sendable, Hashable, Comparable {
    public static let byteCount = 16
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Parses the canonical unpadded base64url form (22 characters).
    public init?(base64URL text: String) {
        guard text.utf8.count == 22, let bytes = Base64URL.decode(text), Base64URL.encode(bytes) == text else { return nil }
        self.init(bytes: bytes)
    }

    public var base64URL: String { Base64URL.encode(bytes) }

    public static func < (lhs: AnalyticsID, rhs: AnalyticsID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}

/// One sign-in as the MAU store sees it: the id, the app and the month. The organization is
/// only used to keep the app's monthly count with it.
public struct MAUEntry: Sendable, Hashable {
    public var analyticsID: AnalyticsID
    public var appID: UUID
    public var organizationID: UUID
    public var month: UsageMonth

    public init(analyticsID: AnalyticsID, appID: UUID, organizationID: UUID, month: UsageMonth) {
        self.analyticsID = analyticsID
        self.appID = appID
        self.organizationID = organizationID
        self.month = month
    }
}

/// One app's active users in one month; `closed` once the month's ids were aggregated and deleted.
public struct MAUCount: Sendable, Equatable {
    public var month: UsageMonth
    public var activeUsers: Int
    public var closed: Bool

    public init(month: UsageMonth, activeUsers: Int, closed: Bool) {
        self.month = month
        self.activeUsers = activeUsers
        self.closed = closed
    }
}

/// What closing months did.
public struct MAUCloseResult: Sendable, Equatable {
    public var monthsClosed: Int
    public var idsDeleted: Int
    public var countsPurged: Int

    public init(monthsClosed: Int = 0, idsDeleted: Int = 0, countsPurged: Int = 0) {
        self.monthsClosed = monthsClosed
        self.idsDeleted = idsDeleted
        self.countsPurged = countsPurged
    }
}

/// Storage of analytics ids (open months) and monthly counts.
public protocol MAURepository: Sendable {
    /// Stores the entries not stored yet (one row per id, app and month, nothing else) and adds
    /// the new ones to their app's count for the month, atomically. Returns the new entries.
    func record(_ entries: [MAUEntry]) async throws -> Set<MAUEntry>
    /// Whether this id is already counted for the app and month.
    func contains(_ entry: MAUEntry) async throws -> Bool
    /// The app's counts for `months` (missing months are absent).
    func counts(appID: UUID, months: ClosedRange<UsageMonth>) async throws -> [MAUCount]
    /// The organization's active users in a month, all apps together (deleted apps included).
    func organizationTotal(organizationID: UUID, month: UsageMonth) async throws -> Int
    /// Closes every open month before `month`: each app's count is set from its ids, the
    /// month is marked closed and the ids are deleted (in batches).
    func close(monthsBefore month: UsageMonth) async throws -> MAUCloseResult
    /// Deletes the counts of months before `month`.
    func purgeCounts(monthsBefore month: UsageMonth) async throws -> Int
    /// Records that the account behind `member` (a keyed hash, see ``MAUService``) is counted
    /// for the app and month. - Returns: `false` when it already was.
    func claimMember(_ member: String, appID: UUID, month: UsageMonth) async throws -> Bool
    /// Undoes a claim whose sign-in was refused (the plan's limit).
    func releaseMember(_ member: String, appID: UUID, month: UsageMonth) async throws
}
