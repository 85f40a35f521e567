import FlowstaAccounts
@testable import FlowstaStore
import FlowstaTesting
import Foundation
import Testing

/// ``DeviceKeyRepository`` on every store: an approval stores the key once, within the account's
/// limit, for one account only; enrolments answer once and expire.
@Suite struct DeviceKeyRepositoryContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_900_000_000)

    static func repository(_ stores: Stores) -> any DeviceKeyRepository {
        stores.database.map { FluentDeviceKeyRepository(store: $0) } ?? EphemeralDeviceKeyRepository()
    }

    static func enrolment(_ publicKey: [UInt8], expires: TimeInterval = 600) -> StoredDeviceKeyEnrolment {
        StoredDeviceKeyEnrolment(
            id: UUID(), userCodeHash: UUID().uuidString, pollSecretHash: UUID().uuidString, name: "Laptop", publicKey: publicKey, status: .pending,
            expiresAt: t0.addingTimeInterval(expires), createdAt: t0
        )
    }

    static func key(_ user: UUID, _ publicKey: [UInt8]) -> StoredDeviceKey {
        StoredDeviceKey(id: UUID(), userID: user, name: "Laptop", publicKey: publicKey, did: "did:key:z" + UUID().uuidString, createdAt: t0)
    }

    @Test(arguments: StoreKind.all)
    func approvalsStoreAKeyOnceWithinTheLimit(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let repository = Self.repository(stores)
            let alice = try await PlatformRepositoryContractTests.user(stores, "dk-a")
            let bob = try await PlatformRepositoryContractTests.user(stores, "dk-b")
            let publicKey = Array(UUID().uuidString.utf8.prefix(32))
            let first = Self.enrolment(publicKey)
            #expect(try await repository.insertEnrolment(first))
            var clash = Self.enrolment(publicKey)
            clash.userCodeHash = first.userCodeHash
            #expect(try await repository.insertEnrolment(clash) == false, "a code's hash is unique")
            #expect(try await repository.enrolment(userCodeHash: first.userCodeHash) == first)

            let key = Self.key(alice, publicKey)
            #expect(try await repository.approve(enrolmentID: first.id, key: key, limit: 2, now: Self.t0))
            #expect(try await repository.enrolment(id: first.id)?.status == .approved)
            #expect(try await repository.enrolment(id: first.id)?.deviceKeyID == key.id)
            #expect(try await repository.approve(enrolmentID: first.id, key: Self.key(alice, [9]), limit: 2, now: Self.t0) == false, "answered once")
            #expect(try await repository.keys(userID: alice) == [key])

            // The same public key for another account: refused, and the enrolment stays pending.
            let again = Self.enrolment(publicKey)
            #expect(try await repository.insertEnrolment(again))
            #expect(try await repository.approve(enrolmentID: again.id, key: Self.key(bob, publicKey), limit: 2, now: Self.t0) == false)
            #expect(try await repository.enrolment(id: again.id)?.status == .pending)
            #expect(try await repository.keys(userID: bob).isEmpty)

            // The limit: a second key fits, a third does not.
            let second = Self.enrolment(Array(UUID().uuidString.utf8.prefix(32)))
            let third = Self.enrolment(Array(UUID().uuidString.utf8.prefix(32)))
            for enrolment in [second, third] { #expect(try await repository.insertEnrolment(enrolment)) }
            #expect(try await repository.approve(enrolmentID: second.id, key: Self.key(alice, second.publicKey), limit: 2, now: Self.t0))
            #expect(try await repository.approve(enrolmentID: third.id, key: Self.key(alice, third.publicKey), limit: 2, now: Self.t0) == false)

            try await repository.markUsed(id: key.id, at: Self.t0.addingTimeInterval(5))
            #expect(try await repository.key(id: key.id)?.lastUsedAt == Self.t0.addingTimeInterval(5))
            #expect(try await repository.remove(id: key.id, userID: bob) == false, "another user's key")
            #expect(try await repository.remove(id: key.id, userID: alice))
            #expect(try await repository.key(id: key.id) == nil)

            // Denied once; expired ones cannot be answered and are purged.
            #expect(try await repository.deny(enrolmentID: third.id, now: Self.t0))
            #expect(try await repository.deny(enrolmentID: third.id, now: Self.t0) == false)
            let late = Self.enrolment([7, 7], expires: 10)
            #expect(try await repository.insertEnrolment(late))
            #expect(try await repository.deny(enrolmentID: late.id, now: Self.t0.addingTimeInterval(11)) == false)
            // At least this one (tests running beside this one on the shared database may have
            // expired enrolments of their own); the live one stays.
            #expect(try await repository.purgeEnrolments(expiredBefore: Self.t0.addingTimeInterval(11)) >= 1)
            #expect(try await repository.enrolment(id: late.id) == nil)
            #expect(try await repository.enrolment(id: third.id) != nil, "not expired: kept")
        }
    }
}
