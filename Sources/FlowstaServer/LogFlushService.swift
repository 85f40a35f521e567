import FlowstaPrivacy
import ServiceLifecycle

/// Flushes the buffered log sink every 50 ms, and once more at shutdown.
public struct LogFlushService: Service {
    let sink: StandardOutputLogSink

    public init(sink: StandardOutputLogSink) { self.sink = sink }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(50))
                sink.flush()
            }
        }
        sink.flush()
    }
}
