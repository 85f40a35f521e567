import FlowstaAccounts
import Foundation
import Testing

/// The same contract for every store: in-memory, SQLite and PostgreSQL.
@Suite struct RepositoryContractTests {
    static func user(_ name: String, email: String? = nil) -> StoredUser {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        return StoredUser(
            id: UUID(), username: name, usernameNormalized: name.lowercased(), credentialIdentifier: name.lowercased(),
            displayName: "Name of \(name)", emailSealed: email.map { Array($0.utf8) }, emailIndex: email,
            agentPublicKey: [UInt8](repeating: 9, count: 32), opaqueRecord: (0..<192).map { UInt8($0) },
            createdAt: now, updatedAt: now
        )
    }

    static func unique(_ prefix: String) -> String { prefix + "_" + UUID().uuidString.prefix(8).lowercased() }

    @Test(arguments: StoreKind.all)
    func usersRoundTrip(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let user = Self.user(Self.unique("Round"), email: Self.unique("idx"))
            try await stores.users.create(user)
            #expect(try await stores.users.find(id: user.id) == user)
            #expect(try await stores.users.find(usernameNormalized: user.usernameNormalized) == user)
            #expect(try await stores.users.find(usernameNormalized: "missing_user_x") == nil)
        }
    }

    @Test(arguments: StoreKind.all)
    func uniquenessConflictsNameTheField(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let email = Self.unique("mail")
            let first = Self.user(Self.unique("First"), email: email)
            try await stores.users.create(first)

            var sameName = Self.user(first.username.uppercased())
            sameName.usernameNormalized = first.usernameNormalized
            await #expect(throws: RepositoryConflict.username) { try await stores.users.create(sameName) }
            await #expect(throws: RepositoryConflict.email) { try await stores.users.create(Self.user(Self.unique("Second"), email: email)) }
            // Nothing stored was changed by the refused writes.
            #expect(try await stores.users.find(id: first.id) == first)
        }
    }

    @Test(arguments: StoreKind.all)
    func updateReplacesTheRecord(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            var user = Self.user(Self.unique("Update"))
            try await stores.users.create(user)
            user.opaqueRecord = [UInt8](repeating: 0xaa, count: 192)
            user.displayName = nil
            user.emailSealed = [1, 2, 3]
            user.emailIndex = Self.unique("new")
            user.updatedAt = user.updatedAt.addingTimeInterval(10)
            try await stores.users.update(user)
            #expect(try await stores.users.find(id: user.id) == user)

            let other = Self.user(Self.unique("Other"))
            try await stores.users.create(other)
            var clash = other
            clash.usernameNormalized = user.usernameNormalized
            await #expect(throws: RepositoryConflict.username) { try await stores.users.update(clash) }
            #expect(try await stores.users.find(id: other.id) == other)
        }
    }

    @Test(arguments: StoreKind.all)
    func sessionsAndDeletion(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let user = Self.user(Self.unique("Sess"))
            try await stores.users.create(user)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let a = StoredSession(tokenHash: Self.unique("a"), userID: user.id, createdAt: now, expiresAt: now.addingTimeInterval(60))
            let b = StoredSession(tokenHash: Self.unique("b"), userID: user.id, createdAt: now, expiresAt: now.addingTimeInterval(60), methods: .passwordAndCode)
            try await stores.sessions.create(a)
            try await stores.sessions.create(b)
            #expect(try await stores.sessions.find(tokenHash: a.tokenHash) == a)
            #expect(try await stores.sessions.find(tokenHash: b.tokenHash)?.methods == .passwordAndCode, "how the user signed in is kept")

            try await stores.sessions.deleteAll(userID: user.id, keeping: a.tokenHash)
            #expect(try await stores.sessions.find(tokenHash: a.tokenHash) == a)
            #expect(try await stores.sessions.find(tokenHash: b.tokenHash) == nil)

            try await stores.logins.insert(PendingLogin(handleHash: Self.unique("h"), userID: user.id, sealedState: [1], expiresAt: now))
            try await stores.users.delete(id: user.id)
            #expect(try await stores.users.find(id: user.id) == nil)
            #expect(try await stores.sessions.find(tokenHash: a.tokenHash) == nil)
        }
    }

    @Test(arguments: StoreKind.all)
    func loginStatesAreConsumedExactlyOnce(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let user = Self.user(Self.unique("Login"))
            try await stores.users.create(user)
            let expires = Date(timeIntervalSince1970: 1_800_000_060)
            let known = PendingLogin(handleHash: Self.unique("k"), userID: user.id, sealedState: [UInt8](repeating: 5, count: 156), expiresAt: expires)
            let fake = PendingLogin(handleHash: Self.unique("f"), userID: nil, sealedState: [6, 7], expiresAt: expires)
            try await stores.logins.insert(known)
            try await stores.logins.insert(fake)

            let results = await withTaskGroup(of: PendingLogin?.self) { group in
                for _ in 0..<8 { group.addTask { try? await stores.logins.consume(handleHash: known.handleHash) } }
                return await group.reduce(into: [PendingLogin]()) { if let value = $1 { $0.append(value) } }
            }
            #expect(results == [known])
            #expect(try await stores.logins.consume(handleHash: fake.handleHash) == fake)
            #expect(try await stores.logins.consume(handleHash: fake.handleHash) == nil)
        }
    }

    @Test(arguments: StoreKind.all)
    func secretsKeepTheFirstValue(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let name = Self.unique("secret")
            #expect(try await stores.secrets.load(name: name) == nil)
            #expect(try await stores.secrets.insertIfAbsent(name: name, value: [1, 2, 3]) == [1, 2, 3])
            #expect(try await stores.secrets.insertIfAbsent(name: name, value: [4, 5]) == [1, 2, 3])
            #expect(try await stores.secrets.load(name: name) == [1, 2, 3])
        }
    }
}
