import FluentKit
import Foundation
import SQLKit

/// `flowsta store copy` (issue #19): moves an embedded SQLite deployment to PostgreSQL. Every
/// table is copied row by row as it is stored — sealed values stay sealed under the same KEK,
/// keyed hashes stay valid — in one PostgreSQL transaction (all or nothing), tables ordered so
/// each row's references exist before it; then the counts of every table and a sample of rows
/// are compared value by value.
public enum StoreCopy {
    /// What a copy did.
    public struct Report: Sendable, Equatable {
        /// Each table and how many rows it holds on both sides, in the order they were copied.
        public var tables: [Table]
        /// How many rows were compared value by value.
        public var sampledRows: Int

        public struct Table: Sendable, Equatable {
            public var name: String
            public var rows: Int
        }
    }

    public enum CopyError: Error, CustomStringConvertible, Equatable {
        case wrongEngines
        case targetNotEmpty(table: String)
        case schemaMismatch(String)
        case countMismatch(table: String, source: Int, target: Int)
        case sampleMismatch(table: String, column: String)

        public var description: String {
            switch self {
            case .wrongEngines: "store copy goes from a SQLite store (--from sqlite://…) to a PostgreSQL one (--to postgres://…)"
            case .targetNotEmpty(let table): "the PostgreSQL database already holds data (table \(table)); copy into an empty database"
            case .schemaMismatch(let detail): "the two stores' schemas differ: \(detail)"
            case .countMismatch(let table, let source, let target): "table \(table): \(source) rows in SQLite but \(target) in PostgreSQL"
            case .sampleMismatch(let table, let column): "table \(table): a sampled row differs in column \(column)"
            }
        }
    }

    /// Rows per insert (each bound value counts against PostgreSQL's 65,535 parameters).
    public static let batchSize = 500
    /// Rows per table compared value by value after the copy.
    public static let sampleSize = 50
    static let migrationsTable = "_fluent_migrations"

    /// Migrates both stores to this version's schema (as `flowsta migrate` would), checks the
    /// target is empty, copies and verifies.
    /// - Parameter progress: told each table and its row count once it is copied.
    public static func copy(
        from source: FlowstaDatabase, to target: FlowstaDatabase, progress: @escaping @Sendable (Report.Table) -> Void = { _ in }
    ) async throws -> Report {
        guard source.engine == .sqlite, target.engine == .postgres else { throw CopyError.wrongEngines }
        try await source.migrate()
        try await target.migrate()
        let from = try source.open(nil)
        let to = try target.open(nil)
        let schema = try await TargetSchema.read(to)
        try await checkSameSchema(source: from, schema)
        for table in schema.order {
            if try await to.raw("SELECT 1 FROM \(ident: table) LIMIT 1").first() != nil { throw CopyError.targetNotEmpty(table: table) }
        }
        let copied = try await target.database.transaction { database in
            guard let into = database as? any SQLDatabase else { throw CopyError.wrongEngines }
            var tables: [Report.Table] = []
            for table in schema.order {
                let rows = try await copyTable(
                    table, columns: schema.columns[table] ?? [], key: schema.primaryKeys[table] ?? [], from: from, to: into
                )
                tables.append(.init(name: table, rows: rows))
                progress(.init(name: table, rows: rows))
            }
            return tables
        }
        var report = Report(tables: copied, sampledRows: 0)
        for table in report.tables {
            let count = try await Self.count(table.name, in: to)
            guard count == table.rows, try await Self.count(table.name, in: from) == count else {
                throw CopyError.countMismatch(table: table.name, source: try await Self.count(table.name, in: from), target: count)
            }
            report.sampledRows += try await compareSample(
                table.name, columns: schema.columns[table.name] ?? [], key: schema.primaryKeys[table.name] ?? [], from: from, to: to
            )
        }
        return report
    }

    // MARK: - Schema

    /// A column and the PostgreSQL type its values are read and written as.
    struct Column: Sendable {
        var name: String
        var type: String
    }

    /// The PostgreSQL schema the copy fills: tables in an order where each table comes after
    /// the tables it references, their columns and primary keys.
    struct TargetSchema {
        var order: [String]
        var columns: [String: [Column]]
        var primaryKeys: [String: [String]]

        static func read(_ sql: any SQLDatabase) async throws -> TargetSchema {
            struct ColumnRow: Decodable {
                var table_name: String
                var column_name: String
                var udt_name: String
            }
            struct Reference: Decodable {
                var child: String
                var parent: String
            }
            struct KeyRow: Decodable {
                var table_name: String
                var column_name: String
            }
            let columnRows = try await sql.raw("""
                SELECT table_name::text, column_name::text, udt_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
                """).all(decoding: ColumnRow.self)
            var columns: [String: [Column]] = [:]
            for row in columnRows where row.table_name != migrationsTable {
                columns[row.table_name, default: []].append(Column(name: row.column_name, type: row.udt_name))
            }
            let references = try await sql.raw("""
                SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint
                WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
                """).all(decoding: Reference.self)
            let keys = try await sql.raw("""
                SELECT c.relname::text AS table_name, a.attname::text AS column_name FROM pg_index i
                JOIN pg_class c ON c.oid = i.indrelid JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace ORDER BY c.relname, a.attnum
                """).all(decoding: KeyRow.self)
            var primaryKeys: [String: [String]] = [:]
            for key in keys { primaryKeys[key.table_name, default: []].append(key.column_name) }
            return TargetSchema(
                order: try StoreCopy.dependencyOrder(tables: columns.keys.sorted(), references: references.map { ($0.child, $0.parent) }),
                columns: columns, primaryKeys: primaryKeys
            )
        }
    }

    /// Tables ordered so every table follows the tables it references (Kahn's algorithm,
    /// ties by name so runs are alike).
    package static func dependencyOrder(tables: [String], references: [(child: String, parent: String)]) throws -> [String] {
        var parents: [String: Set<String>] = [:]
        for (child, parent) in references where child != parent { parents[child, default: []].insert(parent) }
        var order: [String] = []
        var remaining = Set(tables)
        while !remaining.isEmpty {
            let ready = remaining.filter { (parents[$0] ?? []).isDisjoint(with: remaining) }.sorted()
            guard !ready.isEmpty else { throw CopyError.schemaMismatch("tables reference each other in a cycle: \(remaining.sorted())") }
            order += ready
            remaining.subtract(ready)
        }
        return order
    }

    /// The SQLite store must hold the same tables and columns (both were migrated by this
    /// version; a store written by a newer one differs).
    static func checkSameSchema(source: any SQLDatabase, _ schema: TargetSchema) async throws {
        struct Name: Decodable { var name: String }
        let tables = try await source.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .all(decoding: Name.self).map(\.name).filter { $0 != migrationsTable }
        guard Set(tables) == Set(schema.order) else {
            let only = Set(tables).symmetricDifference(schema.order).sorted()
            throw CopyError.schemaMismatch("tables only on one side: \(only)")
        }
        for table in tables {
            let names = try await source.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decoding: Name.self).map(\.name)
            guard Set(names) == Set((schema.columns[table] ?? []).map(\.name)) else {
                throw CopyError.schemaMismatch("table \(table) has other columns")
            }
        }
    }

    // MARK: - Rows

    /// One stored value, read as the PostgreSQL column's type.
    enum Value: Equatable {
        case null
        case text(String)
        case integer(Int64)
        case boolean(Bool)
        case double(Double)
        case bytes(Data)
        case uuid(UUID)
        case date(Date)

        static func read(_ row: any SQLRow, _ column: Column) throws -> Value {
            if try row.decodeNil(column: column.name) { return .null }
            switch column.type {
            case "text", "varchar": return .text(try row.decode(column: column.name, as: String.self))
            case "int8", "int4", "int2": return .integer(try row.decode(column: column.name, as: Int64.self))
            case "bool": return .boolean(try row.decode(column: column.name, as: Bool.self))
            case "float8", "float4": return .double(try row.decode(column: column.name, as: Double.self))
            case "bytea": return .bytes(try row.decode(column: column.name, as: Data.self))
            case "uuid": return .uuid(try row.decode(column: column.name, as: UUID.self))
            case "timestamptz", "timestamp": return .date(try row.decode(column: column.name, as: Date.self))
            default: throw CopyError.schemaMismatch("column \(column.name) has type \(column.type), which the copy does not know")
            }
        }

        var expression: any SQLExpression {
            switch self {
            case .null: SQLLiteral.null
            case .text(let value): SQLBind(value)
            case .integer(let value): SQLBind(value)
            case .boolean(let value): SQLBind(value)
            case .double(let value): SQLBind(value)
            case .bytes(let value): SQLBind(value)
            case .uuid(let value): SQLBind(value)
            case .date(let value): SQLBind(value)
            }
        }

        /// The same stored value: PostgreSQL keeps instants to the microsecond, SQLite as a
        /// double, so instants may differ by that rounding.
        func matches(_ other: Value) -> Bool {
            if case .date(let mine) = self, case .date(let theirs) = other {
                return abs(mine.timeIntervalSince(theirs)) < 0.000_002
            }
            return self == other
        }
    }

    /// Copies `table` in batches, paging by `rowid` or, for a table `WITHOUT ROWID`, by its
    /// primary key as stored: SQLite's `quote()` gives each key value back as an SQL literal of
    /// its storage class, so the next page starts exactly after the last row (a decoded value
    /// bound back might be stored otherwise: a UUID kept as text would come back as a blob).
    static func copyTable(_ table: String, columns: [Column], key: [String], from source: any SQLDatabase, to target: any SQLDatabase) async throws -> Int {
        struct Definition: Decodable { var sql: String? }
        let definition = try await source.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = \(bind: table)")
            .first(decoding: Definition.self)?.sql ?? ""
        let withoutRowID = definition.uppercased().contains("WITHOUT ROWID")
        if withoutRowID, key.isEmpty { throw CopyError.schemaMismatch("table \(table) has no primary key") }
        let perBatch = max(1, min(batchSize, 60_000 / max(columns.count, 1)))
        let keyList = SQLList(key.map { SQLIdentifier($0) })
        let quotedKeys = SQLList(key.enumerated().map { index, name in
            SQLAlias(SQLFunction("quote", args: SQLIdentifier(name)), as: SQLIdentifier("flowsta_key_\(index)"))
        })
        var lastRowID: Int64 = .min
        var lastKey: [String] = []
        var copied = 0
        while true {
            let rows: [any SQLRow]
            if !withoutRowID {
                rows = try await source.raw("""
                    SELECT rowid AS flowsta_rowid, * FROM \(ident: table) WHERE rowid > \(bind: lastRowID) ORDER BY rowid LIMIT \(literal: perBatch)
                    """).all()
            } else if lastKey.isEmpty {
                rows = try await source.raw("""
                    SELECT \(quotedKeys), * FROM \(ident: table) ORDER BY \(keyList) LIMIT \(literal: perBatch)
                    """).all()
            } else {
                // The literals come from SQLite's quote() of this table's own values.
                let after = SQLRaw("(" + lastKey.joined(separator: ", ") + ")")
                rows = try await source.raw("""
                    SELECT \(quotedKeys), * FROM \(ident: table) WHERE (\(keyList)) > \(after) ORDER BY \(keyList) LIMIT \(literal: perBatch)
                    """).all()
            }
            guard let lastRow = rows.last else { return copied }
            var insert = target.insert(into: table).columns(columns.map(\.name))
            for row in rows {
                insert = insert.values(try columns.map { try Value.read(row, $0).expression })
            }
            try await insert.run()
            copied += rows.count
            if withoutRowID {
                lastKey = try key.indices.map { try lastRow.decode(column: "flowsta_key_\($0)", as: String.self) }
            } else {
                lastRowID = try lastRow.decode(column: "flowsta_rowid", as: Int64.self)
            }
            if rows.count < perBatch { return copied }
        }
    }

    static func count(_ table: String, in sql: any SQLDatabase) async throws -> Int {
        struct Count: Decodable { var count: Int }
        return try await sql.raw("SELECT COUNT(*) AS count FROM \(ident: table)").first(decoding: Count.self)?.count ?? 0
    }

    /// Compares up to ``sampleSize`` random rows of `table` with the row of the same primary key
    /// (every column, for a table without one) in the target.
    /// - Returns: how many were compared.
    static func compareSample(_ table: String, columns: [Column], key: [String], from source: any SQLDatabase, to target: any SQLDatabase) async throws -> Int {
        let sample = try await source.raw("SELECT * FROM \(ident: table) ORDER BY random() LIMIT \(literal: sampleSize)").all()
        let keyColumns = key.isEmpty ? columns : key.compactMap { name in columns.first { $0.name == name } }
        for row in sample {
            var select = target.select().columns(columns.map { SQLIdentifier($0.name) }).from(table).limit(2)
            for column in keyColumns {
                select = select.where(SQLBinaryExpression(
                    left: SQLIdentifier(column.name), op: SQLRaw("IS NOT DISTINCT FROM"), right: try Value.read(row, column).expression
                ))
            }
            let copied = try await select.all()
            guard copied.count == 1, let copy = copied.first else {
                throw CopyError.sampleMismatch(table: table, column: keyColumns.map(\.name).joined(separator: ","))
            }
            for column in columns where !(try Value.read(row, column).matches(try Value.read(copy, column))) {
                throw CopyError.sampleMismatch(table: table, column: column.name)
            }
        }
        return sample.count
    }
}
