import FlowstaStore
import FlowstaUsage
import Foundation

/// Issue #18: the write cost of one API log entry. `entries` entries go in the way the
/// server's metering flush writes them (transactions of 200 rows, multi-row `INSERT`s inside),
/// on the embedded SQLite store or on PostgreSQL (`--database postgres://…`). Prints the cost
/// per entry, the rate one writer sustains and how long one 200-row transaction holds the
/// store (what a request waiting for the writer waits at most). On SQLite the write-ahead log
/// is checkpointed every second beside the writer, as the server does (CheckpointService).
enum APILogBench {
    /// MeteringFlushService.logChunk.
    static let chunk = 200

    static func run(entries: Int, database: String?) async throws {
        let bench = try await BenchStore.make("api-log", url: database)
        let logs = FluentAPILogRepository(store: bench.store)
        let engine = database == nil ? "SQLite" : "PostgreSQL"
        try await bench.store.takeOverCheckpoints()
        let store = bench.store
        let checkpoints = Task {
            while (try? await Task.sleep(for: .seconds(1))) != nil {
                _ = try? await store.checkpoint()
            }
        }
        var chunks: [Double] = []
        let now = Date()
        let start = ContinuousClock.now
        var written = 0
        while written < entries {
            let count = min(chunk, entries - written)
            let batch = (0..<count).map { index in
                APILogEntry(
                    organizationID: bench.organizationID, appID: nil, keyID: nil, occurredAt: now.addingTimeInterval(Double(written + index) / 1000),
                    method: "POST", route: "/oauth/token", status: 200, latencyMilliseconds: 3, requestID: String(format: "%032x", written + index)
                )
            }
            let began = ContinuousClock.now
            try await logs.insert(batch)
            chunks.append((ContinuousClock.now - began).milliseconds)
            written += count
        }
        let milliseconds = (ContinuousClock.now - start).milliseconds
        checkpoints.cancel()
        await checkpoints.value
        print("api-log (\(engine)): " + String(
            format: "%d entries in %.0f ms = %.1f µs per entry (%.0f entries/s on one writer); one %d-row transaction: ",
            written, milliseconds, milliseconds * 1000 / Double(written), Double(written) / milliseconds * 1000, chunk
        ) + Percentiles(chunks).summary)
        await bench.close()
    }
}
