import ArgumentParser
import FlowstaPrivacy
import FlowstaServer
import Foundation

/// `flowsta store copy`: the upgrade path from the embedded SQLite store to PostgreSQL.
struct Store: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move the data between stores.",
        subcommands: [Copy.self]
    )

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a SQLite store into an empty PostgreSQL database, then compare counts and a sample of rows.",
            discussion: """
                Stop the server using the SQLite file first. Both stores are migrated to this version's schema; \
                the copy is one transaction (nothing is left half-copied). Sealed data is copied as it is: run the \
                PostgreSQL deployment with the same KEK (the data directory's kek file, or FLOWSTA_KEK).
                """
        )

        @Option(help: "The SQLite store: sqlite:///path/flowsta.sqlite.")
        var from: String

        @Option(help: "The PostgreSQL database: postgres://user@host:port/db (default DATABASE_URL; a URL with a password only from the environment).")
        var to: String?

        func run() async throws {
            try ServerOptions.refusePassword(in: from, flag: "--from", variable: "DATABASE_URL")
            if let to { try ServerOptions.refusePassword(in: to, flag: "--to", variable: "DATABASE_URL") }
            guard from.hasPrefix("sqlite://") else { throw ValidationError("--from must be a sqlite:// URL") }
            // Opening a missing file would make an empty store and copy nothing.
            guard FileManager.default.fileExists(atPath: String(from.dropFirst("sqlite://".count))) else {
                throw ValidationError("--from: no SQLite store at \(from.dropFirst("sqlite://".count))")
            }
            guard let target = to ?? ProcessInfo.processInfo.environment["DATABASE_URL"],
                  target.hasPrefix("postgres://") || target.hasPrefix("postgresql://") else {
                throw ValidationError("--to (or DATABASE_URL) must be a postgres:// URL")
            }
            let sink = StandardOutputLogSink()
            defer { sink.flush() }
            let logger = FlowstaApplication.makeLogger(level: .warning, sink: sink)
            let report = try await FlowstaApplication.copyStore(from: from, to: target, logger: logger) { table, rows in
                print("copied \(table): \(rows) rows")
            }
            let rows = report.tables.reduce(0) { $0 + $1.rows }
            print("verified: \(report.tables.count) tables, \(rows) rows, counts equal; \(report.sampledRows) sampled rows equal value by value")
        }
    }
}
