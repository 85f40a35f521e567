import FlowstaAccounts
import FlowstaOAuth
import FlowstaUsage
import FlowstaPlatform
import FlowstaStore
import FlowstaTesting
import FlowstaMail
import Foundation
import SQLKit
import Logging
import Testing

/// The stores every repository contract test runs against.
enum StoreKind: String, CustomTestStringConvertible, Sendable {
    case memory, sqlite, postgres

    var testDescription: String { rawValue }

    /// In-memory and SQLite always; PostgreSQL when the test command started one
    /// (`FLOWSTA_TEST_POSTGRES_URL`), and always in CI, where a missing server is a failure.
    static var all: [StoreKind] {
        let environment = ProcessInfo.processInfo.environment
        let postgres = environment["FLOWSTA_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true"
        return postgres ? [.memory, .sqlite, .postgres] : [.memory, .sqlite]
    }
}

/// One set of repositories over one store.
struct Stores: Sendable {
    let users: any UserRepository
    let sessions: any SessionRepository
    let logins: any LoginStateRepository
    let secrets: any SecretRepository
    let platform: any PlatformStorage
    let oauth: any OAuthStorage
    let usage: any UsageRepository
    let apiLogs: any APILogRepository
    let mau: any MAURepository
    let keys: any KeyRepository
    let tokens: any AccountTokenRepository
    let vault: any VaultRepository
    let outbox: any OutboxRepository
    let database: FlowstaDatabase?

    /// Runs `body` on fresh stores of `kind`, then closes a per-test database.
    static func with(_ kind: StoreKind, _ body: (Stores) async throws -> Void) async throws {
        let stores = try await make(kind)
        do {
            try await body(stores)
        } catch {
            if kind == .sqlite { await stores.database?.shutdown() }
            throw error
        }
        if kind == .sqlite { await stores.database?.shutdown() }
    }

    /// Like ``with(_:_:)``, but on PostgreSQL a database of the test's own, for tests whose rows
    /// other tests must not see (mail outbox rows that are not sealed under any server's KEK).
    static func withIsolated(_ kind: StoreKind, _ body: (Stores) async throws -> Void) async throws {
        guard kind == .postgres else { return try await with(kind, body) }
        let database = try await PostgresFixture.shared.isolatedDatabase()
        do {
            try await body(fluent(database))
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    static func make(_ kind: StoreKind) async throws -> Stores {
        switch kind {
        case .memory:
            let sessions = InMemorySessionRepository()
            let logins = InMemoryLoginStateRepository()
            let users = InMemoryUserRepository(sessions: sessions, logins: logins)
            let vault = InMemoryVaultRepository()
            return Stores(
                users: users, sessions: sessions,
                logins: logins, secrets: InMemorySecretRepository(), platform: InMemoryPlatformStore(), oauth: InMemoryOAuthStore(),
                usage: InMemoryUsageRepository(), apiLogs: InMemoryAPILogRepository(), mau: InMemoryMAURepository(),
                keys: InMemoryKeyRepository(users: users, sessions: sessions, vault: vault), tokens: InMemoryAccountTokenRepository(),
                vault: vault, outbox: InMemoryOutboxRepository(), database: nil
            )
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("flowsta-store-\(UUID().uuidString).sqlite").path
            let database = try FlowstaDatabase(url: "sqlite://" + path, logger: Logger(label: "test"), connectionWait: .seconds(60))
            try await database.migrate()
            return fluent(database)
        case .postgres:
            return fluent(try await PostgresFixture.shared.database())
        }
    }

    static func fluent(_ database: FlowstaDatabase) -> Stores {
        Stores(
            users: FluentUserRepository(store: database), sessions: FluentSessionRepository(store: database),
            logins: FluentLoginStateRepository(store: database), secrets: FluentSecretRepository(store: database),
            platform: FluentPlatformRepository(store: database), oauth: FluentOAuthRepository(store: database),
            usage: FluentUsageRepository(store: database), apiLogs: FluentAPILogRepository(store: database),
            mau: FluentMAURepository(store: database), keys: FluentKeyRepository(store: database),
            tokens: FluentAccountTokenRepository(store: database), vault: FluentVaultRepository(store: database),
            outbox: FluentOutboxRepository(store: database), database: database
        )
    }
}

/// All platform storage ports in one value.
typealias PlatformStorage = OrganizationRepository & MembershipRepository & APIKeyRepository & AppRepository & AuditRepository & UserDirectory

/// All OAuth storage ports in one value.
typealias OAuthStorage = AuthorizationCodeRepository & RefreshTokenRepository & GrantRepository & ConsentRepository & SigningKeyRepository & OAuthRetentionRepository

/// One PostgreSQL connection pool for the test process, opened and migrated once (the task is
/// shared, so concurrent first callers wait for the same pool).
actor PostgresFixture {
    static let shared = PostgresFixture()
    private var opening: Task<FlowstaDatabase, any Error>?

    func database() async throws -> FlowstaDatabase {
        if let opening { return try await opening.value }
        let task = Task<FlowstaDatabase, any Error> {
            guard let url = ProcessInfo.processInfo.environment["FLOWSTA_TEST_POSTGRES_URL"] else {
                throw FixtureError.missingPostgres
            }
            let database = try FlowstaDatabase(url: url, logger: Logger(label: "test"), connectionWait: .seconds(60))
            try await database.migrate()
            return database
        }
        opening = task
        return try await task.value
    }

    /// A new, migrated database on the test server (dropped with the server at the end).
    func isolatedDatabase() async throws -> FlowstaDatabase {
        guard let url = ProcessInfo.processInfo.environment["FLOWSTA_TEST_POSTGRES_URL"], var components = URLComponents(string: url) else {
            throw FixtureError.missingPostgres
        }
        let name = "flowsta_iso_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await (database().database as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: name)").run()
        components.path = "/" + name
        let isolated = try FlowstaDatabase(url: components.string ?? url, logger: Logger(label: "test"), connectionWait: .seconds(60))
        do {
            try await isolated.migrate()
        } catch {
            await isolated.shutdown()
            throw error
        }
        return isolated
    }

    enum FixtureError: Error { case missingPostgres }
}
