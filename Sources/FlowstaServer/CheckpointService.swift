import FlowstaStore
import Logging
import ServiceLifecycle

/// On the embedded SQLite store: checkpoints the write-ahead log every ``interval`` on a
/// connection of its own, so no request's write waits for a checkpoint (issue #18; see
/// ``FlowstaDatabase/takeOverCheckpoints()``).
struct CheckpointService: Service {
    static let interval: Duration = .seconds(1)
    let store: FlowstaDatabase
    let logger: Logger

    func run() async throws {
        do {
            try await store.takeOverCheckpoints()
        } catch {
            // The writer keeps checkpointing itself: slower under load, never unbounded.
            logger.error("checkpoint takeover failed", metadata: ["cause": .string(String(describing: type(of: error)))])
            return
        }
        try await repeatUntilShutdown(every: Self.interval, logger: logger, failure: "checkpoint failed") {
            _ = try await store.checkpoint()
        }
    }
}

/// Runs `body` every `interval` until graceful shutdown; a failed run is logged (its error's
/// type only) and the next one comes at the usual time.
func repeatUntilShutdown(every interval: Duration, logger: Logger, failure: Logger.Message, _ body: @escaping @Sendable () async throws -> Void) async throws {
    do {
        try await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                do {
                    try await body()
                } catch {
                    logger.error(failure, metadata: ["cause": .string(String(describing: type(of: error)))])
                }
            }
        }
    } catch is CancellationError {
        // Graceful shutdown.
    }
}
