import FlowstaHTTP
import FlowstaPrivacy
import FlowstaCrypto
import Foundation
import Hummingbird
import Prometheus

/// The operator's metrics at `GET /metrics` (Prometheus text format): counts only — no user,
/// organization, address or token ever becomes a label (P1–P3).
public struct FlowstaMetrics: Sendable {
    /// Retention rules, as labels of `flowsta_retention_deleted_total`.
    public enum Rule: String, CaseIterable, Sendable {
        case sessions, loginStates = "login_states", accountTokens = "account_tokens", invites, deliveredMail = "delivered_mail"
        case authorizationCodes = "authorization_codes", refreshTokens = "refresh_tokens", grants
        case apiLogs = "api_logs", usageRows = "usage_rows", mauIDs = "mau_ids", mauCounts = "mau_counts"
        case organizations, billingRecords = "billing_records"
        case signRequests = "sign_requests", deviceAuthorizations = "device_authorizations", outboundDeliveries = "outbound_deliveries"
    }

    public let registry: PrometheusCollectorRegistry
    private let deleted: [Rule: Counter]
    private let runs: Counter
    private let failures: Counter
    private let lastRun: Gauge

    public init() {
        let registry = PrometheusCollectorRegistry()
        let deletedName = MetricNameDescriptor(
            namespace: "flowsta", subsystem: "retention", metricName: "deleted", unitName: "total",
            helpText: "Rows (organizations for rule=organizations) deleted by the retention engine, per rule."
        )
        deleted = Dictionary(uniqueKeysWithValues: Rule.allCases.map { ($0, registry.makeCounter(descriptor: deletedName, labels: [("rule", $0.rawValue)])) })
        runs = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "flowsta", subsystem: "retention", metricName: "runs", unitName: "total", helpText: "Completed retention runs."
        ))
        failures = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "flowsta", subsystem: "retention", metricName: "failures", unitName: "total", helpText: "Retention runs that stopped on an error."
        ))
        lastRun = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "flowsta", subsystem: "retention", metricName: "last_run_timestamp", unitName: "seconds",
            helpText: "When the last retention run completed (Unix time)."
        ))
        self.registry = registry
    }

    /// Counts one completed retention run.
    public func record(_ report: RetentionReport, at date: Date) {
        for (rule, count) in report.counts where count > 0 {
            deleted[rule]?.increment(by: Int64(count))
        }
        runs.increment()
        lastRun.set(date.timeIntervalSince1970)
    }

    func recordFailure() { failures.increment() }

    /// The exposition text.
    public func render() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

/// `GET /metrics`, for a scraper holding the metrics token (counts of the whole deployment are
/// nobody else's business); without a configured token the route is off.
struct MetricsController {
    let metrics: FlowstaMetrics
    let token: String?

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("metrics") { request, _ in
            guard let token else { throw APIError.notFound }
            guard let presented = request.headers[.authorization].flatMap(BearerCredential.token), ConstantTime.equal(presented, token) else {
                throw APIError(.unauthorized, "unauthorized", "send the metrics token: Authorization: Bearer <FLOWSTA_METRICS_TOKEN>")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.render()))
            )
        }
    }
}

extension RetentionReport {
    /// The counts by rule, for `/metrics`.
    var counts: [(FlowstaMetrics.Rule, Int)] {
        [
            (.sessions, expiredSessions), (.loginStates, expiredLoginStates), (.accountTokens, expiredAccountTokens), (.invites, expiredInvites), (.deliveredMail, deliveredMail),
            (.authorizationCodes, authorizationCodes), (.refreshTokens, refreshTokens), (.grants, grants), (.apiLogs, apiLogs),
            (.usageRows, usageRows), (.mauIDs, mauIDs), (.mauCounts, mauCounts), (.organizations, organizations),
            (.billingRecords, billingRecords), (.signRequests, signRequests), (.deviceAuthorizations, deviceAuthorizations),
            (.outboundDeliveries, outboundDeliveries),
        ]
    }
}
