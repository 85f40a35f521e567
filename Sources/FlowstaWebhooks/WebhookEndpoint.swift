import Foundation

/// An organization's webhook endpoint: where its events go and which ones.
///
/// Its signing secret is sealed under the key-encryption key (``sealingContext(_:)``); during a
/// rotation the previous secret stays valid until ``previousSecretExpiresAt``.
public struct WebhookEndpoint: Sendable, Equatable {
    /// At most this many endpoints per organization.
    public static let maximumPerOrganization = 10
    /// The longest URL and description accepted.
    public static let maximumURLLength = 2000
    public static let maximumDescriptionLength = 200
    /// How long the previous secret stays valid after a rotation, by default and at most.
    public static let defaultRotationGrace: TimeInterval = 24 * 3600
    public static let maximumRotationGrace: TimeInterval = 7 * 24 * 3600

    public var id: UUID
    public var organizationID: UUID
    public var url: String
    public var description: String
    /// The event types it subscribes to (``WebhookEventType/test`` reaches every endpoint).
    public var events: Set<WebhookEventType>
    public var enabled: Bool
    /// Why it is disabled: `"failing"` (deliveries kept failing) or `"user"`.
    public var disabledReason: String?
    public var sealedSecret: [UInt8]
    public var sealedPreviousSecret: [UInt8]?
    public var previousSecretExpiresAt: Date?
    /// Failed attempts since the last successful one, and when that run of failures began.
    public var consecutiveFailures: Int
    public var failingSince: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID = UUID(), organizationID: UUID, url: String, description: String, events: Set<WebhookEventType>, enabled: Bool = true,
        disabledReason: String? = nil, sealedSecret: [UInt8], sealedPreviousSecret: [UInt8]? = nil, previousSecretExpiresAt: Date? = nil,
        consecutiveFailures: Int = 0, failingSince: Date? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.url = url
        self.description = description
        self.events = events
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.sealedSecret = sealedSecret
        self.sealedPreviousSecret = sealedPreviousSecret
        self.previousSecretExpiresAt = previousSecretExpiresAt
        self.consecutiveFailures = consecutiveFailures
        self.failingSince = failingSince
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether an event of `type` goes to this endpoint.
    public func subscribes(to type: WebhookEventType) -> Bool { type == .test || events.contains(type) }

    /// The associated data its secrets are sealed with: a sealed secret cannot move to another row.
    public static func sealingContext(_ id: UUID) -> String { "webhook_endpoints:" + id.uuidString.lowercased() }

    /// The subscribed types as stored: sorted wire names, comma-separated.
    public var eventList: String { events.map(\.rawValue).sorted().joined(separator: ",") }

    /// Parses a stored list (unknown names, from a newer version, are skipped).
    public static func events(from list: String) -> Set<WebhookEventType> {
        Set(list.split(separator: ",").compactMap { WebhookEventType(rawValue: String($0)) })
    }
}

/// When deliveries to an endpoint have failed long enough for it to be disabled: at least
/// ``failures`` attempts in a row over at least ``period`` (a receiver down for a few hours is
/// not disabled; one down for a day is, and its owners are told by mail).
public struct WebhookAutoDisable: Sendable, Equatable {
    public var failures: Int
    public var period: TimeInterval

    public init(failures: Int = 10, period: TimeInterval = 24 * 3600) {
        self.failures = failures
        self.period = period
    }

    public func shouldDisable(consecutiveFailures: Int, failingSince: Date, now: Date) -> Bool {
        consecutiveFailures >= failures && now.timeIntervalSince(failingSince) >= period
    }
}

/// The webhook endpoints' storage.
public protocol WebhookEndpointRepository: Sendable {
    func create(_ endpoint: WebhookEndpoint) async throws
    func endpoint(id: UUID) async throws -> WebhookEndpoint?
    /// The organization's endpoints, oldest first.
    func endpoints(organizationID: UUID) async throws -> [WebhookEndpoint]
    /// Replaces the stored row (URL, description, events, enabled state, secrets).
    /// - Returns: `false` when it no longer exists.
    @discardableResult
    func update(_ endpoint: WebhookEndpoint) async throws -> Bool
    @discardableResult
    func delete(id: UUID) async throws -> Bool
    /// A successful delivery: the run of failures ends.
    func recordSuccess(id: UUID) async throws
    /// A failed attempt, counted atomically. - Returns: the failures in a row and since when,
    /// or `nil` when the endpoint is gone.
    func recordFailure(id: UUID, at now: Date) async throws -> (failures: Int, since: Date)?
    /// Disables an enabled endpoint. - Returns: `false` when it was already disabled or gone
    /// (so of several instances only one tells the owners).
    func disable(id: UUID, reason: String, at now: Date) async throws -> Bool
}
