import FlowstaBilling
import FlowstaStore
import FlowstaUsage
import Foundation
import Logging
import ServiceLifecycle

/// What one retention run deleted (P8), per rule.
public struct RetentionReport: Sendable, Equatable, CustomStringConvertible {
    public var expiredSessions = 0
    public var expiredLoginStates = 0
    /// Recovery tokens, reset and verification links, a day after they expired.
    public var expiredAccountTokens = 0
    public var expiredInvites = 0
    public var deliveredMail = 0
    public var authorizationCodes = 0
    public var refreshTokens = 0
    public var grants = 0
    public var apiLogs = 0
    public var usageRows = 0
    public var mauIDs = 0
    public var mauMonthsClosed = 0
    public var mauCounts = 0
    public var organizations = 0
    /// Invoices and usage reports older than 7 years, webhook event ids older than 30 days.
    public var billingRecords = 0

    /// The counts by rule, for `/metrics`.
    public var counts: [(FlowstaMetrics.Rule, Int)] {
        [
            (.sessions, expiredSessions), (.loginStates, expiredLoginStates), (.accountTokens, expiredAccountTokens), (.invites, expiredInvites), (.deliveredMail, deliveredMail),
            (.authorizationCodes, authorizationCodes), (.refreshTokens, refreshTokens), (.grants, grants), (.apiLogs, apiLogs),
            (.usageRows, usageRows), (.mauIDs, mauIDs), (.mauCounts, mauCounts), (.organizations, organizations),
            (.billingRecords, billingRecords),
        ]
    }

    public var description: String {
        "retention: deleted \(expiredSessions) expired session(s), \(expiredLoginStates) expired login state(s), "
            + "\(expiredAccountTokens) expired account token(s), \(expiredInvites) expired invite(s), "
            + "\(deliveredMail) delivered mail row(s) older than 30 days, \(authorizationCodes) expired authorization code(s), "
            + "\(refreshTokens) expired refresh token(s), \(grants) finished grant(s), \(apiLogs) API log entries older than 90 days, "
            + "\(usageRows) usage row(s) older than 2 years, \(mauIDs) MAU id(s) of \(mauMonthsClosed) closed app-month(s), "
            + "\(mauCounts) MAU count(s) older than 2 years, \(organizations) organization(s) deleted more than 30 days ago, "
            + "\(billingRecords) billing record(s) (invoices and usage reports after 7 years, webhook event ids after 30 days)"
    }
}

extension FlowstaApplication {
    /// Every retention rule once, as of `now` (`flowsta retention run` and the hourly job).
    /// Idempotent; every rule deletes in batches of its own statements, so no lock is held for
    /// long. Each run's counts are added to `/metrics`.
    public static func runRetention(runtime: Runtime, now: Date) async throws -> RetentionReport {
        do {
            let report = try await retentionRules(runtime: runtime, now: now)
            runtime.metrics.record(report, at: now)
            return report
        } catch {
            runtime.metrics.recordFailure()
            throw error
        }
    }

    private static func retentionRules(runtime: Runtime, now: Date) async throws -> RetentionReport {
        var report = RetentionReport()
        report.expiredSessions = try await FluentSessionRepository(store: runtime.store).deleteExpired(now: now)
        report.expiredLoginStates = try await FluentLoginStateRepository(store: runtime.store).deleteExpired(now: now)
        report.expiredAccountTokens = try await FluentAccountTokenRepository(store: runtime.store).deleteExpired(now: now)
        report.expiredInvites = try await runtime.platform.purgeExpiredInvites()
        report.deliveredMail = await runtime.mailDelivery.purgeDelivered()
        let oauth = try await purgeOAuth(runtime: runtime)
        (report.authorizationCodes, report.refreshTokens, report.grants) = (oauth.codes, oauth.refreshTokens, oauth.grants)
        report.apiLogs = try await purgeAPILogs(runtime: runtime, now: now)
        report.usageRows = try await runtime.usageRepository.purge(before: now.addingTimeInterval(-Double(UsageRetention.days) * 86_400))
        let mau = try await runtime.mau.closeMonths(now: now)
        (report.mauIDs, report.mauMonthsClosed, report.mauCounts) = (mau.idsDeleted, mau.monthsClosed, mau.countsPurged)
        // Billing records are kept when organizations go (P8: 7 years).
        report.organizations = try await runtime.platform.purgeDeletedOrganizations(now: now)
        report.billingRecords = try await runtime.billingRecords.purge(
            recordsBefore: BillingRetention.recordsCutoff(now: now), eventsBefore: BillingRetention.eventsCutoff(now: now)
        )
        return report
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
