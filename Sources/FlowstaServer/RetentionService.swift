import FlowstaPrivacy
import FlowstaStore
import Foundation
import Logging
import ServiceLifecycle

extension FlowstaApplication {
    /// Every retention rule once, as of `now` (`flowsta retention run` and the hourly job).
    /// Idempotent; every rule deletes in batches of its own statements, so no lock is held for
    /// long. Each run's counts are added to `/metrics`.
    public static func runRetention(runtime: Runtime, now: Date) async throws -> RetentionReport {
        do {
            let report = try await retentionRules(runtime: runtime).run(now: now)
            runtime.metrics.record(report, at: now)
            return report
        } catch {
            runtime.metrics.recordFailure()
            throw error
        }
    }

    /// The retention rules bound to this runtime's stores.
    static func retentionRules(runtime: Runtime) -> RetentionRules {
        let store = runtime.store
        return RetentionRules(
            sessions: { try await FluentSessionRepository(store: store).deleteExpired(now: $0) },
            loginStates: { try await FluentLoginStateRepository(store: store).deleteExpired(now: $0) },
            accountTokens: { try await FluentAccountTokenRepository(store: store).deleteExpired(now: $0) },
            invites: { _ in try await runtime.platform.purgeExpiredInvites() },
            deliveredMail: { _ in await runtime.mailDelivery.purgeDelivered() },
            oauth: { _ in
                let counts = try await purgeOAuth(runtime: runtime)
                return (counts.codes, counts.refreshTokens, counts.grants)
            },
            apiLogsBefore: { try await runtime.apiLogs.purge(before: $0) },
            usageRowsBefore: { try await runtime.usageRepository.purge(before: $0) },
            mau: { now in
                let mau = try await runtime.mau.closeMonths(now: now)
                return (mau.idsDeleted, mau.monthsClosed, mau.countsPurged)
            },
            organizations: { try await runtime.platform.purgeDeletedOrganizations(now: $0) },
            billingRecords: { try await runtime.billingRecords.purge(recordsBefore: $0, eventsBefore: $1) },
            signRequests: { try await runtime.signIt.purgeRequests(now: $0) },
            deviceAuthorizations: {
                try await runtime.oauth.purgeDeviceAuthorizations(now: $0) + runtime.accounts.purgeDeviceKeyEnrolments(now: $0)
            },
            outboundDeliveriesBefore: { try await runtime.outbound.purge(createdBefore: $0) }
        )
    }
}

/// Runs the retention rules every hour inside `flowsta serve`. Instances sharing PostgreSQL
/// take a lease first, so one of them runs it per hour.
struct RetentionJobService: Service {
    static let interval: Duration = .seconds(3_600)
    static let lease: TimeInterval = 50 * 60
    let runtime: FlowstaApplication.Runtime
    let holder = UUID()

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    await runOnce()
                    try await Task.sleep(for: Self.interval)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown.
        }
    }

    func runOnce() async {
        let logger = runtime.logger
        do {
            let now = runtime.time.now
            guard try await JobLeases(store: runtime.store).acquire("retention", holder: holder, now: now, duration: Self.lease) else { return }
            let report = try await FlowstaApplication.runRetention(runtime: runtime, now: now)
            await runBilling()
            logger.info("retention run", metadata: [
                "sessions": .stringConvertible(report.expiredSessions), "invites": .stringConvertible(report.expiredInvites),
                "api_logs": .stringConvertible(report.apiLogs), "usage_rows": .stringConvertible(report.usageRows),
                "mau_ids": .stringConvertible(report.mauIDs), "organizations": .stringConvertible(report.organizations),
            ])
        } catch {
            logger.error("retention run failed", metadata: ["cause": .string(String(describing: type(of: error)))])
        }
    }

    /// Billing's due work (grace periods, scheduled downgrades, usage reports), under the same
    /// lease, after retention has closed the month's MAU counts.
    func runBilling() async {
        guard let billing = runtime.billing else { return }
        do {
            let work = try await billing.runDueWork()
            runtime.logger.info("billing run", metadata: [
                "suspended": .stringConvertible(work.suspended), "scheduled_changes": .stringConvertible(work.scheduledChanges),
                "usage_reported": .stringConvertible(work.usageReported),
            ])
        } catch {
            runtime.logger.error("billing run failed", metadata: ["cause": .string(String(describing: type(of: error)))])
        }
    }
}
