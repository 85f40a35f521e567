import FlowstaCore
import FlowstaTesting
import FlowstaWebhooks
import Foundation
import Logging
import Testing

@testable import FlowstaServer

/// The outbound queue's attempts: each outcome recorded with the kind's schedule and reported;
/// a delivery that cannot be prepared counts as a failed attempt (so its schedule still ends it),
/// a dropped one is given up without being sent.
@Suite struct OutboundDeliveryServiceTests {
    struct Transport: OutboundTransport {
        let answer: OutboundResult

        func send(_ delivery: OutboundDelivery, headers: [(String, String)]) async -> OutboundResult { answer }
    }

    actor Outcomes {
        var results: [OutboundResult] = []
        func add(_ result: OutboundResult) { results.append(result) }
    }

    static func service(
        _ queue: InMemoryOutboundDeliveryRepository, clock: FixedTimeSource, answer: OutboundResult, outcomes: Outcomes,
        prepare: @escaping @Sendable (OutboundDelivery) async throws -> WebhookDispatcher.Attempt
    ) -> OutboundDeliveryService {
        OutboundDeliveryService(
            repository: queue, transport: Transport(answer: answer), prepare: prepare,
            outcome: { _, result in await outcomes.add(result) }, time: clock, logger: Logger(label: "test")
        )
    }

    static func webhook(_ clock: FixedTimeSource) -> OutboundDelivery {
        OutboundDelivery(kind: .webhook, endpointID: UUID(), url: "https://hooks.example/", contentType: "application/json", body: [], nextAttemptAt: clock.now, createdAt: clock.now)
    }

    struct Broken: Error {}

    @Test func aDeliveryThatCannotBePreparedIsAFailedAttemptOnTheSchedule() async throws {
        let clock = FixedTimeSource()
        let queue = InMemoryOutboundDeliveryRepository()
        let outcomes = Outcomes()
        let delivery = Self.webhook(clock)
        await queue.enqueue(delivery)
        let service = Self.service(queue, clock: clock, answer: .delivered(status: 204), outcomes: outcomes) { _ in throw Broken() }
        #expect(await service.deliverDue() == 1)
        let stored = try #require(await queue.delivery(id: delivery.id))
        #expect(stored.attempts == 1 && stored.state == "pending" && stored.lastError == "the delivery could not be prepared")
        #expect(stored.nextAttemptAt == clock.now.addingTimeInterval(RetrySchedule.webhook.delays[0]))
        #expect(await outcomes.results == [.failed(status: nil, error: "the delivery could not be prepared")])

        // To the end of the schedule: given up, not retried forever.
        for _ in 1..<RetrySchedule.webhook.maxAttempts {
            clock.advance(by: 5 * 3600)
            await service.deliverDue()
        }
        let last = try #require(await queue.delivery(id: delivery.id))
        #expect(last.state == "failed" && last.attempts == RetrySchedule.webhook.maxAttempts)
        clock.advance(by: 5 * 3600)
        #expect(await service.deliverDue() == 0)
    }

    @Test func aDroppedDeliveryIsGivenUpUnsentAndADeliveredOneRecorded() async throws {
        let clock = FixedTimeSource()
        let queue = InMemoryOutboundDeliveryRepository()
        let outcomes = Outcomes()
        let dropped = Self.webhook(clock)
        await queue.enqueue(dropped)
        let dropping = Self.service(queue, clock: clock, answer: .delivered(status: 204), outcomes: outcomes) { _ in .drop(reason: "the endpoint was deleted") }
        await dropping.deliverDue()
        let given = try #require(await queue.delivery(id: dropped.id))
        #expect(given.state == "failed" && given.attempts == 0 && given.lastError == "the endpoint was deleted")
        #expect(await outcomes.results.isEmpty, "nothing was sent")

        let sent = Self.webhook(clock)
        await queue.enqueue(sent)
        let sending = Self.service(queue, clock: clock, answer: .delivered(status: 202), outcomes: outcomes) { delivery in .send(url: delivery.url, headers: []) }
        await sending.deliverDue()
        let delivered = try #require(await queue.delivery(id: sent.id))
        #expect(delivered.state == "delivered" && delivered.attempts == 1 && delivered.lastStatus == 202 && delivered.lastLatencyMs != nil)
        #expect(await outcomes.results == [.delivered(status: 202)])
    }
}
