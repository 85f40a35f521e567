import FlowstaStore
import Foundation
import Logging
import SQLKit

/// The engines server tests run on: SQLite always, PostgreSQL when the test command started it
/// (and always under CI, where a missing server fails the test).
enum DatabaseChoice: String, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var all: [DatabaseChoice] {
        let environment = ProcessInfo.processInfo.environment
        return environment["FLOWSTA_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true" ? [.sqlite, .postgres] : [.sqlite]
    }

    var url: String? {
        switch self {
        case .sqlite: nil
        case .postgres: ProcessInfo.processInfo.environment["FLOWSTA_TEST_POSTGRES_URL"] ?? "postgres://missing@127.0.0.1:1/missing"
        }
    }

    /// A database of the test's own: SQLite is per test anyway; on PostgreSQL a new database on
    /// the test server, for tests whose jobs act on every row (billing's due work, purges).
    func isolatedURL() async throws -> String? {
        guard self == .postgres, let shared = url, var components = URLComponents(string: shared) else { return url }
        let name = "flowsta_iso_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let store = try FlowstaDatabase(url: shared, logger: Logger(label: "test"), connectionWait: .seconds(60))
        do {
            try await (store.database as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: name)").run()
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
        components.path = "/" + name
        return components.string
    }
}

import Testing
