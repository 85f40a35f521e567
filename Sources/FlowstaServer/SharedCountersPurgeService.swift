import FlowstaCore
import Foundation
import Logging
import ServiceLifecycle

/// On PostgreSQL: deletes the shared counters of windows that ended more than a minute ago,
/// every minute (issue #19; the counters behind login throttles and plan rates).
struct SharedCountersPurgeService: Service {
    static let interval: Duration = .seconds(60)
    let counters: any SharedCounters
    let time: any TimeSource
    let logger: Logger

    func run() async throws {
        try await repeatUntilShutdown(every: Self.interval, logger: logger, failure: "shared counter purge failed") {
            _ = try await counters.purge(before: time.now.addingTimeInterval(-60))
        }
    }
}
