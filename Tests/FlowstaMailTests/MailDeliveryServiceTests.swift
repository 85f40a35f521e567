import FlowstaMail
import Foundation
import Testing

@Suite struct MailDeliveryServiceTests {
    let clock = TestClock()
    let outbox = InMemoryOutboxRepository()
    let sealer = TestSealer()

    private var mailer: Mailer { Mailer(outbox: outbox, sealer: sealer, clock: clock) }

    private func service(_ transport: (any MailTransport)?) -> MailDeliveryService {
        MailDeliveryService(outbox: outbox, sealer: sealer, transport: transport, clock: clock, logger: .quiet)
    }

    private func row(_ id: UUID) async throws -> OutboxMessage {
        try #require(await outbox.all.first { $0.id == id })
    }

    @Test func sendSealsAndQueuesWithoutDelivering() async throws {
        let transport = RecordingTransport()
        let id = try await mailer.send(.sample)
        let stored = try await row(id)
        #expect(stored.attempts == 0)
        #expect(stored.deliveredAt == nil)
        #expect(stored.createdAt == clock.now)
        #expect(stored.nextAttemptAt == clock.now)
        #expect(!String(decoding: stored.sealedMessage, as: UTF8.self).contains("alice@example.com"))
        #expect(try sealer.open(stored.sealedMessage, context: "mail_outbox:" + id.uuidString.lowercased()).isEmpty == false)
        #expect(await transport.deliveries.isEmpty)

        let listed = try await mailer.list()
        #expect(listed.map(\.0.id) == [id])
        #expect(listed.map(\.1) == [.sample])
    }

    @Test func sendRefusesHeaderInjectionBeforeQueueing() async throws {
        var message = MailMessage.sample
        message.subject = "Hi\r\nBcc: victim@example.com"
        await #expect(throws: MailError.invalidHeaderField(field: "Subject")) { try await mailer.send(message) }
        #expect(await outbox.pending().isEmpty)
    }

    @Test func mailWaitsWithoutSMTP() async throws {
        let id = try await mailer.send(.sample)
        clock.advance(by: 3600)
        await service(nil).deliverDue()
        let stored = try await row(id)
        #expect(stored.deliveredAt == nil)
        #expect(stored.attempts == 0)
        #expect(try await mailer.list().count == 1)
    }

    @Test func deliversDueMailAndMarksIt() async throws {
        let transport = RecordingTransport()
        let id = try await mailer.send(.sample)
        let createdAt = clock.now
        clock.advance(by: 2)
        await service(transport).deliverDue()

        let delivery = try #require(await transport.deliveries.first)
        #expect(delivery.message == .sample)
        #expect(delivery.messageID == id.uuidString.lowercased() + "@localhost")
        #expect(delivery.date == createdAt)
        #expect(try await row(id).deliveredAt == clock.now)
        #expect(try await mailer.list().isEmpty)

        await service(transport).deliverDue()
        #expect(await transport.deliveries.count == 1)
    }

    @Test func backsOffExponentiallyThenGivesUp() async throws {
        let failures = Array(repeating: MailError.timedOut, count: 10)
        let transport = RecordingTransport(failures: failures)
        let id = try await mailer.send(.sample)
        let delivery = service(transport)
        var waits: [TimeInterval] = []
        for attempt in 1...10 {
            await delivery.deliverDue()
            let stored = try await row(id)
            #expect(stored.attempts == attempt)
            #expect(stored.lastError == "timed out")
            if stored.isAbandoned { break }
            let wait = stored.nextAttemptAt.timeIntervalSince(clock.now)
            waits.append(wait)
            // Not due a second early.
            clock.advance(by: wait - 1)
            await delivery.deliverDue()
            #expect(try await row(id).attempts == attempt)
            clock.advance(by: 1)
        }
        #expect(waits == [60, 120, 240, 480, 960, 1920, 3840, 7680, 15360])
        let stored = try await row(id)
        #expect(stored.isAbandoned)
        #expect(stored.nextAttemptAt == OutboxMessage.never)
        #expect(stored.deliveredAt == nil)
        #expect(await transport.deliveries.isEmpty)

        clock.advance(by: 365 * 24 * 3600)
        await delivery.deliverDue()
        #expect(try await row(id).attempts == 10)
        #expect(try await mailer.list().map(\.0.isAbandoned) == [true])
    }

    @Test func recoversAfterATransientFailure() async throws {
        let transport = RecordingTransport(failures: [MailError.rejected(command: "RCPT", code: 451, phase: .message)])
        let id = try await mailer.send(.sample)
        await service(transport).deliverDue()
        #expect(try await row(id).lastError == "RCPT rejected with 451")
        clock.advance(by: 60)
        await service(transport).deliverDue()
        #expect(try await row(id).deliveredAt == clock.now)
        #expect(await transport.deliveries.count == 1)
    }

    @Test(arguments: [
        MailError.rejected(command: "RCPT", code: 550, phase: .message),
        MailError.rejected(command: "DATA", code: 554, phase: .message),
        MailError.rejected(command: "MAIL", code: 553, phase: .message),
    ])
    func givesUpOnPermanentRejection(error: MailError) async throws {
        let transport = RecordingTransport(failures: [error])
        let id = try await mailer.send(.sample)
        await service(transport).deliverDue()
        let stored = try await row(id)
        #expect(stored.isAbandoned)
        #expect(stored.attempts == 1)
        #expect(stored.lastError == error.summary)
    }

    @Test(arguments: [
        MailError.rejected(command: "AUTH", code: 535, phase: .session),
        MailError.rejected(command: "RCPT", code: 452, phase: .message),
        MailError.connectionFailed(reason: "could not connect"),
        MailError.tlsFailed(reason: "bad certificate"),
        MailError.insecureAuthentication,
    ])
    func retriesSessionAndTransientErrors(error: MailError) async throws {
        #expect(!error.isPermanent)
        let transport = RecordingTransport(failures: [error])
        let id = try await mailer.send(.sample)
        await service(transport).deliverDue()
        let stored = try await row(id)
        #expect(!stored.isAbandoned)
        #expect(stored.nextAttemptAt == clock.now.addingTimeInterval(60))
    }

    @Test func retriesAnUnreadableRow() async throws {
        let id = UUID()
        let sealed = try sealer.seal(Array("{}".utf8), context: OutboxMessage.sealingContext(for: UUID()))
        await outbox.enqueue(OutboxMessage(id: id, sealedMessage: sealed, nextAttemptAt: clock.now, createdAt: clock.now))
        let transport = RecordingTransport()
        await service(transport).deliverDue()
        let stored = try await row(id)
        #expect(stored.attempts == 1)
        #expect(stored.lastError == "unreadable outbox message")
        #expect(await transport.deliveries.isEmpty)
        await #expect(throws: MailError.unreadableOutboxMessage) { try await mailer.list() }
    }

    @Test func purgesDeliveredMailAfterThirtyDays() async throws {
        let transport = RecordingTransport()
        let old = try await mailer.send(.sample)
        await service(transport).deliverDue()
        clock.advance(by: 2 * 24 * 3600)
        let recent = try await mailer.send(.sample)
        await service(transport).deliverDue()
        let waiting = try await mailer.send(.sample)
        await transport.failNext(with: [MailError.rejected(command: "RCPT", code: 550, phase: .message)])
        await service(transport).deliverDue()

        clock.advance(by: 28 * 24 * 3600)
        #expect(await service(nil).purgeDelivered() == 0)
        clock.advance(by: 1)
        #expect(await service(nil).purgeDelivered() == 1)
        let remaining = Set(await outbox.all.map(\.id))
        #expect(!remaining.contains(old))
        #expect(remaining == [recent, waiting])

        clock.advance(by: 2 * 24 * 3600)
        #expect(await service(nil).purgeDelivered() == 1)
        #expect(await outbox.all.map(\.id) == [waiting])
    }
}

/// Issue #19: instances sharing one outbox deliver each message once.
@Suite struct MailDeliveryClaimTests {
    let clock = TestClock()
    let outbox = InMemoryOutboxRepository()
    let sealer = TestSealer()

    @Test func instancesPollingTogetherSendEachMessageOnce() async throws {
        let mailer = Mailer(outbox: outbox, sealer: sealer, clock: clock)
        var ids: Set<String> = []
        for index in 0..<45 {
            var message = MailMessage.sample
            message.subject = "Invite \(index)"
            ids.insert(try await mailer.send(message).uuidString.lowercased() + "@localhost")
        }
        let transport = RecordingTransport()
        var configuration = MailDeliveryService.Configuration()
        configuration.batchSize = 4
        let instances = (0..<3).map { _ in
            MailDeliveryService(outbox: outbox, sealer: sealer, transport: transport, clock: clock, configuration: configuration, logger: .quiet)
        }
        for _ in 0..<6 {
            await withTaskGroup(of: Void.self) { group in
                for instance in instances { group.addTask { await instance.deliverDue() } }
            }
        }
        let sent = await transport.deliveries.map(\.messageID)
        #expect(sent.count == 45, "three instances, six rounds of four each: every message")
        #expect(Set(sent) == ids, "each message once")
        #expect(try await mailer.list().isEmpty)
    }

    @Test func aDeadInstancesMessagesComeBackWhenItsLeaseEnds() async throws {
        let mailer = Mailer(outbox: outbox, sealer: sealer, clock: clock)
        let id = try await mailer.send(.sample)
        // An instance claimed the message and died before sending it.
        let dead = await outbox.claimDue(now: clock.now, limit: 10, lease: MailDeliveryService.Configuration().claimLease)
        #expect(dead.messages.map(\.id) == [id])
        let transport = RecordingTransport()
        let survivor = MailDeliveryService(outbox: outbox, sealer: sealer, transport: transport, clock: clock, logger: .quiet)
        await survivor.deliverDue()
        #expect(await transport.deliveries.isEmpty, "still claimed")
        clock.advance(by: MailDeliveryService.Configuration().claimLease)
        await survivor.deliverDue()
        #expect(await transport.deliveries.count == 1)
        #expect(await !outbox.markDelivered(id: id, claim: dead.id, at: clock.now), "the dead claim holds nothing")
    }
}
