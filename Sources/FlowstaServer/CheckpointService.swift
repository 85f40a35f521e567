import FlowstaStore
import Logging
import ServiceLifecycle

/// On the embedded SQLite store: checkpoints the write-ahead log every ``interval`` from a read
/// connection, so no request's write waits for a checkpoint (issue #18; see
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
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: Self.interval)
                do {
                    try await store.checkpoint()
                } catch {
                    logger.warning("checkpoint failed", metadata: ["cause": .string(String(describing: type(of: error)))])
                }
            }
        }
    }
}
