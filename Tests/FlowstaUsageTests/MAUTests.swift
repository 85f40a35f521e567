import FlowstaCore
import FlowstaTesting
import FlowstaUsage
import Foundation
import Testing

@Suite struct UsageMonthTests {
    @Test(arguments: [("2026-11", true), ("2026-01", true), ("1999-12", true), ("2026-13", false), ("2026-00", false), ("2026-1", false),
                      ("26-11-01", false), ("2026/11", false), ("２０２６-11", false), ("", false), ("2026-11 ", false), ("+026-11", false)])
    func parsesOnlyYYYYMM(text: String, valid: Bool) {
        #expect((UsageMonth(text) != nil) == valid)
        if valid { #expect(UsageMonth(text)?.description == text) }
    }

    @Test func boundariesAreUTCMidnights() throws {
        let november = try #require(UsageMonth("2026-11"))
        #expect(november.start == ISO8601DateFormatter().date(from: "2026-11-01T00:00:00Z"))
        #expect(november.end == ISO8601DateFormatter().date(from: "2026-12-01T00:00:00Z"))
        #expect(UsageMonth(containing: november.end.addingTimeInterval(-1)) == november)
        #expect(UsageMonth(containing: november.end) == november.adding(1))
        #expect(november.adding(2).description == "2027-01")
        #expect(november.adding(-11).description == "2025-12")
        #expect(UsageMonth("2024-02")!.end.timeIntervalSince(UsageMonth("2024-02")!.start) == 29 * 86_400)
        #expect(UsageMonth(index: november.index) == november)
    }
}

@Suite struct MAUServiceTests {
    static let t0 = ISO8601DateFormatter().date(from: "2026-11-15T12:00:00Z")!

    static func id(_ n: UInt8) -> AnalyticsID { AnalyticsID(bytes: [UInt8](repeating: n, count: 16))! }
    /// User `n` (the users of these tests send id `n`).
    static func user(_ n: UInt8) -> UUID { UUID(uuid: (n, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, n)) }
    static let memberKey: MAUService.MemberKey = { userID, appID, month in "\(month):\(userID):\(appID)" }

    /// Issue #15 §2.3: a signed-in user re-posting fresh random analytics ids adds one active
    /// user per app and month, not one per post (on the free plan that locked real users out; on
    /// a paid one it billed the developer).
    @Test func oneAccountAddsOneActiveUserPerAppAndMonthWhateverIDsItSends() async throws {
        let repository = InMemoryMAURepository()
        let mau = MAUService(repository: repository, time: FixedTimeSource(Self.t0), memberKey: Self.memberKey)
        let (app, other, org) = (UUID(), UUID(), UUID())
        let month = mau.currentMonth()
        #expect(try await mau.admit(Self.id(1), userID: Self.user(1), appID: app, organizationID: org, month: month, hardLimit: 3) == .counted(new: true))
        for n in UInt8(100)...UInt8(120) {
            #expect(try await mau.admit(Self.id(n), userID: Self.user(1), appID: app, organizationID: org, month: month, hardLimit: 3) == .counted(new: false))
        }
        #expect(try await mau.count(appID: app, month: month).activeUsers == 1)
        #expect(try await mau.admit(Self.id(50), userID: Self.user(1), appID: other, organizationID: org, month: month, hardLimit: 3) == .counted(new: true))
        #expect(try await mau.admit(Self.id(51), userID: Self.user(1), appID: app, organizationID: org, month: month.adding(1), hardLimit: 3) == .counted(new: true))
        // Two more real users still fit the limit of 3 (the inflation did not use it up).
        #expect(try await mau.admit(Self.id(2), userID: Self.user(2), appID: app, organizationID: org, month: month, hardLimit: 3) == .counted(new: true))
        #expect(try await mau.admit(Self.id(3), userID: Self.user(3), appID: app, organizationID: org, month: month, hardLimit: 3) == .limitReached(limit: 3))
        #expect(try await mau.admit(Self.id(3), userID: Self.user(3), appID: app, organizationID: org, month: month, hardLimit: nil) == .counted(new: true),
                "a refused sign-in left no claim behind")
        #expect(await repository.storedMemberCount == 5)
    }

    @Test func analyticsIDsAreExactly16BytesInCanonicalBase64URL() {
        let id = Self.id(7)
        #expect(AnalyticsID(base64URL: id.base64URL) == id)
        #expect(id.base64URL.count == 22)
        #expect(AnalyticsID(base64URL: id.base64URL + "A") == nil)
        #expect(AnalyticsID(base64URL: String(id.base64URL.dropLast()) + "=") == nil)
        #expect(AnalyticsID(base64URL: "BwcHBwcHBwcHBwcHBwcHBx") == nil, "non-canonical trailing bits")
        #expect(AnalyticsID(base64URL: "!!!!!!!!!!!!!!!!!!!!!!") == nil)
    }

    @Test func theSameUserCountsOncePerAppAndMonth() async throws {
        let repository = InMemoryMAURepository()
        let time = FixedTimeSource(Self.t0)
        let mau = MAUService(repository: repository, time: time, memberKey: Self.memberKey)
        let (app, other, org) = (UUID(), UUID(), UUID())
        let month = mau.currentMonth()
        #expect(try await mau.admit(Self.id(1), userID: Self.user(1), appID: app, organizationID: org, month: month, hardLimit: nil) == .counted(new: true))
        for _ in 0..<5 {
            #expect(try await mau.admit(Self.id(1), userID: Self.user(1), appID: app, organizationID: org, month: month, hardLimit: nil) == .counted(new: false))
        }
        #expect(try await mau.admit(Self.id(2), userID: Self.user(2), appID: app, organizationID: org, month: month, hardLimit: nil) == .counted(new: true))
        #expect(try await mau.admit(Self.id(1), userID: Self.user(1), appID: other, organizationID: org, month: month, hardLimit: nil) == .counted(new: true))
        #expect(try await mau.admit(nil, userID: Self.user(0), appID: app, organizationID: org, month: month, hardLimit: nil) == .notCounted)
        #expect(try await mau.count(appID: app, month: month).activeUsers == 2)
        #expect(try await mau.count(appID: other, month: month).activeUsers == 1)
        #expect(try await mau.organizationTotal(organizationID: org, month: month) == 3)
        let series = try await mau.series(appID: app, last: month)
        #expect(series.count == 12)
        #expect(series.map(\.activeUsers) == Array(repeating: 0, count: 11) + [2])
        #expect(series.first?.month == month.adding(-11))
    }

    @Test func concurrentSubmissionsOfOneIDCountOnce() async throws {
        let mau = MAUService(repository: InMemoryMAURepository(), time: FixedTimeSource(Self.t0), memberKey: Self.memberKey)
        let (app, org) = (UUID(), UUID())
        let month = mau.currentMonth()
        let results = try await withThrowingTaskGroup(of: MAUService.Admission.self) { group in
            for n in 0..<200 {
                group.addTask { try await mau.admit(Self.id(UInt8(n % 20)), userID: Self.user(UInt8(n % 20)), appID: app, organizationID: org, month: month, hardLimit: nil) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == .counted(new: true) }.count == 20)
        #expect(try await mau.count(appID: app, month: month).activeUsers == 20)
    }

    @Test func theHardLimitRefusesNewUsersOnlyOnceReached() async throws {
        let mau = MAUService(repository: InMemoryMAURepository(), time: FixedTimeSource(Self.t0), memberKey: Self.memberKey)
        let (first, second, org) = (UUID(), UUID(), UUID())
        let month = mau.currentMonth()
        #expect(try await mau.admit(Self.id(1), userID: Self.user(1), appID: first, organizationID: org, month: month, hardLimit: 2) == .counted(new: true))
        #expect(try await mau.admit(nil, userID: Self.user(0), appID: first, organizationID: org, month: month, hardLimit: 2) == .notCounted, "below the limit an id-less sign-in passes")
        #expect(try await mau.admit(Self.id(2), userID: Self.user(2), appID: second, organizationID: org, month: month, hardLimit: 2) == .counted(new: true))
        // The organization's apps together reached 2.
        #expect(try await mau.admit(Self.id(3), userID: Self.user(3), appID: first, organizationID: org, month: month, hardLimit: 2) == .limitReached(limit: 2))
        #expect(try await mau.admit(nil, userID: Self.user(0), appID: first, organizationID: org, month: month, hardLimit: 2) == .limitReached(limit: 2))
        #expect(try await mau.admit(Self.id(1), userID: Self.user(1), appID: first, organizationID: org, month: month, hardLimit: 2) == .counted(new: false), "a counted user still signs in")
        // Without a hard limit (paid plans) the overage is counted.
        #expect(try await mau.admit(Self.id(3), userID: Self.user(3), appID: first, organizationID: org, month: month, hardLimit: nil) == .counted(new: true))
        #expect(try await mau.organizationTotal(organizationID: org, month: month) == 3)
        // Next month starts from zero.
        #expect(try await mau.admit(Self.id(3), userID: Self.user(3), appID: first, organizationID: org, month: month.adding(1), hardLimit: 2) == .counted(new: true))
    }

    @Test func idsAreAcceptedForTheCurrentMonthAndBrieflyForThePreviousOne() throws {
        let december = try #require(UsageMonth("2026-12"))
        let time = FixedTimeSource(december.start.addingTimeInterval(MAUService.lateSubmission - 1))
        let mau = MAUService(repository: InMemoryMAURepository(), time: time, memberKey: Self.memberKey)
        #expect(mau.accepts(december))
        #expect(mau.accepts(december.adding(-1)))
        #expect(!mau.accepts(december.adding(-2)))
        #expect(!mau.accepts(december.adding(1)))
        time.advance(by: 1)
        #expect(!mau.accepts(december.adding(-1)))
        #expect(mau.accepts(december))
    }

    /// A month closes 3 days after it ends (one second either side): its ids go, its counts
    /// stay; counts go after 24 months.
    @Test func monthsCloseThreeDaysAfterTheirEnd() async throws {
        let repository = InMemoryMAURepository()
        let october = try #require(UsageMonth("2026-10"))
        let time = FixedTimeSource(october.start.addingTimeInterval(86_400))
        let mau = MAUService(repository: repository, time: time, memberKey: Self.memberKey)
        let (app, org) = (UUID(), UUID())
        for n in UInt8(1)...3 { _ = try await mau.admit(Self.id(n), userID: Self.user(n), appID: app, organizationID: org, month: october, hardLimit: nil) }
        _ = try await mau.admit(Self.id(9), userID: Self.user(9), appID: app, organizationID: org, month: october.adding(1), hardLimit: nil)

        let boundary = october.end.addingTimeInterval(MAUService.closeDelay)
        #expect(try await mau.closeMonths(now: boundary.addingTimeInterval(-1)) == MAUCloseResult())
        #expect(await repository.storedIDCount == 4)
        #expect(try await mau.closeMonths(now: boundary) == MAUCloseResult(monthsClosed: 1, idsDeleted: 3))
        #expect(await repository.storedIDCount == 1, "only November's id is left")
        #expect(await repository.storedMemberCount == 1, "October's member keys went with its ids")
        #expect(try await mau.count(appID: app, month: october) == MAUCount(month: october, activeUsers: 3, closed: true))
        #expect(try await mau.closeMonths(now: boundary.addingTimeInterval(1)) == MAUCloseResult(), "idempotent")

        let purge = october.adding(MAUService.keptMonths + 1).start
        #expect(try await mau.closeMonths(now: purge.addingTimeInterval(-1)).countsPurged == 0)
        #expect(try await mau.closeMonths(now: purge).countsPurged == 1)
        #expect(try await mau.count(appID: app, month: october).activeUsers == 0)
        #expect(try await mau.count(appID: app, month: october.adding(1)).activeUsers == 1, "November's count is kept a month longer")
    }
}

@Suite struct RateLimiterTests {
    @Test func aBucketHoldsOneSecondAndRefillsAtTheRate() {
        let limiter = RateLimiter()
        let org = UUID()
        let start = Date(timeIntervalSince1970: 1_900_000_000)
        let decisions = (0..<10).map { _ in limiter.take(org, ratePerSecond: 10, now: start) }
        #expect(decisions.allSatisfy { $0.allowed })
        #expect(decisions.map(\.remaining) == Array((0..<10).reversed()))
        #expect(decisions.last?.reset == 1)
        let refused = limiter.take(org, ratePerSecond: 10, now: start)
        #expect(!refused.allowed)
        #expect(refused.retryAfter == 1)
        #expect(refused.limit == 10)
        // A tenth of a second later one request fits again.
        #expect(!limiter.take(org, ratePerSecond: 10, now: start.addingTimeInterval(0.099)).allowed)
        #expect(limiter.take(org, ratePerSecond: 10, now: start.addingTimeInterval(0.101)).allowed)
        // Another organization has its own bucket.
        #expect(limiter.take(UUID(), ratePerSecond: 10, now: start).allowed)
        // After a pause the bucket is full again, never fuller.
        let later = (0..<11).map { _ in limiter.take(org, ratePerSecond: 10, now: start.addingTimeInterval(60)) }
        #expect(later.filter { $0.allowed }.count == 10)
    }
}

/// Issue #19: with shared counters three instances allow the plan's rate, not three times it.
@Suite struct SharedRateLimiterTests {
    @Test func instancesShareTheRate() async {
        let clock = FixedTimeSource(Date(timeIntervalSince1970: 1_900_000_000.25))
        let counters = InMemorySharedCounters()
        let instances = (0..<3).map { _ in SharedRateLimiter(counters: counters, time: clock) }
        let org = UUID()
        var decisions: [RateLimiter.Decision] = []
        for index in 0..<30 { decisions.append(await instances[index % 3].take(org, ratePerSecond: 10)) }
        #expect(decisions.filter(\.allowed).count == 10)
        #expect(decisions.first?.remaining == 9)
        let refused = decisions.last { !$0.allowed }
        #expect(refused?.retryAfter == 1 && refused?.remaining == 0 && refused?.limit == 10)
        #expect(await instances[0].take(UUID(), ratePerSecond: 10).allowed, "another organization counts apart")
        clock.advance(by: 1)
        #expect(await instances[1].take(org, ratePerSecond: 10).allowed, "the next second starts over")
    }
}
