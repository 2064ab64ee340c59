import CSQLite
import Foundation

/// One result row: a cursor's rows are views of their statement's current row, valid until the next step;
/// `fetchAll` and `fetchOne` rows hold copies of their values.
///
/// A column is read as any `DatabaseValueConvertible` type by position or by name (case-insensitive). A value
/// that type cannot be read from (NULL for a non-optional, text for a number) stops the program, as a broken
/// schema invariant would: the schema's NOT NULL and CHECK constraints keep such rows out of the store.
struct Row {
    private enum Storage {
        /// The cursor's current row; holding the cursor keeps it from resetting its statement under the view.
        case live(RowCursor)
        case copied(values: [DatabaseValue], names: [String])
    }

    private let storage: Storage

    fileprivate init(live cursor: RowCursor) { storage = .live(cursor) }

    private init(values: [DatabaseValue], names: [String]) { storage = .copied(values: values, names: names) }

    var count: Int {
        switch storage {
        case .live(let cursor): Int(sqlite3_column_count(cursor.statement.sqliteStatement))
        case .copied(let values, _): values.count
        }
    }

    private var columnNames: [String] {
        switch storage {
        case .live(let cursor): cursor.statement.columnNames
        case .copied(_, let names): names
        }
    }

    /// Every column's value, in order.
    var databaseValues: [DatabaseValue] { (0..<count).map(value(at:)) }

    func value(at index: Int) -> DatabaseValue {
        switch storage {
        case .live(let cursor): DatabaseValue(cursor.statement.sqliteStatement, column: Int32(index))
        case .copied(let values, _): values[index]
        }
    }

    /// A copy that outlives the statement's next step.
    func copy() -> Row { Row(values: databaseValues, names: columnNames) }

    subscript<Value: DatabaseValueConvertible>(_ index: Int) -> Value {
        let value = value(at: index)
        guard let converted = Value.fromDatabaseValue(value) else {
            fatalError("column \(index) (\(columnNames[index])) holds \(value), not a \(Value.self)")
        }
        return converted
    }

    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value {
        // The name as written first; SQLite's own rule (ASCII letters in either case) only when it is not
        // there: Foundation's `caseInsensitiveCompare` on every column of every row took 4 % of the demo's run.
        let names = columnNames
        guard
            let index = names.firstIndex(of: name)
                ?? names.firstIndex(where: { Self.sameIgnoringASCIICase($0, name) })
        else {
            fatalError("no column \(name) among \(names)")
        }
        return self[index]
    }

    /// Whether two names are equal with the case of ASCII letters folded, SQLite's rule for names.
    static func sameIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }
        return a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { lower($0) == lower($1) }
    }
}

/// The rows of a statement, stepped one at a time.
final class RowCursor {
    fileprivate let statement: Statement

    init(_ statement: Statement, arguments: StatementArguments) throws {
        try statement.bind(arguments)
        self.statement = statement
    }

    /// A cursor left before its end (a decoding error, `fetchOne`) resets its statement, so that a cached
    /// statement holds no read lock or snapshot past it.
    deinit { sqlite3_reset(statement.sqliteStatement) }

    /// The next row (a view, valid until the next call), or nil at the end.
    func next() throws -> Row? {
        try statement.step() ? Row(live: self) : nil
    }
}

extension Row {
    static func fetchCursor(_ statement: Statement, arguments: StatementArguments = []) throws -> RowCursor {
        try RowCursor(statement, arguments: arguments)
    }

    static func fetchCursor(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> RowCursor {
        try RowCursor(db.makeStatement(sql: sql), arguments: arguments)
    }

    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Row] {
        let rows = try fetchCursor(db, sql: sql, arguments: arguments)
        var all: [Row] = []
        while let row = try rows.next() { all.append(row.copy()) }
        return all
    }

    static func fetchOne(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> Row? {
        try fetchCursor(db, sql: sql, arguments: arguments).next()?.copy()
    }
}

extension DatabaseValueConvertible {
    /// The first column of every row.
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Self] {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var all: [Self] = []
        while let row = try rows.next() { all.append(row[0]) }
        return all
    }

    /// The first column of the first row; nil when there is no row or the value is NULL.
    static func fetchOne(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> Self? {
        guard let row = try Row.fetchCursor(db, sql: sql, arguments: arguments).next() else { return nil }
        let value = row.value(at: 0)
        return value == .null ? nil : (row[0] as Self)
    }
}
