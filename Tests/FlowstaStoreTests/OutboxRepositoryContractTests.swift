import FlowstaMail
import Foundation
import Testing

/// Issue #19: the mail outbox hands each message to one delivery round, however many instances
/// claim at once, and a dead round's messages come back when its lease ends. On PostgreSQL each
/// test has a database of its own: its unsealed rows would break other tests' outbox reads.
@Suite struct OutboxRepositoryContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_900_000_000)

    static func message(_ minute: Int) -> OutboxMessage {
        OutboxMessage(
            id: UUID(), sealedMessage: Array("sealed \(minute)".utf8), nextAttemptAt: t0.addingTimeInterval(Double(minute) * 60),
            createdAt: t0.addingTimeInterval(Double(minute) * 60)
        )
    }

    /// The messages of `claim` this test enqueued (each test has a store of its own; the filter
    /// keeps the assertions about this test's rows only).
    static func ours(_ claim: OutboxClaim, _ ids: Set<UUID>) -> [UUID] { claim.messages.map(\.id).filter(ids.contains) }

    @Test(arguments: StoreKind.all)
    func claimsDoNotOverlapAndLapseWhenNotRenewed(kind: StoreKind) async throws {
        try await Stores.withIsolated(kind) { (stores: Stores) async throws in
            let outbox = stores.outbox
            let messages = (0..<5).map { Self.message($0 - 10_000_000) }
            let ids = Set(messages.map(\.id))
            for message in messages { try await outbox.enqueue(message) }
            let now = Self.t0.addingTimeInterval(-9_999_000 * 60)

            let first = try await outbox.claimDue(now: now, limit: 3, lease: 30)
            #expect(Self.ours(first, ids) == messages.prefix(3).map(\.id), "earliest first, at most the limit")
            #expect(first.until == now.addingTimeInterval(30))
            let second = try await outbox.claimDue(now: now, limit: 10, lease: 30)
            #expect(Self.ours(second, ids) == messages.suffix(2).map(\.id), "a live claim's messages are not due to anyone else")
            #expect(try await Self.ours(outbox.claimDue(now: now, limit: 10, lease: 30), ids).isEmpty)

            // The first round delivers one, fails one and dies holding the third.
            let delivered = messages[0].id, failed = messages[1].id, orphan = messages[2].id
            #expect(try await outbox.markDelivered(id: delivered, claim: first.id, at: now))
            #expect(try await outbox.markFailed(id: failed, claim: first.id, attempts: 1, nextAttemptAt: now.addingTimeInterval(600), error: "timed out"))
            #expect(try await !outbox.markDelivered(id: delivered, claim: first.id, at: now), "marked once")
            #expect(try await !outbox.markDelivered(id: messages[3].id, claim: first.id, at: now), "another round's message")
            // The second round renews its claim.
            #expect(try await outbox.renew(claim: second.id, until: now.addingTimeInterval(60)) == 2)

            let later = now.addingTimeInterval(31)
            let third = try await outbox.claimDue(now: later, limit: 10, lease: 30)
            #expect(Self.ours(third, ids) == [orphan], "the dead round's message is due once its lease ended; the renewed ones are not")
            #expect(third.messages.first { $0.id == orphan }?.attempts == 0)
            #expect(try await !outbox.markDelivered(id: orphan, claim: first.id, at: later), "the lapsed claim no longer holds it")
            #expect(try await outbox.markDelivered(id: orphan, claim: third.id, at: later))

            // A round that stops early releases what it did not try: due at once.
            try await outbox.release(claim: second.id, now: later)
            let fourth = try await outbox.claimDue(now: later, limit: 10, lease: 30)
            #expect(Set(Self.ours(fourth, ids)) == Set(messages.suffix(2).map(\.id)))
            #expect(try await outbox.renew(claim: second.id, until: later.addingTimeInterval(60)) == 0, "released")

            let failedRow = try #require(try await outbox.pending().first { $0.id == failed })
            #expect(failedRow.attempts == 1 && failedRow.lastError == "timed out")
            #expect(failedRow.nextAttemptAt == now.addingTimeInterval(600))
            for id in Self.ours(fourth, ids) { #expect(try await outbox.markDelivered(id: id, claim: fourth.id, at: later)) }
            #expect(try await outbox.pending().filter { ids.contains($0.id) }.map(\.id) == [failed])
        }
    }

    /// Rounds claiming at the same moment (as instances polling together do) never share a
    /// message.
    @Test(arguments: StoreKind.all)
    func concurrentClaimsShareNothing(kind: StoreKind) async throws {
        try await Stores.withIsolated(kind) { (stores: Stores) async throws in
            let outbox = stores.outbox
            let messages = (0..<40).map { Self.message($0 - 20_000_000) }
            let ids = Set(messages.map(\.id))
            for message in messages { try await outbox.enqueue(message) }
            let now = Self.t0.addingTimeInterval(-19_999_000 * 60)
            let claims = try await withThrowingTaskGroup(of: OutboxClaim.self) { group in
                for _ in 0..<8 { group.addTask { try await outbox.claimDue(now: now, limit: 10, lease: 30) } }
                return try await group.reduce(into: [OutboxClaim]()) { $0.append($1) }
            }
            let all = claims.flatMap { Self.ours($0, ids) }
            #expect(all.count == Set(all).count, "no message in two claims")
            #expect(Set(all) == ids, "eight rounds of ten took all forty")
            // Nothing left due for a later `now` (the other test's).
            for claim in claims {
                for message in claim.messages { try await outbox.markDelivered(id: message.id, claim: claim.id, at: now) }
            }
        }
    }
}
