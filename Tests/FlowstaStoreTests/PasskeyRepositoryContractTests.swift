import FlowstaAccounts
import FlowstaStore
import FlowstaTesting
import Foundation
import Testing

/// ``PasskeyRepository`` on every store: a credential id is registered once (to anyone), the
/// counter moves by compare-and-set, a user manages only their own passkeys, and passkeys go
/// with the account.
@Suite struct PasskeyRepositoryContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_900_000_000)

    static func repository(_ stores: Stores) -> any PasskeyRepository {
        stores.database.map { FluentPasskeyRepository(store: $0) } ?? InMemoryPasskeyRepository()
    }

    static func passkey(_ user: UUID, _ credential: [UInt8], at: Date = t0) -> StoredPasskey {
        StoredPasskey(
            id: UUID(), userID: user, credentialID: credential, publicKey: [0xA5, 1, 2], algorithm: -7, signCount: 0, name: "Laptop",
            backupEligible: true, rootKeyEnvelope: [1] + [UInt8](repeating: 7, count: 60), createdAt: at
        )
    }

    @Test(arguments: StoreKind.all)
    func passkeysAreRegisteredOnceAndManagedByTheirUser(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let repository = Self.repository(stores)
            let alice = try await PlatformRepositoryContractTests.user(stores, "pk-a")
            let bob = try await PlatformRepositoryContractTests.user(stores, "pk-b")
            let credential = Array(UUID().uuidString.utf8) + [0, 255]
            let first = Self.passkey(alice, credential)
            #expect(try await repository.insert(first))
            #expect(try await repository.insert(Self.passkey(bob, credential)) == false, "a credential id belongs to one account")
            #expect(try await repository.passkey(credentialID: credential) == first)
            #expect(try await repository.passkey(credentialID: credential + [1]) == nil)
            let second = Self.passkey(alice, Array(UUID().uuidString.utf8), at: Self.t0.addingTimeInterval(5))
            #expect(try await repository.insert(second))
            #expect(try await repository.passkeys(userID: alice).map(\.id) == [first.id, second.id])
            #expect(try await repository.passkeys(userID: bob).isEmpty)

            #expect(try await repository.rename(id: first.id, userID: bob, to: "mine") == false)
            #expect(try await repository.rename(id: first.id, userID: alice, to: "Work laptop"))
            #expect(try await repository.passkey(credentialID: credential)?.name == "Work laptop")
            #expect(try await repository.delete(id: second.id, userID: bob) == false)
            #expect(try await repository.delete(id: second.id, userID: alice))
            #expect(try await repository.delete(id: second.id, userID: alice) == false)
        }
    }

    /// Deleting the account deletes its passkeys (the stores' account deletion; the in-memory
    /// stores are separate actors).
    @Test(arguments: StoreKind.all.filter { $0 != .memory })
    func passkeysGoWithTheAccount(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let repository = Self.repository(stores)
            let user = try await PlatformRepositoryContractTests.user(stores, "pk-gone")
            let credential = Array(UUID().uuidString.utf8)
            #expect(try await repository.insert(Self.passkey(user, credential)))
            try await stores.users.delete(id: user)
            #expect(try await repository.passkey(credentialID: credential) == nil)
        }
    }

    /// An envelope is added once, by its user, and never replaced.
    @Test(arguments: StoreKind.all)
    func aPasskeyGetsItsEnvelopeOnce(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let repository = Self.repository(stores)
            let user = try await PlatformRepositoryContractTests.user(stores, "pk-env")
            let other = try await PlatformRepositoryContractTests.user(stores, "pk-env-b")
            var passkey = Self.passkey(user, Array(UUID().uuidString.utf8))
            passkey.rootKeyEnvelope = nil
            #expect(try await repository.insert(passkey))
            let envelope = [1] + [UInt8](repeating: 9, count: 60)
            #expect(try await repository.setRootKeyEnvelope(id: passkey.id, userID: other, envelope: envelope) == false)
            #expect(try await repository.setRootKeyEnvelope(id: passkey.id, userID: user, envelope: envelope))
            #expect(try await repository.setRootKeyEnvelope(id: passkey.id, userID: user, envelope: [1] + [UInt8](repeating: 3, count: 60)) == false)
            #expect(try await repository.passkeys(userID: user).first?.rootKeyEnvelope == envelope)
            #expect(try await repository.setRootKeyEnvelope(id: UUID(), userID: user, envelope: envelope) == false)
        }
    }

    /// A reset makes a new root key: the passkeys stay, their envelopes (of the old root key) go,
    /// another user's stay (the stores' reset; the in-memory stores are separate actors).
    @Test(arguments: StoreKind.all.filter { $0 != .memory })
    func aResetDropsThePasskeysEnvelopes(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let repository = Self.repository(stores)
            let userID = try await PlatformRepositoryContractTests.user(stores, "pk-reset")
            let otherID = try await PlatformRepositoryContractTests.user(stores, "pk-reset-b")
            let mine = Self.passkey(userID, Array(UUID().uuidString.utf8))
            let theirs = Self.passkey(otherID, Array(UUID().uuidString.utf8))
            #expect(try await repository.insert(mine))
            #expect(try await repository.insert(theirs))
            guard var user = try await stores.users.find(id: userID) else { Issue.record("no user"); return }
            user.opaqueRecord = [42]
            try await stores.keys.reset(user, keys: UserKeys(envelopes: [.password: [1] + [UInt8](repeating: 5, count: 60)]), now: Self.t0)
            let after = try await repository.passkeys(userID: userID)
            #expect(after.map(\.id) == [mine.id])
            #expect(after.first?.rootKeyEnvelope == nil)
            #expect(try await repository.passkeys(userID: otherID).first?.rootKeyEnvelope == theirs.rootKeyEnvelope)
        }
    }

    @Test(arguments: StoreKind.all)
    func concurrentAssertionsMoveTheCounterOnce(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let repository = Self.repository(stores)
            let user = try await PlatformRepositoryContractTests.user(stores, "pk-race")
            let passkey = Self.passkey(user, Array(UUID().uuidString.utf8))
            #expect(try await repository.insert(passkey))
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { try await repository.updateSignCount(id: passkey.id, from: 0, to: 1) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            #expect(try await repository.updateSignCount(id: passkey.id, from: 1, to: UInt32.max))
            #expect(try await repository.passkeys(userID: user).first?.signCount == UInt32.max)
        }
    }
}
