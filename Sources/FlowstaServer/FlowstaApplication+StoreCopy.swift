import FlowstaStore
import Foundation
import Logging

extension FlowstaApplication {
    /// `flowsta store copy`: copies an embedded SQLite store into an empty PostgreSQL database
    /// and verifies the copy (``StoreCopy``). Both stores are migrated to this version first.
    /// The KEK is not touched: run the PostgreSQL deployment with the same one.
    public static func copyStore(
        from sourceURL: String, to targetURL: String, logger: Logger, progress: @escaping @Sendable (String, Int) -> Void = { _, _ in }
    ) async throws -> StoreCopy.Report {
        let source = try FlowstaDatabase(url: sourceURL, logger: logger)
        let target: FlowstaDatabase
        do {
            target = try FlowstaDatabase(url: targetURL, logger: logger)
        } catch {
            await source.shutdown()
            throw error
        }
        do {
            let report = try await StoreCopy.copy(from: source, to: target) { progress($0.name, $0.rows) }
            await source.shutdown()
            await target.shutdown()
            return report
        } catch {
            await source.shutdown()
            await target.shutdown()
            throw error
        }
    }
}
