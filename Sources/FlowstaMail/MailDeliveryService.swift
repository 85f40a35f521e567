import FlowstaCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Delivers due outbox messages every few seconds and purges delivered ones after 30 days.
///
/// Each round claims the messages it sends (``OutboxRepository/claimDue(now:limit:lease:)``)
/// and renews the claim while it works, so instances sharing a database send each message once,
/// and the messages of an instance that died are picked up when its short lease ends.
///
/// Without a transport (no `FLOWSTA_SMTP_URL`) it delivers nothing and mail waits in the
/// outbox. Logs carry outbox ids and error summaries only: never recipients, bodies or
/// credentials.
public struct MailDeliveryService: Service {
    /// Timing of the loop.
    public struct Configuration: Sendable {
        public var pollInterval = Duration.seconds(5)
        /// At most this many messages per round.
        public var batchSize = 20
        /// How long a claim holds its messages without renewal: what a crashed instance's mail
        /// waits at most before another instance takes it (plus one poll interval).
        public var claimLease: TimeInterval = 30
        /// How often a round renews its claim while it delivers (well within the lease).
        public var claimRenewal = Duration.seconds(10)
        public var retry = OutboxRetryPolicy()
        /// Delivered messages older than this are deleted.
        public var retention: TimeInterval = 30 * 24 * 3600
        public var purgeInterval: TimeInterval = 3600

        public init() {}
    }

    private let outbox: any OutboxRepository
    private let sealer: any MailSealer
    private let transport: (any MailTransport)?
    private let clock: any TimeSource
    private let configuration: Configuration
    private let logger: Logger

    /// - Parameters:
    ///   - transport: Where mail goes; `nil` keeps it in the outbox.
    public init(
        outbox: any OutboxRepository,
        sealer: any MailSealer,
        transport: (any MailTransport)?,
        clock: any TimeSource = SystemTimeSource(),
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "flowsta.mail")
    ) {
        self.outbox = outbox
        self.sealer = sealer
        self.transport = transport
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
    }

    /// Delivers through an ``SMTPClient`` for `smtp`, or keeps mail waiting when it is `nil`.
    public init(
        outbox: any OutboxRepository,
        sealer: any MailSealer,
        smtp: SMTPConfiguration?,
        clock: any TimeSource = SystemTimeSource(),
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "flowsta.mail")
    ) {
        let transport = smtp.map { SMTPClient(configuration: $0) }
        self.init(outbox: outbox, sealer: sealer, transport: transport, clock: clock, configuration: configuration, logger: logger)
    }

    public func run() async throws {
        if transport == nil { logger.notice("SMTP is not configured; mail waits in the outbox") }
        var lastPurge: Date?
        // A delivery in progress finishes on graceful shutdown; only the pause is cut short.
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await deliverDue()
            let now = clock.now
            if lastPurge.map({ now.timeIntervalSince($0) >= configuration.purgeInterval }) ?? true {
                await purgeDelivered()
                lastPurge = now
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: configuration.pollInterval) }
        }
    }

    /// One round: claims due messages and tries each once. Stops early on graceful shutdown or
    /// when the claim could not be renewed in time; what it did not try is due again at once.
    public func deliverDue() async {
        guard let transport else { return }
        let claim: OutboxClaim
        do {
            claim = try await outbox.claimDue(now: clock.now, limit: configuration.batchSize, lease: configuration.claimLease)
        } catch {
            logger.error("cannot read the mail outbox", metadata: ["error": "\(type(of: error))"])
            return
        }
        guard !claim.messages.isEmpty else { return }
        let leaseEnd = LeaseEnd(claim.until)
        let tried = await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.renew(claim.id, leaseEnd: leaseEnd) }
            var tried = 0
            for row in claim.messages {
                if Task.isShuttingDownGracefully || leaseEnd.value.withLock({ $0 }) <= clock.now { break }
                await deliver(row, claim: claim.id, via: transport)
                tried += 1
            }
            group.cancelAll()
            return tried
        }
        guard tried < claim.messages.count else { return }
        do {
            try await outbox.release(claim: claim.id, now: clock.now)
        } catch {
            logger.error("cannot release a mail claim", metadata: ["error": "\(type(of: error))"])
        }
    }

    /// Renews `claim` every ``Configuration/claimRenewal`` until cancelled.
    private func renew(_ claim: UUID, leaseEnd: LeaseEnd) async {
        while (try? await Task.sleep(for: configuration.claimRenewal)) != nil {
            let until = clock.now.addingTimeInterval(configuration.claimLease)
            do {
                _ = try await outbox.renew(claim: claim, until: until)
                leaseEnd.value.withLock { $0 = until }
            } catch {
                logger.error("cannot renew a mail claim", metadata: ["error": "\(type(of: error))"])
            }
        }
    }

    /// Deletes delivered messages older than the retention.
    ///
    /// - Returns: How many were deleted (0 when the store failed, which is logged).
    @discardableResult
    public func purgeDelivered() async -> Int {
        do {
            let count = try await outbox.purgeDelivered(before: clock.now.addingTimeInterval(-configuration.retention))
            if count > 0 { logger.info("purged delivered mail", metadata: ["count": "\(count)"]) }
            return count
        } catch {
            logger.error("cannot purge the mail outbox", metadata: ["error": "\(type(of: error))"])
            return 0
        }
    }

    private func deliver(_ row: OutboxMessage, claim: UUID, via transport: any MailTransport) async {
        var metadata: Logger.Metadata = ["mail.id": "\(row.id.uuidString.lowercased())"]
        do {
            let message = try row.open(with: sealer)
            try await transport.deliver(message, messageID: message.messageID(for: row.id), date: row.createdAt)
        } catch {
            let mailError = error as? MailError
            let summary = mailError?.summary ?? "\(type(of: error))"
            let attempts = row.attempts + 1
            let next = mailError?.isPermanent == true ? nil : configuration.retry.nextAttempt(afterFailures: attempts, now: clock.now)
            metadata["mail.attempts"] = "\(attempts)"
            metadata["error"] = "\(summary)"
            if next == nil {
                logger.error("mail delivery given up", metadata: metadata)
            } else {
                logger.warning("mail delivery failed; will retry", metadata: metadata)
            }
            do {
                if try await !outbox.markFailed(id: row.id, claim: claim, attempts: attempts, nextAttemptAt: next, error: summary) {
                    logger.warning("mail claim lost before the failure was recorded", metadata: metadata)
                }
            } catch {
                logger.error("cannot record a failed mail delivery", metadata: metadata)
            }
            return
        }
        do {
            if try await outbox.markDelivered(id: row.id, claim: claim, at: clock.now) {
                logger.info("mail delivered", metadata: metadata)
            } else {
                logger.warning("mail delivered after its claim was lost", metadata: metadata)
            }
        } catch {
            // The server has the message; the next round would send it again.
            logger.error("cannot mark mail as delivered", metadata: metadata)
        }
    }
}

/// When a delivery round's claim ends, as its renewals move it.
private final class LeaseEnd: Sendable {
    let value: Mutex<Date>
    init(_ date: Date) { value = Mutex(date) }
}
