import Foundation

/// One metered request as the organization can read it back: no address, no User-Agent, no
/// query string, no body (P2, P3).
public struct APILogEntry: Sendable, Equatable {
    public var id: UUID
    public var organizationID: UUID
    public var appID: UUID?
    /// The API key that made the request (management API).
    public var keyID: UUID?
    public var occurredAt: Date
    public var method: String
    /// The route template (`/api/v1/orgs/{org}/apps`), never the concrete path.
    public var route: String
    public var status: Int
    public var latencyMilliseconds: Double
    public var requestID: String

    public init(id: UUID = UUID(), organizationID: UUID, appID: UUID?, keyID: UUID?, occurredAt: Date, method: String, route: String, status: Int, latencyMilliseconds: Double, requestID: String) {
        self.id = id
        self.organizationID = organizationID
        self.appID = appID
        self.keyID = keyID
        self.occurredAt = occurredAt
        self.method = method
        self.route = route
        self.status = status
        self.latencyMilliseconds = latencyMilliseconds
        self.requestID = requestID
    }
}

/// Which log entries to list.
public struct APILogFilter: Sendable, Equatable {
    public var from: Date?
    public var to: Date?
    public var appID: UUID?
    public var keyID: UUID?
    /// Inclusive status range (`404...404`, or `400...499` for "4xx").
    public var statuses: ClosedRange<Int>?
    public var method: String?

    public init(from: Date? = nil, to: Date? = nil, appID: UUID? = nil, keyID: UUID? = nil, statuses: ClosedRange<Int>? = nil, method: String? = nil) {
        self.from = from
        self.to = to
        self.appID = appID
        self.keyID = keyID
        self.statuses = statuses
        self.method = method
    }

    /// Parses a status filter: `200`, `4xx` or `5xx`. - Returns: `nil` when malformed.
    public static func statuses(_ raw: String) -> ClosedRange<Int>? {
        if raw.count == 3, raw.hasSuffix("xx"), let digit = Int(raw.prefix(1)), (1...5).contains(digit) { return digit * 100...digit * 100 + 99 }
        if let code = Int(raw), (100...599).contains(code) { return code...code }
        return nil
    }
}

/// Storage of API log entries.
public protocol APILogRepository: Sendable {
    func insert(_ entries: [APILogEntry]) async throws
    /// One organization's entries matching `filter`, oldest first, after the keyset position.
    func entries(organizationID: UUID, filter: APILogFilter, after: (Date, UUID)?, limit: Int) async throws -> [APILogEntry]
    /// Deletes entries older than `before` (retention: 90 days). - Returns: how many.
    func purge(before: Date) async throws -> Int
}

/// API logs are kept 90 days (P8).
public enum APILogRetention {
    public static let days = 90
}
