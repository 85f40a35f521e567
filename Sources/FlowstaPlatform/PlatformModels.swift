import Foundation

/// A member's role in an organization (DESIGN §6).
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case member, admin, owner

    public static func < (lhs: Role, rhs: Role) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .member: 0
        case .admin: 1
        case .owner: 2
        }
    }
}

/// Plans and their limits (DESIGN §7); `nil` means unlimited.
public enum Plan: String, Sendable, Codable, CaseIterable {
    case free, spark, pro, enterprise

    public var appLimit: Int? {
        switch self {
        case .free: 1
        case .spark: 10
        case .pro: 100
        case .enterprise: nil
        }
    }

    public var seatLimit: Int? {
        switch self {
        case .free, .spark: 1
        case .pro: 5
        case .enterprise: nil
        }
    }

    /// Monthly active users included (all apps of the organization together); `nil` for
    /// enterprise (custom, unlimited here).
    public var monthlyActiveUsers: Int? {
        switch self {
        case .free: 10_000
        case .spark: 30_000
        case .pro: 150_000
        case .enterprise: nil
        }
    }

    /// Whether going over ``monthlyActiveUsers`` is refused (free) rather than billed as overage.
    public var refusesMAUOverage: Bool { self == .free }

    /// Sign It signatures a month (all apps of the organization together); `nil` for enterprise
    /// (custom, unlimited here).
    public var signaturesPerMonth: Int? {
        switch self {
        case .free: 1_000
        case .spark: 10_000
        case .pro: 100_000
        case .enterprise: nil
        }
    }

    /// Management API requests per second per organization (token bucket; the burst is one
    /// second's worth); `nil` for enterprise (custom, unlimited here).
    public var apiRatePerSecond: Int? {
        switch self {
        case .free: 10
        case .spark: 25
        case .pro: 100
        case .enterprise: nil
        }
    }
}

/// An organization as stored; the contact email is sealed.
public struct StoredOrganization: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var contactEmailSealed: [UInt8]?
    public var billingAddress: String?
    public var plan: Plan
    public var createdAt: Date
    public var updatedAt: Date
    /// When an owner deleted the organization (it is deactivated, restorable for
    /// ``PlatformService/restoreWindow``, then purged); `nil` while active.
    public var deletedAt: Date?
    /// Members must have a second factor (an authenticator app) to act in the organization.
    public var requiresSecondFactor: Bool

    public init(
        id: UUID, name: String, contactEmailSealed: [UInt8]?, billingAddress: String?, plan: Plan, createdAt: Date, updatedAt: Date,
        deletedAt: Date? = nil, requiresSecondFactor: Bool = false
    ) {
        self.id = id
        self.requiresSecondFactor = requiresSecondFactor
        self.name = name
        self.contactEmailSealed = contactEmailSealed
        self.billingAddress = billingAddress
        self.plan = plan
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }
}

/// A user's membership in an organization.
public struct Membership: Sendable, Equatable {
    public var organizationID: UUID
    public var userID: UUID
    public var role: Role
    public var createdAt: Date

    public init(organizationID: UUID, userID: UUID, role: Role, createdAt: Date) {
        self.organizationID = organizationID
        self.userID = userID
        self.role = role
        self.createdAt = createdAt
    }
}

/// An organization API key as stored: a display prefix and a keyed hash, never the key (P6).
public struct StoredAPIKey: Sendable, Equatable {
    public var id: UUID
    public var organizationID: UUID
    public var name: String
    public var prefix: String
    public var keyHash: String
    public var createdAt: Date
    /// The last UTC day (`YYYY-MM-DD`) the key was used.
    public var lastUsedDay: String?
    /// After this instant the key stops working (rotation grace periods, explicit expiry).
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(id: UUID, organizationID: UUID, name: String, prefix: String, keyHash: String, createdAt: Date, lastUsedDay: String?, expiresAt: Date?, revokedAt: Date?) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.prefix = prefix
        self.keyHash = keyHash
        self.createdAt = createdAt
        self.lastUsedDay = lastUsedDay
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the key authenticates at `now`.
    public func isValid(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }
}

/// Who is calling the management API.
public enum Principal: Sendable, Equatable {
    /// A signed-in user (dashboard or SDK session).
    case user(UUID)
    /// An organization API key.
    case apiKey(id: UUID, organizationID: UUID)

    /// The audit log's actor fields.
    var actor: (type: String, id: UUID) {
        switch self {
        case .user(let id): ("user", id)
        case .apiKey(let id, _): ("api_key", id)
        }
    }
}

/// One audit log entry: who did what to which object. Never an address or device data.
public struct AuditEvent: Sendable, Equatable {
    public var id: UUID
    public var organizationID: UUID
    public var occurredAt: Date
    public var actorType: String
    public var actorID: UUID
    public var action: String
    public var targetType: String
    public var targetID: String

    public init(id: UUID, organizationID: UUID, occurredAt: Date, actorType: String, actorID: UUID, action: String, targetType: String, targetID: String) {
        self.id = id
        self.organizationID = organizationID
        self.occurredAt = occurredAt
        self.actorType = actorType
        self.actorID = actorID
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
    }
}

/// A page of a list and the cursor of the next page.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Paging parameters: `limit` 1–100 (default 50) and an opaque cursor.
public struct PageRequest: Sendable, Equatable {
    public var limit: Int
    /// Items strictly after this position (creation time, id) come next.
    public var after: (Date, UUID)?

    public init(limit: Int = 50, after: (Date, UUID)? = nil) {
        self.limit = limit
        self.after = after
    }

    public static func == (lhs: PageRequest, rhs: PageRequest) -> Bool {
        lhs.limit == rhs.limit && lhs.after?.0 == rhs.after?.0 && lhs.after?.1 == rhs.after?.1
    }
}
