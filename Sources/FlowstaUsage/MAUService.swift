import FlowstaCore
import Foundation

/// Writes analytics ids with group commit: submissions that arrive while a write is in
/// flight go together in the next one, so a burst of sign-ins costs a few multi-row
/// statements instead of one transaction each, and a lone sign-in is written at once.
public actor MAURecorder {
    public static let maxBatch = 5_000
    let repository: any MAURepository
    private var pending: [(entry: MAUEntry, waiter: CheckedContinuation<Bool, any Error>)] = []
    private var writing = false

    public init(repository: any MAURepository) {
        self.repository = repository
    }

    /// Stores the entry; `true` when it was not counted before.
    public func record(_ entry: MAUEntry) async throws -> Bool {
        try await withCheckedThrowingContinuation { waiter in
            pending.append((entry, waiter))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.maxBatch))
            pending.removeFirst(batch.count)
            do {
                var new = try await repository.record(Array(Set(batch.map(\.entry))))
                // The same entry twice in one batch: only the first submission is new.
                for (entry, waiter) in batch { waiter.resume(returning: new.remove(entry) != nil) }
            } catch {
                for (_, waiter) in batch { waiter.resume(throwing: error) }
            }
        }
        writing = false
    }
}

/// Zero-knowledge monthly active users (DESIGN §7, P5): admits sign-ins against a plan's hard
/// limit, counts distinct analytics ids per app and month, and closes months.
public struct MAUService: Sendable {
    /// A month is closed (ids aggregated and deleted) this long after it ends.
    public static let closeDelay: TimeInterval = 3 * 86_400
    /// Ids for the previous month are still accepted this long into a month (a page opened
    /// before midnight UTC).
    public static let lateSubmission: TimeInterval = 3_600
    /// Monthly counts are kept this many months (2 years).
    public static let keptMonths = 24

    /// The outcome of a sign-in's analytics id.
    public enum Admission: Sendable, Equatable {
        /// Counted (`new` when this user was not counted for the app this month yet).
        case counted(new: Bool)
        /// No id was sent: nothing counted.
        case notCounted
        /// The organization's plan allows `limit` active users a month and they are reached.
        case limitReached(limit: Int)
    }

    /// The member key of an account for an app and month: a keyed hash the server can
    /// recompute for the same account but that names no analytics id (see ``admit``).
    public typealias MemberKey = @Sendable (_ userID: UUID, _ appID: UUID, _ month: UsageMonth) -> String

    let repository: any MAURepository
    let recorder: MAURecorder
    let time: any TimeSource
    let memberKey: MemberKey

    public init(repository: any MAURepository, time: any TimeSource, memberKey: @escaping MemberKey) {
        self.repository = repository
        self.recorder = MAURecorder(repository: repository)
        self.time = time
        self.memberKey = memberKey
    }

    /// The month a page should ask the client to derive its id for.
    public func currentMonth() -> UsageMonth { UsageMonth(containing: time.now) }

    /// Whether an id derived for `month` is accepted now.
    public func accepts(_ month: UsageMonth) -> Bool {
        let now = time.now
        let current = UsageMonth(containing: now)
        return month == current || (month == current.adding(-1) && now.timeIntervalSince(current.start) < Self.lateSubmission)
    }

    /// Counts a sign-in of `userID`. - Parameter hardLimit: the organization's monthly active
    /// user limit when going over it is refused (the free plan); `nil` when overage is allowed.
    ///
    /// One account adds at most one id per app and month (issue #15: re-posting fresh random
    /// ids must not inflate the count nor bill the developer): the account's member key is
    /// claimed with the first id, and later ids of the same account are not stored. The key is
    /// a keyed hash of user, app and month only — nothing stored links it to the id — and it
    /// is deleted with the month's ids when the month closes.
    /// A user already counted this month is always admitted; a new one (or one without an id)
    /// is refused once the organization's apps together reach the limit.
    public func admit(
        _ id: AnalyticsID?, userID: UUID, appID: UUID, organizationID: UUID, month: UsageMonth, hardLimit: Int?
    ) async throws -> Admission {
        let member = memberKey(userID, appID, month)
        guard let id else {
            if let hardLimit, try await repository.organizationTotal(organizationID: organizationID, month: month) >= hardLimit {
                return .limitReached(limit: hardLimit)
            }
            return .notCounted
        }
        guard try await repository.claimMember(member, appID: appID, month: month) else { return .counted(new: false) }
        if let hardLimit, try await repository.organizationTotal(organizationID: organizationID, month: month) >= hardLimit {
            try await repository.releaseMember(member, appID: appID, month: month)
            return .limitReached(limit: hardLimit)
        }
        return .counted(new: try await recorder.record(MAUEntry(analyticsID: id, appID: appID, organizationID: organizationID, month: month)))
    }

    /// Stores a batch directly (benchmarks, imports); returns how many were new.
    public func record(_ entries: [MAUEntry]) async throws -> Int {
        try await repository.record(entries).count
    }

    /// One app's active users in one month (0 when none).
    public func count(appID: UUID, month: UsageMonth) async throws -> MAUCount {
        try await repository.counts(appID: appID, months: month...month).first
            ?? MAUCount(month: month, activeUsers: 0, closed: isClosable(month))
    }

    /// The `months` months ending with `last`, oldest first, zeros included.
    public func series(appID: UUID, last: UsageMonth, months: Int = 12) async throws -> [MAUCount] {
        let first = last.adding(-(months - 1))
        let stored = Dictionary(try await repository.counts(appID: appID, months: first...last).map { ($0.month, $0) }, uniquingKeysWith: { $1 })
        return (0..<months).map { offset in
            let month = first.adding(offset)
            return stored[month] ?? MAUCount(month: month, activeUsers: 0, closed: isClosable(month))
        }
    }

    /// The organization's active users this month (all apps).
    public func organizationTotal(organizationID: UUID, month: UsageMonth) async throws -> Int {
        try await repository.organizationTotal(organizationID: organizationID, month: month)
    }

    /// Whether `month` ended more than ``closeDelay`` ago.
    func isClosable(_ month: UsageMonth) -> Bool { time.now.timeIntervalSince(month.end) >= Self.closeDelay }

    /// Closes the months that ended at least ``closeDelay`` ago and deletes counts older than
    /// ``keptMonths`` (the retention job).
    public func closeMonths(now: Date? = nil) async throws -> MAUCloseResult {
        let now = now ?? time.now
        // The first month not yet closable: the current one, or the previous one during its
        // first three days.
        var open = UsageMonth(containing: now)
        if now.timeIntervalSince(open.start) < Self.closeDelay { open = open.adding(-1) }
        var result = try await repository.close(monthsBefore: open)
        result.countsPurged = try await repository.purgeCounts(monthsBefore: UsageMonth(containing: now).adding(-Self.keptMonths))
        return result
    }
}
