import Foundation

/// What an outbound HTTP delivery is for.
public enum OutboundKind: String, Sendable, CaseIterable {
    /// An OpenID Back-Channel Logout token posted to an app.
    case backchannelLogout = "backchannel_logout"
    /// A webhook event posted to an organization's endpoint.
    case webhook
}

/// One HTTP POST the server owes an app or an organization, queued so that any instance can
/// send it, retried on failure (``RetrySchedule``), and given up in the end.
public struct OutboundDelivery: Sendable, Equatable {
    /// `nextAttemptAt` of a delivery given up.
    public static let never = Date(timeIntervalSince1970: 253_402_300_799)

    public var id: UUID
    public var kind: OutboundKind
    /// The app it concerns (back-channel logout) or the webhook endpoint it goes to.
    public var appID: UUID?
    public var endpointID: UUID?
    /// Where it goes (checked again before each attempt: ``OutboundTargetPolicy``).
    public var url: String
    public var contentType: String
    public var body: [UInt8]
    /// The webhook event type and id (`nil` for logout tokens); the id is the `webhook-id`
    /// header, the same on every attempt and on a redelivery, for receivers to de-duplicate.
    public var event: String?
    public var eventID: String?
    public var attempts: Int
    public var nextAttemptAt: Date
    public var createdAt: Date
    public var deliveredAt: Date?
    /// The last attempt's HTTP status, or `nil` when no response came.
    public var lastStatus: Int?
    public var lastError: String?
    /// How long the last attempt took until its answer (or failure), in milliseconds.
    public var lastLatencyMs: Int?

    public init(
        id: UUID = UUID(), kind: OutboundKind, appID: UUID? = nil, endpointID: UUID? = nil, url: String, contentType: String, body: [UInt8],
        event: String? = nil, eventID: String? = nil, attempts: Int = 0, nextAttemptAt: Date, createdAt: Date, deliveredAt: Date? = nil,
        lastStatus: Int? = nil, lastError: String? = nil, lastLatencyMs: Int? = nil
    ) {
        self.id = id
        self.kind = kind
        self.appID = appID
        self.endpointID = endpointID
        self.url = url
        self.contentType = contentType
        self.body = body
        self.event = event
        self.eventID = eventID
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.lastLatencyMs = lastLatencyMs
    }

    /// Whether it was given up (no more attempts).
    public var givenUp: Bool { deliveredAt == nil && nextAttemptAt >= Self.never }

    /// Where it stands: `delivered`, `failed` (given up) or `pending` (due to be tried).
    public var state: String { deliveredAt != nil ? "delivered" : givenUp ? "failed" : "pending" }
}

/// Deliveries one instance holds until `until` (nobody else is sent them before).
public struct OutboundClaim: Sendable {
    public var id: UUID
    public var until: Date
    public var deliveries: [OutboundDelivery]

    public init(id: UUID, until: Date, deliveries: [OutboundDelivery]) {
        self.id = id
        self.until = until
        self.deliveries = deliveries
    }
}

/// How one attempt went.
public enum OutboundResult: Sendable, Equatable {
    /// A 2xx answer.
    case delivered(status: Int)
    /// Another answer, no answer, or a target refused before connecting (``OutboundTargetPolicy``).
    case failed(status: Int?, error: String)
}

/// The queue of outbound deliveries, with a claim step so several instances share it.
public protocol OutboundDeliveryRepository: Sendable {
    func enqueue(_ delivery: OutboundDelivery) async throws
    /// Claims up to `limit` undelivered deliveries due at `now`, earliest first, that no live
    /// claim holds; they are due to nobody else before `now + lease`.
    func claimDue(now: Date, limit: Int, lease: TimeInterval) async throws -> OutboundClaim
    /// - Returns: `false` when `claim` no longer held it (nothing was written).
    @discardableResult
    func markDelivered(id: UUID, claim: UUID, at: Date, status: Int, latencyMs: Int?) async throws -> Bool
    /// Records a failed attempt; a `nil` `nextAttemptAt` gives the delivery up.
    @discardableResult
    func markFailed(id: UUID, claim: UUID, attempts: Int, nextAttemptAt: Date?, status: Int?, error: String, latencyMs: Int?) async throws -> Bool
    func delivery(id: UUID) async throws -> OutboundDelivery?
    /// The deliveries concerning an app, newest first (at most `limit`).
    func deliveries(appID: UUID, limit: Int) async throws -> [OutboundDelivery]
    /// The deliveries to a webhook endpoint, newest first: at most `limit`, created before
    /// `before` (the next page) when given.
    func deliveries(endpointID: UUID, before: (Date, UUID)?, limit: Int) async throws -> [OutboundDelivery]
    /// Gives up every undelivered delivery to an endpoint (disabled or deleted), with `reason`
    /// as the last error. - Returns: how many.
    @discardableResult
    func giveUp(endpointID: UUID, reason: String) async throws -> Int
    /// Deletes deliveries created before `before` (delivered or given up; retention).
    func purge(createdBefore before: Date) async throws -> Int
}

/// When a failed delivery is tried again.
public struct RetrySchedule: Sendable, Equatable {
    /// The wait after each failed attempt; after the last one the delivery is given up.
    public var delays: [TimeInterval]

    public init(delays: [TimeInterval]) { self.delays = delays }

    /// Logout tokens matter for minutes: 4 attempts within about 3 minutes.
    public static let backchannelLogout = RetrySchedule(delays: [5, 30, 120])
    /// Webhooks: exponential from 30 seconds, doubling up to 4 hours a step, for a little over a
    /// day (15 attempts, the last 24 h 15 min after the first) — so a receiver that never
    /// answered is disabled (``WebhookAutoDisable``) when its first event is given up.
    public static let webhook = RetrySchedule(delays: [30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 14_400, 14_400, 14_400, 14_400, 14_400].map(TimeInterval.init))

    /// After failed attempt number `attempts` (1-based): when to try again, or `nil` to give up.
    public func next(after attempts: Int, now: Date) -> Date? {
        guard attempts >= 1, attempts <= delays.count else { return nil }
        return now.addingTimeInterval(delays[attempts - 1])
    }

    public var maxAttempts: Int { delays.count + 1 }
}
