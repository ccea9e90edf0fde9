import Foundation

/// A statement written once for both dialects: SQL with `?` for each value, the values in order.
/// SQLite reads it as it is; PostgreSQL numbers the placeholders (`$1`, `$2`…). Only integers and
/// text travel (times are milliseconds since 1970), so that the same SQL reads and binds the same
/// on both.
public struct CentralQuery: Sendable {
    public var sql: String
    public var values: [SQLValue]

    public init(_ sql: String, _ values: [SQLValue] = []) {
        self.sql = sql
        self.values = values
    }

    /// The SQL with PostgreSQL's numbered placeholders (a `?` inside a quoted literal, '?', is text).
    var numbered: String {
        var n = 0
        var quoted = false
        return sql.reduce(into: "") { out, character in
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                n += 1
                out += "$\(n)"
            } else {
                out.append(character)
            }
        }
    }
}

/// A value bound to, or read from, a `CentralQuery`.
public enum SQLValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case int(Int)
    case null

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    public init(_ number: Int?) { self = number.map(SQLValue.int) ?? .null }
    /// A time, as milliseconds since 1970.
    public init(_ date: Date) { self = .int(Int((date.timeIntervalSince1970 * 1000).rounded())) }

    public var text: String? {
        switch self {
        case .text(let s): s
        case .int(let n): String(n)
        case .null: nil
        }
    }

    public var int: Int? {
        switch self {
        case .int(let n): n
        case .text(let s): Int(s)
        case .null: nil
        }
    }

    /// A time stored as milliseconds since 1970.
    public var date: Date? { int.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
}
