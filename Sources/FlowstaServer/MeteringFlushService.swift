import FlowstaUsage
import Logging
import ServiceLifecycle

/// Writes the meter's counts to the hourly usage rows every ``interval`` and once more at
/// shutdown; a failed write is put back and retried with the next flush. A crash loses at most
/// one interval of counts.
struct MeteringFlushService: Service {
    static let interval: Duration = .seconds(10)
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
        let entries = meter.drainLogs()
        if !entries.isEmpty {
            do {
                try await logs.insert(entries)
            } catch {
                meter.restoreLogs(entries)
                logger.error("api log flush failed", metadata: ["cause": .string(String(describing: type(of: error)))])
            }
        }
    }
}
