import SQLKit

/// The statements every sign-in, token and resource request runs are written as SQL text whose
/// column lists are quoted once (`SQLQueryString` with binds) instead of through SQLKit's
/// builders, which serialize the statement again on every call, re-quoting each identifier:
/// that cost more CPU than SQLite spent running the statement (issue #18's profile).
enum HotSQL {
    /// `"a", "b", "c"`.
    static func columns(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// `?, ?, ?`-style placeholders for `binds`, as one interpolation each.
    static func values(_ binds: [SQLBind]) -> SQLQueryString {
        var list = SQLQueryString("")
        for (index, bind) in binds.enumerated() {
            if index > 0 { list.appendLiteral(", ") }
            list.appendInterpolation(bind)
        }
        return list
    }
}
