@testable import FlowstaStore
import Foundation
import Logging
import Testing

/// Issue #18: on the SQLite file store the server, not the writer's commits, checkpoints the
/// write-ahead log.
@Suite struct CheckpointTests {
    @Test func afterTheTakeoverCommitsLeaveTheLogToCheckpoint() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flowsta-checkpoint-\(UUID().uuidString).sqlite").path
        let database = try FlowstaDatabase(url: "sqlite://" + path, logger: Logger(label: "test"))
        do {
            try await Self.checkpointing(database)
        } catch {
            Issue.record(error)
        }
        await database.shutdown()
        // A checkpoint or readiness check that outlives the store gets an error, not a crash.
        await #expect(throws: StoreError.self) { try await database.checkpoint() }
        await #expect(throws: StoreError.self) { try await database.ping() }
        // So does any repository's late query, read or transaction (a mail round finishing).
        await #expect(throws: StoreError.closed) { try await database.sql.raw("SELECT 1").run() }
        await #expect(throws: StoreError.closed) { try await database.reader.raw("SELECT 1").run() }
        await #expect(throws: StoreError.closed) { try await database.database.transaction { _ in } }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func checkpointing(_ database: FlowstaDatabase) async throws {
        try await database.migrate()
        #expect(database.hasWriteAheadLog)
        #expect(try await database.autoCheckpointPages() == 1_000, "SQLite's default before the takeover")
        try await database.takeOverCheckpoints()
        #expect(try await database.autoCheckpointPages() == 0)

        try await database.sql.raw("CREATE TABLE scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").run()
        try await database.sql.raw("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO scratch (id, body) SELECT i, printf('%0500d', i) FROM n
            """).run()
        let result = try #require(try await database.checkpoint())
        #expect(result.frames > 0, "the writes are in the log")
        #expect(result.checkpointed == result.frames, "no reader held a snapshot: everything was copied")
        struct Count: Decodable { var rows: Int }
        #expect(try await database.reader.raw("SELECT COUNT(*) AS rows FROM scratch").first(decoding: Count.self)?.rows == 2_000)
    }

    @Test func anInMemoryStoreHasNoLogToCheckpoint() async throws {
        let database = try FlowstaDatabase(url: "sqlite::memory:", logger: Logger(label: "test"))
        do {
            try await database.migrate()
            #expect(!database.hasWriteAheadLog)
            try await database.takeOverCheckpoints()
            #expect(try await database.checkpoint() == nil)
        } catch {
            Issue.record(error)
        }
        await database.shutdown()
    }
}
