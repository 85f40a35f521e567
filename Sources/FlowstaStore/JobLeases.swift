import FluentKit
import Foundation
import SQLKit

/// Time-limited leases on named jobs: the instance that takes the lease runs the job; others
/// skip it until the lease expires.
public struct JobLeases: Sendable {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    /// Takes the lease `name` for `duration` when it is free (never taken, or expired).
    /// - Returns: whether this holder has it now.
    public func acquire(_ name: String, holder: UUID, now: Date, duration: TimeInterval) async throws -> Bool {
        let rows = try await store.sql.raw("""
            INSERT INTO job_leases (name, holder, expires_at) VALUES (\(bind: name), \(bind: holder), \(bind: now.addingTimeInterval(duration)))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE job_leases.expires_at <= \(bind: now)
            RETURNING name
            """).all()
        return !rows.isEmpty
    }
}
