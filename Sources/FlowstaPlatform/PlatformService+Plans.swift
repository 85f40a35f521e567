import FlowstaCore
import Foundation

/// What the request path needs of an organization: its plan (rate and MAU limits) and whether
/// it was deleted.
struct OrganizationState: Sendable {
    var plan: Plan
    var deletedAt: Date?
    var requiresSecondFactor = false
}

/// Organizations' states, cached for the request path. A plan change or a deletion is announced
/// (``CacheChange/organization(_:)``), so every instance drops its entry at once; entries live
/// 5 seconds at most, the fallback should an announcement be lost.
public actor PlanCache {
    static let lifetime: TimeInterval = 5
    static let capacity = 50_000
    private var entries: [UUID: (state: OrganizationState, fetchedAt: Date)] = [:]
    private let time: any TimeSource

    init(time: any TimeSource) { self.time = time }

    func lookup(_ organizationID: UUID) -> OrganizationState? {
        guard let entry = entries[organizationID], time.now.timeIntervalSince(entry.fetchedAt) < Self.lifetime else { return nil }
        return entry.state
    }

    func store(_ organizationID: UUID, _ state: OrganizationState) {
        if entries.count >= Self.capacity { entries.removeAll() }
        entries[organizationID] = (state, time.now)
    }

    func evict(_ organizationID: UUID) { entries.removeValue(forKey: organizationID) }

    func removeAll() { entries.removeAll() }
}

/// An organization's plan, its limits and what it uses now (`GET /api/v1/orgs/{org}/plan`).
public struct PlanUsage: Sendable, Equatable {
    public var plan: Plan
    public var apps: Int
    public var seats: Int
    public var monthlyActiveUsers: Int
    /// Active users above the plan's included amount (paid plans; free refuses them instead).
    public var monthlyActiveUserOverage: Int {
        guard let included = plan.monthlyActiveUsers else { return 0 }
        return max(0, monthlyActiveUsers - included)
    }

    public init(plan: Plan, apps: Int, seats: Int, monthlyActiveUsers: Int) {
        self.plan = plan
        self.apps = apps
        self.seats = seats
        self.monthlyActiveUsers = monthlyActiveUsers
    }
}

extension PlatformService {
    /// The organization's plan, cached for the request path (no role check: callers have
    /// already authenticated as the organization or as one of its apps).
    public func plan(of organizationID: UUID) async throws -> Plan {
        try await state(of: organizationID).plan
    }

    /// Plan and deletion state, cached (see ``PlanCache``).
    func state(of organizationID: UUID) async throws -> OrganizationState {
        if let state = await planCache.lookup(organizationID) { return state }
        guard let organization = try await organizations.find(id: organizationID) else { throw PlatformError.notFound }
        let state = OrganizationState(plan: organization.plan, deletedAt: organization.deletedAt, requiresSecondFactor: organization.requiresSecondFactor)
        await planCache.store(organizationID, state)
        return state
    }

    /// The plan with the organization's current use of apps and seats (members plus pending
    /// invites); the caller adds the month's active users. Any member or API key may read it.
    public func planUsage(_ principal: Principal, _ organizationID: UUID, monthlyActiveUsers: @Sendable (UUID) async throws -> Int) async throws -> PlanUsage {
        try await authorize(principal, organizationID, .read)
        guard let organization = try await organizations.find(id: organizationID) else { throw PlatformError.notFound }
        let usage = try await currentUse(organizationID)
        return PlanUsage(
            plan: organization.plan, apps: usage.apps, seats: usage.seats,
            monthlyActiveUsers: try await monthlyActiveUsers(organizationID)
        )
    }

    func currentUse(_ organizationID: UUID) async throws -> (apps: Int, seats: Int) {
        let apps = try await self.apps.appCount(organizationID: organizationID)
        let seats = try await memberships.count(organizationID: organizationID) + invites.pendingInviteCount(organizationID: organizationID)
        return (apps, seats)
    }
}
