import Foundation

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
}

import Testing
