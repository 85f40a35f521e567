import FlowstaCore
import FlowstaStore
import Foundation
import Testing

/// Issue #19: the counters behind deployment-wide limits count every increment exactly once,
/// also from many callers at the same moment (instances), per key and window.
@Suite struct SharedCountersContractTests {
    static func counters(_ stores: Stores) -> any SharedCounters {
        stores.database.map { FluentSharedCounters(store: $0) } ?? InMemorySharedCounters()
    }

    /// On a database of its own on PostgreSQL: the purge would count other tests' rows.
    @Test(arguments: StoreKind.all)
    func countsPerKeyAndWindowAndPurges(kind: StoreKind) async throws {
        try await Stores.withIsolated(kind) { (stores: Stores) async throws in
            let counters = Self.counters(stores)
            let key = "test-" + UUID().uuidString
            let start = Date(timeIntervalSince1970: 1_900_000_020)  // a minute begins
            #expect(try await counters.increment(key, window: 60, now: start).count == 1)
            let second = try await counters.increment(key, window: 60, now: start.addingTimeInterval(39))
            #expect(second.count == 2)
            #expect(second.windowEnd == Date(timeIntervalSince1970: 1_900_000_080))
            #expect(second.secondsLeft(at: start.addingTimeInterval(39)) == 21)
            #expect(try await counters.increment(key, window: 60, now: start.addingTimeInterval(60)).count == 1, "the next minute starts over")
            #expect(try await counters.increment(key + "-other", window: 60, now: start).count == 1, "keys count apart")
            #expect(try await counters.increment(key, window: 1, now: start).count == 1, "windows of another length count apart")
            #expect(try await counters.count(key, window: 60, now: start.addingTimeInterval(59)).count == 2, "reading does not add")
            #expect(try await counters.count(key, window: 60, now: start.addingTimeInterval(59)).count == 2)
            #expect(try await counters.count(key + "-never", window: 60, now: start) == SharedCount(count: 0, windowEnd: second.windowEnd))

            let purged = try await counters.purge(before: start.addingTimeInterval(61))
            #expect(purged == 3, "the two minutes that ended at start + 60 and the 1-second window went")
            #expect(try await counters.increment(key, window: 60, now: start.addingTimeInterval(60)).count == 2, "the current window stays")
        }
    }

    @Test(arguments: StoreKind.all)
    func concurrentIncrementsAllCount(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let counters = Self.counters(stores)
            let key = "test-" + UUID().uuidString
            let now = Date(timeIntervalSince1970: 1_900_000_000)
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<40 { group.addTask { try await counters.increment(key, window: 60, now: now).count } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.sorted() == Array(1...40), "each increment saw its own count")
        }
    }
}
