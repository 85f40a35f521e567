import FlowstaStore
import FlowstaUsage
import Foundation
import Synchronization

/// Issue #6: purging in batches keeps other writers waiting briefly. `rows` API log entries
/// older than 90 days are purged while another task keeps inserting one fresh entry at a time
/// (what the request path's log flush does); the writer's latency during the purge is the time
/// it waited for the database. Batches of 1,000 rows (the retention engine) against one
/// statement for everything.
enum RetentionBench {
    static func run(rows: Int) async throws {
        for batch in [FlowstaDatabase.deleteBatch, rows] {
            let bench = try await BenchStore.make("retention")
            let logs = FluentAPILogRepository(store: bench.store)
            let old = Date().addingTimeInterval(-100 * 86_400)
            var offset = 0
            while offset < rows {
                let count = min(5_000, rows - offset)
                try await logs.insert((0..<count).map { entry(bench.organizationID, old.addingTimeInterval(Double(offset + $0)), "old") })
                offset += count
            }
            let done = Flag()
            let purging = Task {
                defer { done.set() }
                let start = ContinuousClock.now
                let deleted = try await logs.purge(before: Date().addingTimeInterval(-90 * 86_400), batch: batch)
                return (deleted, (ContinuousClock.now - start).milliseconds)
            }
            var waits: [Double] = []
            while true {
                let start = ContinuousClock.now
                try await logs.insert([entry(bench.organizationID, Date(), "fresh")])
                waits.append((ContinuousClock.now - start).milliseconds)
                if done.isSet { break }
            }
            let (deleted, milliseconds) = try await purging.value
            let label = batch == rows ? "one statement" : "batches of \(batch)"
            print("retention-purge (\(label)): " + String(format: "%d rows in %.0f ms (%.0f rows/s)", deleted, milliseconds, Double(deleted) / milliseconds * 1000)
                + "; a writer meanwhile: \(waits.count) inserts, " + Percentiles(waits).summary)
            await bench.close()
        }
    }

    static func entry(_ organizationID: UUID, _ at: Date, _ request: String) -> APILogEntry {
        APILogEntry(organizationID: organizationID, appID: nil, keyID: nil, occurredAt: at, method: "GET", route: "/api/v1/orgs/{org}", status: 200, latencyMilliseconds: 1, requestID: request)
    }
}

/// Set once, read from any task.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
