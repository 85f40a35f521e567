import FlowstaBilling
import FlowstaUsage
import Foundation

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
    /// Sign It requests nobody answered, and answered ones a day after their answer.
    public var signRequests = 0
    /// Device authorizations (RFC 8628) and device-key enrolments past their 10 minutes.
    public var deviceAuthorizations = 0
    /// Outbound deliveries (back-channel logout tokens, webhooks) older than 90 days.
    public var outboundDeliveries = 0

    public var description: String {
        "retention: deleted \(expiredSessions) expired session(s), \(expiredLoginStates) expired login state(s), "
            + "\(expiredAccountTokens) expired account token(s), \(expiredInvites) expired invite(s), "
            + "\(deliveredMail) delivered mail row(s) older than 30 days, \(authorizationCodes) expired authorization code(s), "
            + "\(refreshTokens) expired refresh token(s), \(grants) finished grant(s), \(apiLogs) API log entries older than 90 days, "
            + "\(usageRows) usage row(s) older than 2 years, \(mauIDs) MAU id(s) of \(mauMonthsClosed) closed app-month(s), "
            + "\(mauCounts) MAU count(s) older than 2 years, \(organizations) organization(s) deleted more than 30 days ago, "
            + "\(billingRecords) billing record(s) (invoices and usage reports after 7 years, webhook event ids after 30 days), "
            + "\(signRequests) Sign It request(s) expired or answered more than a day ago, "
            + "\(deviceAuthorizations) expired device authorization(s) and device-key enrolment(s), "
            + "\(outboundDeliveries) outbound deliveries older than 90 days"
    }
}

/// The retention rules of the privacy policy (P8), over storage ports: each rule is a function
/// of the run's instant that deletes what the policy no longer lets us keep and says how many
/// rows went. The composition root binds them to the stores; the cutoffs are the engines'
/// (``APILogRetention``, ``UsageRetention``, ``BillingRetention``).
public struct RetentionRules: Sendable {
    public typealias Rule = @Sendable (Date) async throws -> Int

    /// Sessions, login states and account tokens (recovery, reset and verification links) past
    /// their expiry (account tokens a day after).
    public var sessions: Rule
    public var loginStates: Rule
    public var accountTokens: Rule
    public var invites: Rule
    /// Delivered mail rows older than 30 days.
    public var deliveredMail: Rule
    /// Authorization codes, refresh tokens and finished grants.
    public var oauth: @Sendable (Date) async throws -> (codes: Int, refreshTokens: Int, grants: Int)
    /// Deletes API log entries before the cutoff.
    public var apiLogsBefore: Rule
    /// Deletes hourly usage rows before the cutoff.
    public var usageRowsBefore: Rule
    /// Closes finished months of MAU ids and purges old counts.
    public var mau: @Sendable (Date) async throws -> (idsDeleted: Int, monthsClosed: Int, countsPurged: Int)
    /// Organizations deleted more than 30 days ago (their billing records stay).
    public var organizations: Rule
    /// Invoices and usage reports before the first cutoff, webhook event ids before the second.
    public var billingRecords: @Sendable (_ recordsBefore: Date, _ eventsBefore: Date) async throws -> Int
    /// Sign It requests: unanswered ones past their expiry, answered ones a day after the answer.
    public var signRequests: Rule
    /// Device authorizations and device-key enrolments past their expiry.
    public var deviceAuthorizations: Rule
    /// Deletes outbound deliveries (and so the webhook delivery log) created before the cutoff
    /// (90 days, like API logs).
    public var outboundDeliveriesBefore: Rule

    public init(
        sessions: @escaping Rule, loginStates: @escaping Rule, accountTokens: @escaping Rule, invites: @escaping Rule,
        deliveredMail: @escaping Rule, oauth: @escaping @Sendable (Date) async throws -> (codes: Int, refreshTokens: Int, grants: Int),
        apiLogsBefore: @escaping Rule, usageRowsBefore: @escaping Rule,
        mau: @escaping @Sendable (Date) async throws -> (idsDeleted: Int, monthsClosed: Int, countsPurged: Int),
        organizations: @escaping Rule, billingRecords: @escaping @Sendable (Date, Date) async throws -> Int, signRequests: @escaping Rule,
        deviceAuthorizations: @escaping Rule, outboundDeliveriesBefore: @escaping Rule
    ) {
        self.outboundDeliveriesBefore = outboundDeliveriesBefore
        self.signRequests = signRequests
        self.deviceAuthorizations = deviceAuthorizations
        self.sessions = sessions
        self.loginStates = loginStates
        self.accountTokens = accountTokens
        self.invites = invites
        self.deliveredMail = deliveredMail
        self.oauth = oauth
        self.apiLogsBefore = apiLogsBefore
        self.usageRowsBefore = usageRowsBefore
        self.mau = mau
        self.organizations = organizations
        self.billingRecords = billingRecords
    }

    /// The cutoff of API log entries: 90 days.
    public static func apiLogCutoff(now: Date) -> Date { now.addingTimeInterval(-Double(APILogRetention.days) * 86_400) }

    /// The cutoff of usage rows: 2 years.
    public static func usageCutoff(now: Date) -> Date { now.addingTimeInterval(-Double(UsageRetention.days) * 86_400) }

    /// Every rule once, as of `now`. Idempotent; every rule deletes in batches of its own
    /// statements, so no lock is held for long.
    public func run(now: Date) async throws -> RetentionReport {
        var report = RetentionReport()
        report.expiredSessions = try await sessions(now)
        report.expiredLoginStates = try await loginStates(now)
        report.expiredAccountTokens = try await accountTokens(now)
        report.expiredInvites = try await invites(now)
        report.deliveredMail = try await deliveredMail(now)
        (report.authorizationCodes, report.refreshTokens, report.grants) = try await oauth(now)
        report.apiLogs = try await apiLogsBefore(Self.apiLogCutoff(now: now))
        report.usageRows = try await usageRowsBefore(Self.usageCutoff(now: now))
        (report.mauIDs, report.mauMonthsClosed, report.mauCounts) = try await mau(now)
        // Billing records are kept when organizations go (P8: 7 years).
        report.organizations = try await organizations(now)
        report.billingRecords = try await billingRecords(BillingRetention.recordsCutoff(now: now), BillingRetention.eventsCutoff(now: now))
        report.signRequests = try await signRequests(now)
        report.deviceAuthorizations = try await deviceAuthorizations(now)
        report.outboundDeliveries = try await outboundDeliveriesBefore(Self.apiLogCutoff(now: now))
        return report
    }
}
