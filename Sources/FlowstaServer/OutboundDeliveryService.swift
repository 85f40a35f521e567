import FlowstaCore
import FlowstaWebhooks
import Foundation
import Logging
import ServiceLifecycle

/// Sends due outbound deliveries (back-channel logout tokens, webhooks) every second: claims a
/// batch (so instances sharing a database send each delivery once), sends up to
/// ``concurrency`` at a time, and records the outcome with the kind's ``RetrySchedule``. Logs
/// carry delivery ids, statuses and error summaries only — never bodies or URLs' queries.
struct OutboundDeliveryService: Service {
    static let pollInterval = Duration.seconds(1)
    static let batchSize = 16
    static let concurrency = 8
    /// Longer than a batch can take (16 deliveries, 8 at a time, 10 s timeout each).
    static let claimLease: TimeInterval = 90

    let repository: any OutboundDeliveryRepository
    let transport: any OutboundTransport
    /// What an attempt does (send where, with which signature headers; or drop it).
    let prepare: @Sendable (OutboundDelivery) async throws -> WebhookDispatcher.Attempt
    /// Told how each attempt went (a webhook endpoint's run of failures).
    let outcome: @Sendable (OutboundDelivery, OutboundResult) async -> Void
    let time: any TimeSource
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            _ = await deliverDue()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.pollInterval) }
        }
    }

    /// One round. - Returns: how many deliveries it tried.
    @discardableResult
    func deliverDue() async -> Int {
        let claim: OutboundClaim
        do {
            claim = try await repository.claimDue(now: time.now, limit: Self.batchSize, lease: Self.claimLease)
        } catch {
            logger.error("cannot read the outbound queue", metadata: ["error": "\(type(of: error))"])
            return 0
        }
        guard !claim.deliveries.isEmpty else { return 0 }
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for delivery in claim.deliveries {
                if running == Self.concurrency {
                    await group.next()
                    running -= 1
                }
                group.addTask { await self.attempt(delivery, claim: claim.id) }
                running += 1
            }
        }
        return claim.deliveries.count
    }

    private func attempt(_ delivery: OutboundDelivery, claim: UUID) async {
        let attempts = delivery.attempts + 1
        var target = delivery
        let result: OutboundResult
        let started = ContinuousClock.now
        do {
            switch try await prepare(delivery) {
            case .drop(reason: let reason):
                try await repository.markFailed(id: delivery.id, claim: claim, attempts: delivery.attempts, nextAttemptAt: nil, status: nil, error: reason, latencyMs: nil)
                return
            case .send(let url, let headers):
                target.url = url
                result = await transport.send(target, headers: headers)
            }
        } catch {
            // (A store error, or a secret that no longer opens.) It counts as a failed attempt,
            // so the schedule still ends it.
            logger.error("cannot prepare an outbound delivery", metadata: ["delivery": "\(delivery.id)", "error": "\(type(of: error))"])
            result = .failed(status: nil, error: "the delivery could not be prepared")
        }
        let elapsed = ContinuousClock.now - started
        let latency = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        do {
            switch result {
            case .delivered(let status):
                try await repository.markDelivered(id: delivery.id, claim: claim, at: time.now, status: status, latencyMs: latency)
            case .failed(let status, let error):
                let schedule: RetrySchedule = delivery.kind == .webhook ? .webhook : .backchannelLogout
                let next = schedule.next(after: attempts, now: time.now)
                try await repository.markFailed(id: delivery.id, claim: claim, attempts: attempts, nextAttemptAt: next, status: status, error: error, latencyMs: latency)
                logger.notice("outbound delivery failed", metadata: [
                    "delivery": "\(delivery.id)", "kind": "\(delivery.kind.rawValue)", "attempt": "\(attempts)",
                    "status": "\(status.map(String.init) ?? "none")", "error": "\(error)", "retry": "\(next != nil)",
                ])
            }
        } catch {
            logger.error("cannot record an outbound delivery", metadata: ["delivery": "\(delivery.id)", "error": "\(type(of: error))"])
        }
        await outcome(delivery, result)
    }
}
