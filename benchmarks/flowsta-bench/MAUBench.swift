import FlowstaCore
import FlowstaStore
import FlowstaUsage
import Foundation

/// MAU ingestion into the embedded SQLite store: the sign-in path (`MAUService.admit`, whose
/// submissions are written with group commit) with many sign-ins in flight, the free plan's
/// path (which first reads whether the id is known and the month's total), and plain batches.
enum MAUBench {
    /// - Parameter batchesOnly: skip the sign-in paths (for profiling the store).
    static func run(ids: Int, concurrency: Int, batch: Int = 1_000, batchesOnly: Bool = false) async throws {
        let bench = try await BenchStore.make("mau")
        let store = bench.store
        let mau = MAUService(repository: FluentMAURepository(store: store), time: SystemTimeSource(), memberKey: { "\($0)/\($1)/\($2)" })
        let month = mau.currentMonth()
        let org = bench.organizationID

        func randomID() -> AnalyticsID {
            var generator = SystemRandomNumberGenerator()
            let (a, b) = (generator.next() as UInt64, generator.next() as UInt64)
            return AnalyticsID(bytes: withUnsafeBytes(of: (a, b)) { Array($0) })!
        }

        let paths: [(String, Int?)] = batchesOnly ? [] : [("sign-in path, paid plan (group commit)", nil), ("sign-in path, free plan (known? + total, then group commit)", Int.max)]
        for (label, hardLimit) in paths {
            let app = UUID()
            let perTask = ids / concurrency
            let start = ContinuousClock.now
            let counted = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        var new = 0
                        for _ in 0..<perTask {
                            if case .counted(true) = try await mau.admit(randomID(), userID: UUID(), appID: app, organizationID: org, month: month, hardLimit: hardLimit) { new += 1 }
                        }
                        return new
                    }
                }
                return try await group.reduce(0, +)
            }
            let seconds = (ContinuousClock.now - start).milliseconds / 1000
            print(String(format: "mau %@: %d ids, %d tasks in flight: %.2f s, %.0f ids/s", label, counted, concurrency, seconds, Double(counted) / seconds))
        }

        let app = UUID()
        let batches = ids / batch
        let start = ContinuousClock.now
        var stored = 0
        for _ in 0..<batches {
            stored += try await mau.record((0..<batch).map { _ in MAUEntry(analyticsID: randomID(), appID: app, organizationID: org, month: month) })
        }
        let seconds = (ContinuousClock.now - start).milliseconds / 1000
        print(String(format: "mau batches of %d: %d ids in %.2f s, %.0f ids/s", batch, stored, seconds, Double(stored) / seconds))
        let total = try await mau.organizationTotal(organizationID: org, month: month)
        print("mau organization total this month: \(total)")
        await bench.close()
    }
}
