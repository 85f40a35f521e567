import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Errors opening the store.
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    case unsupportedURL(String)
    /// The store was shut down (a late background job or readiness check).
    case closed

    public var description: String {
        switch self {
        case .unsupportedURL(let scheme): "DATABASE_URL must start with sqlite:// or postgres:// (got \(scheme)://...)"
        case .closed: "the database is shut down"
        }
    }
}

/// The database behind every repository: SQLite (embedded default) or PostgreSQL, one code path.
public final class FlowstaDatabase: Sendable {
    /// Which engine is in use.
    public enum Engine: String, Sendable { case sqlite, postgres }

    public let engine: Engine
    /// How to open a connection of one's own to the PostgreSQL server (``PostgresChangeFeed``).
    let postgresConfiguration: PostgresConnection.Configuration?
    /// The SQLite file, when the store is one.
    let sqlitePath: String?
    let databases: Databases
    /// The default database's configuration, for the handle answered after shutdown.
    let configuration: any DatabaseConfiguration
    let logger: Logger
    /// SQLite gets one connection on one event loop: a single writer never sees SQLITE_BUSY,
    /// and an in-memory database is the same database for every caller.
    let pinnedEventLoop: (any EventLoop)?
    /// A SQLite file also gets read connections, one per event loop, beside the writer: in WAL
    /// mode they read while it writes, so a background write (the metering flush, retention)
    /// never holds up a request that only reads. `nil`: reads share the writer's connection.
    let readerID: DatabaseID?
    /// The threads SQLite's blocking calls run on, the store's own: one for the writer, one per
    /// read connection and one for checkpoints, so a long write or checkpoint never holds up a
    /// read waiting for a thread (with NIO's shared pool of one thread per core it did).
    let threadPool: NIOThreadPool

    /// Opens `url`: `sqlite:///path/file.sqlite`, `sqlite://relative/file.sqlite`,
    /// `sqlite::memory:` or `postgres://user:pass@host:port/db`.
    /// - Parameter connectionWait: how long a unit of work waits for a connection before it
    ///   fails (`connectionRequestTimeout`). The server's 10 seconds is past any client's
    ///   patience; test processes that run hundreds of tests at once on two cores wait longer.
    public init(url: String, logger: Logger, connectionWait: TimeAmount = .seconds(10)) throws {
        var dbLogger = logger
        // SQL statements can carry bound values: the database logs warnings and errors only.
        dbLogger.logLevel = max(logger.logLevel, .warning)
        self.logger = dbLogger
        sqlitePath = url.hasPrefix("sqlite://") ? String(url.dropFirst("sqlite://".count)) : nil
        var postgresConfiguration: PostgresConnection.Configuration?
        let loops = MultiThreadedEventLoopGroup.singleton
        threadPool = NIOThreadPool(numberOfThreads: sqlitePath == nil ? 1 : loops.makeIterator().reduce(0) { count, _ in count + 1 } + 2)
        threadPool.start()
        self.databases = Databases(threadPool: threadPool, on: loops)
        if url == "sqlite::memory:" {
            engine = .sqlite
            databases.use(.sqlite(.memory, connectionPoolTimeout: connectionWait, sqlLogLevel: nil), as: .sqlite)
        } else if let sqlitePath {
            engine = .sqlite
            for id in [DatabaseID.sqlite, Self.sqliteReader, Self.sqliteCheckpointer] {
                databases.use(.sqlite(.file(sqlitePath), connectionPoolTimeout: connectionWait, sqlLogLevel: nil), as: id, isDefault: id == .sqlite)
            }
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            engine = .postgres
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = nil
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: connectionWait, sqlLogLevel: .trace), as: .psql)
            postgresConfiguration = configuration.coreConfiguration
        } else {
            throw StoreError.unsupportedURL(String(url.prefix(while: { $0 != ":" })))
        }
        self.postgresConfiguration = postgresConfiguration
        guard let configuration = databases.configuration() else { throw StoreError.unsupportedURL(String(url.prefix(while: { $0 != ":" }))) }
        self.configuration = configuration
        pinnedEventLoop = engine == .sqlite ? databases.eventLoopGroup.next() : nil
        readerID = sqlitePath == nil ? nil : Self.sqliteReader
    }

    private static let sqliteReader = DatabaseID(string: "sqlite-read")
    /// A connection of its own for checkpoints: one run on a read connection held up every read
    /// queued on it (readiness checks waited up to a quarter of a second after a write burst).
    private static let sqliteCheckpointer = DatabaseID(string: "sqlite-checkpoint")

    /// A database handle for one unit of work. After ``shutdown()`` (a background job still
    /// finishing at exit) every operation on it fails with ``StoreError/closed``.
    public var database: any Database {
        let eventLoop = pinnedEventLoop ?? databases.eventLoopGroup.any()
        return databases.database(logger: logger, on: eventLoop) ?? closed(on: eventLoop)
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// For single reads outside a transaction on request paths (a user, a session, a grant, an
    /// app): a read connection on a SQLite file, else the same database as ``database``. A read
    /// sees every write committed before it started.
    var reader: any SQLDatabase {
        guard let readerID else { return sql }
        let eventLoop = databases.eventLoopGroup.any()
        return (databases.database(readerID, logger: logger, on: eventLoop) ?? closed(on: eventLoop)) as! any SQLDatabase
    }

    private func closed(on eventLoop: any EventLoop) -> ClosedDatabase {
        ClosedDatabase(
            context: DatabaseContext(configuration: configuration, logger: logger, eventLoop: eventLoop),
            dialect: engine == .sqlite ? SQLiteDialect() : PostgresDialect()
        )
    }

    /// Applies pending migrations (idempotent). On PostgreSQL the migration runs on one
    /// connection holding an advisory lock, so instances starting together migrate one at a time.
    public func migrate() async throws {
        let migrations = Migrations()
        for migration in SchemaMigrations.all { migrations.add(migration) }
        switch engine {
        case .sqlite:
            try await runMigrator(Migrator(databases: databases, migrations: migrations, logger: logger, on: pinnedEventLoop!))
            // WAL lets readers proceed during writes; NORMAL sync is durable in WAL mode.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            try await sql.raw("PRAGMA synchronous=NORMAL").run()
            // Owner-only: SQLite gives its -wal and -shm files the database file's mode.
            if let sqlitePath {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: sqlitePath)
            }
        case .postgres:
            try await database.withConnection { connection in
                let sql = connection as! any SQLDatabase
                try await sql.raw("SELECT pg_advisory_lock(\(literal: Self.migrationLock))").run()
                do {
                    try await self.runMigrator(Migrator(databaseFactory: { _ in connection }, migrations: migrations, on: connection.eventLoop))
                } catch {
                    try? await sql.raw("SELECT pg_advisory_unlock(\(literal: Self.migrationLock))").run()
                    throw error
                }
                try await sql.raw("SELECT pg_advisory_unlock(\(literal: Self.migrationLock))").run()
            }
        }
    }

    private static let migrationLock = 0x666C_6F77  // "flow"

    private func runMigrator(_ migrator: Migrator) async throws {
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// Whether the store is a SQLite file with a write-ahead log, whose checkpoints the server
    /// can take off the writer (``takeOverCheckpoints()``).
    public var hasWriteAheadLog: Bool { readerID != nil }

    /// Stops the writer connection from checkpointing the write-ahead log when a commit crosses
    /// 1,000 pages: done there, the copy runs inside that commit, and every write queued behind
    /// it waited (tens of milliseconds at API-log volume). Whoever calls this must call
    /// ``checkpoint()`` regularly (the server runs it every second).
    public func takeOverCheckpoints() async throws {
        guard hasWriteAheadLog else { return }
        try await sql.raw("PRAGMA wal_autocheckpoint=0").run()
    }

    /// Copies the write-ahead log into the database without waiting for readers or the writer
    /// (`PASSIVE`), on a connection of its own.
    /// - Returns: the frames in the log and how many of them are now in the database
    ///   (`nil` without a write-ahead log).
    @discardableResult
    public func checkpoint() async throws -> (frames: Int, checkpointed: Int)? {
        guard hasWriteAheadLog else { return nil }
        struct Result: Decodable {
            var log: Int
            var checkpointed: Int
        }
        let result = try await open(Self.sqliteCheckpointer).raw("PRAGMA wal_checkpoint(PASSIVE)").first(decoding: Result.self)
        return result.map { ($0.log, $0.checkpointed) }
    }

    /// The writer's automatic checkpoint threshold in pages (0: off), for tests and operators.
    public func autoCheckpointPages() async throws -> Int? {
        struct Row: Decodable { var wal_autocheckpoint: Int }
        return try await sql.raw("PRAGMA wal_autocheckpoint").first(decoding: Row.self)?.wal_autocheckpoint
    }

    /// Checks the database answers (readiness). On a SQLite file it asks a read connection:
    /// a queue of writes is load, not unreadiness, and must not fail a load balancer's check.
    public func ping() async throws {
        try await open(readerID).raw("SELECT 1").run()
    }

    /// A connection of `id` (`nil`: the writer), or ``StoreError/closed`` once the store is shut
    /// down, for callers that may outlive it. Read connections are one per event loop; the
    /// writer and the checkpointer are one, on the pinned loop.
    func open(_ id: DatabaseID?) throws -> any SQLDatabase {
        let loop = id == readerID && id != nil ? databases.eventLoopGroup.any() : pinnedEventLoop ?? databases.eventLoopGroup.any()
        guard let database = databases.database(id, logger: logger, on: loop) as? any SQLDatabase else {
            throw StoreError.closed
        }
        return database
    }

    /// Closes every connection.
    public func shutdown() async {
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
    }
}

/// What ``FlowstaDatabase/database`` answers after shutdown: every operation fails with
/// ``StoreError/closed`` instead of trapping.
private struct ClosedDatabase: Database, SQLDatabase {
    let context: DatabaseContext
    let dialect: any SQLDialect
    var inTransaction: Bool { false }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var logger: Logger { context.logger }
    var eventLoop: any EventLoop { context.eventLoop }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFailedFuture(StoreError.closed)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { eventLoop.makeFailedFuture(StoreError.closed) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { eventLoop.makeFailedFuture(StoreError.closed) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        eventLoop.makeFailedFuture(StoreError.closed)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        eventLoop.makeFailedFuture(StoreError.closed)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFailedFuture(StoreError.closed)
    }
}
