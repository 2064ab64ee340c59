import CSQLite
import Foundation

/// One SQLite value, as stored: SQLite's five storage classes.
enum DatabaseValue: Equatable, Sendable {
    case null
    case int64(Int64)
    case double(Double)
    /// A text up to its first NUL, invalid UTF-8 repaired.
    case string(String)
    case blob(Data)

    /// Column `index` of the current row of `statement`.
    init(_ statement: OpaquePointer, column index: Int32) {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: self = .int64(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: self = .double(sqlite3_column_double(statement, index))
        case SQLITE_TEXT: self = .string(String(cString: sqlite3_column_text(statement, index)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            self = .blob(count == 0 ? Data() : Data(bytes: sqlite3_column_blob(statement, index), count: count))
        default: self = .null
        }
    }
}

/// A Swift type a column can be read as and a statement argument bound from.
///
/// Reading converts as SQLite's own affinity would and no further: an INTEGER reads as a `Double`, a REAL
/// with an integral value as an `Int`, a BLOB as a `String` when it is UTF-8; anything else is nil.
protocol DatabaseValueConvertible {
    var databaseValue: DatabaseValue { get }
    static func fromDatabaseValue(_ value: DatabaseValue) -> Self?
}

extension String: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .string(self) }
    static func fromDatabaseValue(_ value: DatabaseValue) -> String? {
        switch value {
        case .string(let string): string
        case .blob(let data): String(data: data, encoding: .utf8)
        default: nil
        }
    }
}

extension Int64: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .int64(self) }
    static func fromDatabaseValue(_ value: DatabaseValue) -> Int64? {
        switch value {
        case .int64(let int): int
        case .double(let double): Int64(exactly: double)
        default: nil
        }
    }
}

extension Int: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .int64(Int64(self)) }
    static func fromDatabaseValue(_ value: DatabaseValue) -> Int? {
        Int64.fromDatabaseValue(value).flatMap(Int.init(exactly:))
    }
}

extension Double: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .double(self) }
    static func fromDatabaseValue(_ value: DatabaseValue) -> Double? {
        switch value {
        case .int64(let int): Double(int)
        case .double(let double): double
        default: nil
        }
    }
}

extension Bool: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .int64(self ? 1 : 0) }
    static func fromDatabaseValue(_ value: DatabaseValue) -> Bool? {
        switch value {
        case .int64(let int): int != 0
        case .double(let double): double != 0
        default: nil
        }
    }
}

extension Data: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .blob(self) }
    static func fromDatabaseValue(_ value: DatabaseValue) -> Data? {
        switch value {
        case .blob(let data): data
        case .string(let string): Data(string.utf8)
        default: nil
        }
    }
}

/// NULL reads as nil; a value `Wrapped` cannot be read from is still a failed conversion.
extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { map(\.databaseValue) ?? .null }
    static func fromDatabaseValue(_ value: DatabaseValue) -> Wrapped?? {
        value == .null ? .some(nil) : Wrapped.fromDatabaseValue(value).map { .some($0) }
    }
}
