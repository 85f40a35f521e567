import FlowstaUsage
import Logging
import ServiceLifecycle

/// Writes the meter's counts to the hourly usage rows every ``interval`` and once more at
/// shutdown; a failed write is put back and retried with the next flush. A crash loses at most
/// one interval of counts.
struct MeteringFlushService: Service {
    static let interval: Duration = .seconds(10)
    /// API log rows per transaction.
    static let logChunk = 200
    let meter: Meter
    let repository: any UsageRepository
    let logs: any APILogRepository
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: Self.interval)
                    await flush()
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: flush what is left below.
        }
        // A cancelled service group (not a graceful shutdown) may already have closed the
        // database: then there is nothing safe to write to.
        if !Task.isCancelled { await flush() }
    }

    func flush() async {
        let batch = meter.drain()
        if !batch.isEmpty {
            do {
                try await repository.add(batch)
            } catch {
                meter.restore(batch)
                logger.error("usage flush failed", metadata: ["cause": .string(String(describing: type(of: error)))])
            }
        }
        // API log entries go in transactions of ``logChunk`` rows: between two of them the
        // connection is free, so requests waiting for the store (one connection on SQLite) wait
        // for one chunk at most, never for the whole interval's entries.
        let entries = meter.drainLogs()
        var written = 0
        while written < entries.count {
            let chunk = Array(entries[written..<min(written + Self.logChunk, entries.count)])
            do {
                try await logs.insert(chunk)
            } catch {
                meter.restoreLogs(Array(entries[written...]))
                logger.error("api log flush failed", metadata: ["cause": .string(String(describing: type(of: error)))])
                return
            }
            written += chunk.count
        }
    }
}
