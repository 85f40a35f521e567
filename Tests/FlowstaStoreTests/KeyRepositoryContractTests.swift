import FlowstaAccounts
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Testing

/// Issue #16: envelopes and the credential changes that commit with them, and single-use account
/// tokens — the same behaviour in memory, on SQLite and on PostgreSQL.
@Suite struct KeyRepositoryContractTests {
    static func user(_ stores: Stores, name: String = "u\(UUID().uuidString.prefix(8).lowercased())") async throws -> StoredUser {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let user = StoredUser(
            id: UUID(), username: name, usernameNormalized: name, credentialIdentifier: name, displayName: nil, emailSealed: nil,
            emailIndex: nil, agentPublicKey: nil, opaqueRecord: [1, 2, 3], createdAt: now, updatedAt: now
        )
        try await stores.users.create(user)
        return user
    }

    static func envelope(_ byte: UInt8) -> [UInt8] { [1] + [UInt8](repeating: byte, count: 60) }

    @Test(arguments: StoreKind.all)
    func setUpOnceAndReplaceTheRecoveryLock(_ kind: StoreKind) async throws {
        try await Stores.with(kind) { stores in
            let user = try await Self.user(stores)
            let now = Date()
            #expect(try await stores.keys.keys(userID: user.id) == UserKeys())
            let recovery = RecoveryLock(opaqueRecord: [9, 9], credentialIdentifier: "recovery:\(user.id)", envelope: Self.envelope(3))
            let keys = UserKeys(envelopes: [.password: Self.envelope(1), .legacyVault: Self.envelope(2)], recovery: recovery)
            #expect(try await stores.keys.setUp(userID: user.id, keys: keys, now: now))
            #expect(try await stores.keys.keys(userID: user.id) == keys)
            #expect(try await stores.keys.keys(userID: user.id).kinds == [.password, .recovery, .legacyVault])
            #expect(try await stores.keys.setUp(userID: user.id, keys: UserKeys(envelopes: [.password: Self.envelope(7)]), now: now) == false)
            #expect(try await stores.keys.keys(userID: user.id) == keys, "a refused setup changes nothing")
            #expect(try await stores.keys.setUp(userID: UUID(), keys: keys, now: now) == false, "no such user")

            let replaced = RecoveryLock(opaqueRecord: [8], credentialIdentifier: recovery.credentialIdentifier, envelope: Self.envelope(4))
            #expect(try await stores.keys.replaceRecovery(userID: user.id, lock: replaced, now: now))
            #expect(try await stores.keys.keys(userID: user.id).recovery == replaced)
            let other = try await Self.user(stores)
            #expect(try await stores.keys.replaceRecovery(userID: other.id, lock: replaced, now: now) == false, "no root key")
            #expect(try await stores.keys.keys(userID: other.id).recovery == nil)
        }
    }

    @Test(arguments: StoreKind.all)
    func passwordChangeCommitsRecordEnvelopeAndSessionsTogether(_ kind: StoreKind) async throws {
        try await Stores.with(kind) { stores in
            var user = try await Self.user(stores)
            let now = Date()
            for token in ["keep", "drop1", "drop2"] {
                try await stores.sessions.create(StoredSession(tokenHash: token + user.id.uuidString, userID: user.id, createdAt: now, expiresAt: now.addingTimeInterval(60)))
            }
            // No root key yet: a change without an envelope is allowed.
            user.opaqueRecord = [4, 5, 6]
            try await stores.keys.changePassword(user, envelope: nil, keepingSession: "keep" + user.id.uuidString, now: now)
            #expect(try await stores.users.find(id: user.id)?.opaqueRecord == [4, 5, 6])
            #expect(try await stores.sessions.list(userID: user.id, limit: 10).map(\.tokenHash) == ["keep" + user.id.uuidString])

            #expect(try await stores.keys.setUp(userID: user.id, keys: UserKeys(envelopes: [.password: Self.envelope(1)]), now: now))
            var refused = user
            refused.opaqueRecord = [7]
            await #expect(throws: RepositoryConflict.rootKey) {
                try await stores.keys.changePassword(refused, envelope: nil, keepingSession: nil, now: now)
            }
            #expect(try await stores.users.find(id: user.id)?.opaqueRecord == [4, 5, 6], "nothing committed")
            #expect(try await stores.sessions.list(userID: user.id, limit: 10).count == 1)

            refused.credentialIdentifier = "renamed"
            try await stores.keys.changePassword(refused, envelope: Self.envelope(5), keepingSession: nil, now: now)
            let stored = try #require(try await stores.users.find(id: user.id))
            #expect(stored.opaqueRecord == [7] && stored.credentialIdentifier == "renamed")
            #expect(try await stores.keys.keys(userID: user.id).envelopes[.password] == Self.envelope(5))
            #expect(try await stores.sessions.list(userID: user.id, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreKind.all)
    func resetReplacesEveryEnvelopeAndEmptiesTheVault(_ kind: StoreKind) async throws {
        try await Stores.with(kind) { stores in
            var user = try await Self.user(stores)
            let other = try await Self.user(stores)
            let now = Date()
            let quota = VaultQuota(maxEntries: 10, maxBytes: 10_000)
            _ = try await stores.vault.put(VaultEntry(id: UUID(), kind: "signin", ciphertext: [2] + [UInt8](repeating: 1, count: 40)), userID: user.id, quota: quota)
            _ = try await stores.vault.put(VaultEntry(id: UUID(), kind: "signin", ciphertext: [2] + [UInt8](repeating: 1, count: 40)), userID: other.id, quota: quota)
            let lock = RecoveryLock(opaqueRecord: [1], credentialIdentifier: "recovery:x", envelope: Self.envelope(3))
            #expect(try await stores.keys.setUp(userID: user.id, keys: UserKeys(envelopes: [.password: Self.envelope(1), .legacyVault: Self.envelope(2)], recovery: lock), now: now))
            try await stores.sessions.create(StoredSession(tokenHash: "s" + user.id.uuidString, userID: user.id, createdAt: now, expiresAt: now.addingTimeInterval(60)))

            user.opaqueRecord = [42]
            let fresh = UserKeys(envelopes: [.password: Self.envelope(9)])
            try await stores.keys.reset(user, keys: fresh, now: now)
            #expect(try await stores.keys.keys(userID: user.id) == fresh)
            #expect(try await stores.users.find(id: user.id)?.opaqueRecord == [42])
            #expect(try await stores.vault.entries(userID: user.id, kind: nil, after: nil, limit: 10).isEmpty)
            #expect(try await stores.vault.entries(userID: other.id, kind: nil, after: nil, limit: 10).count == 1)
            #expect(try await stores.sessions.list(userID: user.id, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreKind.all)
    func tokensAreSingleUseCountedAndExpire(_ kind: StoreKind) async throws {
        try await Stores.with(kind) { stores in
            let user = try await Self.user(stores)
            let now = Date(timeIntervalSince1970: 1_780_000_000)
            let hash = "h" + UUID().uuidString
            let token = AccountToken(tokenHash: hash, userID: user.id, purpose: .reset, binding: "index", createdAt: now, expiresAt: now.addingTimeInterval(1800))
            try await stores.tokens.insert(token)
            try await stores.tokens.insert(AccountToken(tokenHash: "v" + hash, userID: user.id, purpose: .emailVerification, binding: "i", createdAt: now, expiresAt: now.addingTimeInterval(60)))
            #expect(try await stores.tokens.find(tokenHash: hash, purpose: .recovery) == nil, "another purpose")
            #expect(try await stores.tokens.find(tokenHash: hash, purpose: .reset) == token)
            #expect(try await stores.tokens.count(userID: user.id, purpose: .reset, since: now.addingTimeInterval(-1)) == 1)
            #expect(try await stores.tokens.count(userID: user.id, purpose: .reset, since: now) == 0)
            #expect(try await stores.tokens.consume(tokenHash: hash, purpose: .emailVerification) == nil)
            #expect(try await stores.tokens.consume(tokenHash: hash, purpose: .reset) == token)
            #expect(try await stores.tokens.consume(tokenHash: hash, purpose: .reset) == nil, "single use")
            // Kept a day past expiry (the daily limits count them), then deleted.
            #expect(try await stores.tokens.deleteExpired(now: now.addingTimeInterval(3600)) == 0)
            #expect(try await stores.tokens.deleteExpired(now: now.addingTimeInterval(60 + AccountTokenRetention.afterExpiry)) == 1)
            try await stores.tokens.insert(AccountToken(tokenHash: "w" + hash, userID: user.id, purpose: .emailVerification, binding: "i", createdAt: now, expiresAt: now.addingTimeInterval(60)))
            try await stores.tokens.deleteAll(userID: user.id, purpose: .emailVerification)
            #expect(try await stores.tokens.find(tokenHash: "w" + hash, purpose: .emailVerification) == nil)
        }
    }

    @Test(arguments: StoreKind.all)
    func sessionsAreListedNewestFirst(_ kind: StoreKind) async throws {
        try await Stores.with(kind) { stores in
            let user = try await Self.user(stores)
            let base = Date(timeIntervalSince1970: 1_780_000_000)
            for index in 0..<5 {
                let at = base.addingTimeInterval(Double(index) * 60)
                try await stores.sessions.create(StoredSession(tokenHash: "t\(index)" + user.id.uuidString, userID: user.id, createdAt: at, expiresAt: at.addingTimeInterval(3600)))
            }
            let listed = try await stores.sessions.list(userID: user.id, limit: 3)
            #expect(listed.map(\.tokenHash) == ["t4", "t3", "t2"].map { $0 + user.id.uuidString })
        }
    }
}
