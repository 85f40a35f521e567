import FlowstaCore
import FlowstaPlatform
import FlowstaStore
import FlowstaUsage
import Foundation
import Logging
import Testing

/// `flowsta store copy` pages through tables larger than one batch: by rowid, and by primary
/// key for a table `WITHOUT ROWID` (`mau_ids`, whose app ids SQLite keeps as text).
@Suite struct StoreCopyPagingTests {
    static var kinds: [StoreKind] { StoreKind.all.filter { $0 == .postgres } }

    @Test(arguments: kinds) func tablesLargerThanABatchAreCopiedWhole(_ kind: StoreKind) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flowsta-copy-\(UUID().uuidString).sqlite").path
        let source = try FlowstaDatabase(url: "sqlite://" + path, logger: Logger(label: "test"), connectionWait: .seconds(60))
        try await source.migrate()
        let date = Date(timeIntervalSince1970: 1_900_000_000)
        let organization = StoredOrganization(
            id: UUID(), name: "Copied", contactEmailSealed: [1, 2, 3], billingAddress: nil, plan: .free, createdAt: date, updatedAt: date
        )
        let stores = Stores.fluent(source)
        let owner = try await PlatformRepositoryContractTests.user(stores, "copied")
        try await stores.platform.create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: date))
        let month = try #require(UsageMonth(year: 2030, month: 3))
        let apps = [UUID(), UUID()]
        let entries = try (0..<(StoreCopy.batchSize * 2 + 117)).map { index in
            // Distinct ids, not in the order they are made.
            let bytes = withUnsafeBytes(of: UInt64(index).bigEndian, Array.init) + (0..<8).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            return MAUEntry(
                analyticsID: try #require(AnalyticsID(bytes: bytes.reversed())), appID: apps[index % 2], organizationID: organization.id, month: month
            )
        }
        #expect(try await FluentMAURepository(store: source).record(entries).count == entries.count)
        let counters = FluentSharedCounters(store: source)
        for index in 0..<(StoreCopy.batchSize + 3) { _ = try await counters.increment("k\(index)", window: 60, now: date) }
        await source.shutdown()

        let target = try await PostgresFixture.shared.isolatedDatabase()
        let copySource = try FlowstaDatabase(url: "sqlite://" + path, logger: Logger(label: "test"), connectionWait: .seconds(60))
        let report = try await StoreCopy.copy(from: copySource, to: target)
        await copySource.shutdown()
        let rows = Dictionary(uniqueKeysWithValues: report.tables.map { ($0.name, $0.rows) })
        #expect(rows["mau_ids"] == entries.count)
        #expect(rows["shared_counters"] == StoreCopy.batchSize + 3)
        let copied = FluentMAURepository(store: target)
        for entry in [entries[0], entries[StoreCopy.batchSize], entries[entries.count - 1]] {
            #expect(try await copied.contains(entry))
        }
        #expect(try await copied.counts(appID: apps[0], months: month...month).first?.activeUsers == (entries.count + 1) / 2)
        await target.shutdown()
    }

    /// Each table comes after the tables it references.
    @Test func tablesAreOrderedByReference() throws {
        let order = try StoreCopy.dependencyOrder(
            tables: ["apps", "grants", "codes", "organizations", "users"],
            references: [("codes", "grants"), ("grants", "apps"), ("grants", "users"), ("apps", "organizations")]
        )
        #expect(order == ["organizations", "users", "apps", "grants", "codes"])
        #expect(throws: StoreCopy.CopyError.self) {
            try StoreCopy.dependencyOrder(tables: ["a", "b"], references: [("a", "b"), ("b", "a")])
        }
    }
}
