import SQLKit

extension FlowstaDatabase {
    /// Rows per delete statement in retention purges.
    public static let deleteBatch = 1_000

    /// Deletes the rows of `table` that `filter` selects, `batch` rows per statement (each its
    /// own transaction), so a large purge never holds a lock for long and can be interrupted
    /// at any point without losing anything that should stay.
    /// - Parameter key: the columns that identify a row; the engine's row address (`rowid`,
    ///   `ctid`) when `nil` (tables declared `WITHOUT ROWID` must name their key).
    /// - Returns: the number of rows deleted.
    func deleteInBatches(
        from table: String, key: [String]? = nil, batch: Int = deleteBatch,
        where filter: (SQLSelectBuilder) -> SQLSelectBuilder
    ) async throws -> Int {
        let columns: [any SQLExpression] = (key ?? [engine == .postgres ? "ctid" : "rowid"]).map { SQLColumn($0) }
        let target: any SQLExpression = columns.count == 1 ? columns[0] : SQLGroupExpression(columns)
        var total = 0
        while true {
            let rows = filter(sql.select().columns(columns).from(table)).limit(batch)
            let deleted = try await sql.delete(from: table)
                .where(target, .in, SQLGroupExpression(rows.select))
                .returning(columns[0]).all().count
            total += deleted
            if deleted < batch { return total }
        }
    }
}
