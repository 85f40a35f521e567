import FlowstaMail
import Foundation
import Logging
import ServiceLifecycle
import Testing

@Suite struct MailDeliveryServiceLifecycleTests {
    @Test func runsAsAServiceUntilGracefulShutdown() async throws {
        let clock = TestClock()
        let outbox = InMemoryOutboxRepository()
        let sealer = TestSealer()
        let transport = RecordingTransport()
        var configuration = MailDeliveryService.Configuration()
        configuration.pollInterval = .milliseconds(20)
        let service = MailDeliveryService(
            outbox: outbox, sealer: sealer, transport: transport, clock: clock, configuration: configuration, logger: .quiet
        )
        // Delivered 31 days ago: the first round purges it.
        await outbox.enqueue(OutboxMessage(
            id: UUID(), sealedMessage: [], nextAttemptAt: clock.now, deliveredAt: clock.now.addingTimeInterval(-31 * 24 * 3600),
            createdAt: clock.now.addingTimeInterval(-31 * 24 * 3600)
        ))
        let group = ServiceGroup(configuration: .init(services: [service], logger: .quiet))

        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            let id = try await Mailer(outbox: outbox, sealer: sealer, clock: clock).send(.sample)
            // Wait (bounded) for the loop to pick the message up.
            for _ in 0..<500 where await transport.deliveries.isEmpty {
                try await Task.sleep(for: .milliseconds(10))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            #expect(await transport.deliveries.map(\.message) == [.sample])
            #expect(await outbox.all.map(\.id) == [id])
            #expect(await outbox.all.first?.deliveredAt != nil)
        }
    }
}
