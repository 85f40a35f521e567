import FlowstaPlatform
import FlowstaUsage
import Foundation
import Testing

/// Analytics ids and monthly counts on every store. The PostgreSQL database is shared with
/// server tests whose job (run at start) closes every finished month and purges counts older than
/// 2 years, so ids are written for months far in the future, and the closing test uses a month
/// six months ago (closable, not purgeable) and checks the final state, not who closed it.
@Suite struct MAURepositoryContractTests {
    static func id(_ seed: Int) -> AnalyticsID {
        var bytes = [UInt8](repeating: 0, count: 16)
        withUnsafeBytes(of: UInt64(seed).bigEndian) { bytes.replaceSubrange(8..<16, with: $0) }
        bytes[0] = 0xA5
        return AnalyticsID(bytes: bytes)!
    }

    static func organization(_ stores: Stores) async throws -> UUID {
        let owner = try await PlatformRepositoryContractTests.user(stores, "mau")
        let organization = PlatformRepositoryContractTests.organization("MAU")
        try await stores.platform.create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: PlatformRepositoryContractTests.t0))
        return organization.id
    }

    @Test(arguments: StoreKind.all)
    func idsAreStoredOnceAndCounted(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let org = try await Self.organization(stores)
            let (app, other) = (UUID(), UUID())
            let month = UsageMonth("2990-05")!
            func entry(_ n: Int, _ app: UUID, _ month: UsageMonth) -> MAUEntry {
                MAUEntry(analyticsID: Self.id(n), appID: app, organizationID: org, month: month)
            }
            // A batch larger than one statement, with a duplicate inside.
            let batch = (0..<700).map { entry($0, app, month) } + [entry(3, app, month)]
            #expect(try await stores.mau.record(batch).count == 700)
            #expect(try await stores.mau.record([entry(3, app, month), entry(700, app, month)]) == [entry(700, app, month)])
            // Concurrent batches of the same ids: each counted once.
            async let a = stores.mau.record((800..<900).map { entry($0, app, month) })
            async let b = stores.mau.record((850..<950).map { entry($0, app, month) })
            let (ra, rb) = try await (a, b)
            #expect(ra.count + rb.count == 150)
            #expect(ra.isDisjoint(with: rb))
            // Other apps and months are separate.
            #expect(try await stores.mau.record([entry(1, other, month), entry(1, app, month.adding(1))]).count == 2)

            #expect(try await stores.mau.contains(entry(699, app, month)))
            #expect(!(try await stores.mau.contains(entry(999, app, month))))
            #expect(!(try await stores.mau.contains(entry(2, other, month))))
            let counts = try await stores.mau.counts(appID: app, months: month...month.adding(1))
            #expect(counts == [MAUCount(month: month, activeUsers: 851, closed: false), MAUCount(month: month.adding(1), activeUsers: 1, closed: false)])
            #expect(try await stores.mau.organizationTotal(organizationID: org, month: month) == 852)
            #expect(try await stores.mau.organizationTotal(organizationID: UUID(), month: month) == 0)
        }
    }

    @Test(arguments: StoreKind.all)
    func closingAMonthKeepsItsCountAndDeletesItsIDs(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let org = try await Self.organization(stores)
            let app = UUID()
            let old = UsageMonth(containing: Date()).adding(-6)
            let entries = (0..<1_200).map { MAUEntry(analyticsID: Self.id($0), appID: app, organizationID: org, month: old) }
            #expect(try await stores.mau.record(entries).count == 1_200)
            let result = try await stores.mau.close(monthsBefore: old.adding(1))
            if kind != .postgres {
                #expect(result == MAUCloseResult(monthsClosed: 1, idsDeleted: 1_200))
            }
            #expect(try await stores.mau.counts(appID: app, months: old...old) == [MAUCount(month: old, activeUsers: 1_200, closed: true)])
            #expect(!(try await stores.mau.contains(entries[0])))
            #expect(!(try await stores.mau.contains(entries[1_199])))
            #expect(try await stores.mau.close(monthsBefore: old.adding(1)).idsDeleted == 0)
            // Counts of months before the 2-year horizon go.
            _ = try await stores.mau.purgeCounts(monthsBefore: old)
            #expect(try await stores.mau.counts(appID: app, months: old...old).count == 1, "the purge is exclusive")
            _ = try await stores.mau.purgeCounts(monthsBefore: old.adding(1))
            #expect(try await stores.mau.counts(appID: app, months: old...old).isEmpty)
        }
    }
}
