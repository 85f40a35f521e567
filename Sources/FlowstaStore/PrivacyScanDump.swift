import Foundation
import SQLKit

extension FlowstaDatabase {
    /// For privacy scans (the test suite's, an operator's audit): every row of every table as
    /// text, one line per row, blobs as hex, with the tables read. Reads everything: not for
    /// request paths.
    public func everyRowAsText() async throws -> (tables: Set<String>, text: String) {
        let sql = database as! any SQLDatabase
        struct Name: Decodable { var name: String }
        struct Line: Decodable { var line: String? }
        var tables: Set<String> = []
        var text = ""
        if engine == .sqlite {
            for table in try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all(decoding: Name.self).map(\.name) {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decoding: Name.self).map(\.name)
                let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || ' | ' || ")
                for line in try await sql.raw("SELECT \(unsafeRaw: row) AS line FROM \(ident: table)").all(decoding: Line.self) {
                    text += (line.line ?? "") + "\n"
                }
                tables.insert(table)
            }
        } else {
            let names = try await sql.raw("""
                SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                """).all(decoding: Name.self).map(\.name)
            for table in names {
                for line in try await sql.raw("SELECT t::text AS line FROM \(ident: table) t").all(decoding: Line.self) {
                    text += (line.line ?? "") + "\n"
                }
                tables.insert(table)
            }
        }
        return (tables, text)
    }
}
