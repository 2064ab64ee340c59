import ForesiteCore
import Foundation
import GRDB
import GRDBSQLite

/// Decodes the `ledger` rows `LedgerTable.records` selects (`recordColumns`, by position) straight from
/// SQLite's column values.
///
/// Every site build reads every target's whole ledger (a year of 20 targets is 600,000 rows). GRDB's `Row`
/// made a new string of every text; here a text equal to the one read before in its column — a forecast's
/// model, version, group, field and input hash are the same on each of its horizons, and a row's previous
/// hash is the hash of the row before — is the same string again, and days are parsed from the bytes.
/// The values are those GRDB gives: texts up to their first NUL with invalid UTF-8 repaired, REAL and
/// INTEGER columns as SQLite converts them.
struct LedgerRowReader {
    private var model = ""
    private var modelVersion = ""
    private var targetGroup = ""
    private var field = ""
    private var inputHash = ""
    private var hash = ""

    /// Each column's position in `LedgerTable.recordColumns`.
    private enum Column {
        static let madeOn = at("made_on")
        static let model = at("model")
        static let modelVersion = at("model_version")
        static let targetGroup = at("target_group")
        static let field = at("field")
        static let origin = at("origin")
        static let horizon = at("horizon")
        static let targetDay = at("target_day")
        static let reference = at("reference")
        static let firstQuantile = at(LedgerTable.quantileColumns[0])
        static let inputHash = at("input_hash")
        static let previousHash = at("previous_sha256")
        static let hash = at("sha256")

        private static func at(_ name: String) -> Int32 { Int32(LedgerTable.recordColumns.firstIndex(of: name)!) }
    }

    /// The current row of `statement`, a step of `SELECT recordColumns …`.
    mutating func record(_ statement: SQLiteStatement) throws -> LedgerRecord {
        let previousHash = try Self.text(statement, Column.previousHash, repeating: hash)
        hash = try Self.text(statement, Column.hash, repeating: hash)
        model = try Self.text(statement, Column.model, repeating: model)
        modelVersion = try Self.text(statement, Column.modelVersion, repeating: modelVersion)
        targetGroup = try Self.text(statement, Column.targetGroup, repeating: targetGroup)
        field = try Self.text(statement, Column.field, repeating: field)
        inputHash = try Self.text(statement, Column.inputHash, repeating: inputHash)
        return LedgerRecord(
            madeOn: try Self.day(statement, Column.madeOn), model: model, modelVersion: modelVersion,
            targetGroup: targetGroup, field: field, origin: try Self.day(statement, Column.origin),
            horizon: Int(sqlite3_column_int64(statement, Column.horizon)),
            targetDay: try Self.day(statement, Column.targetDay), reference: try Self.real(statement, Column.reference),
            forecast: quantileForecast(statement, first: Column.firstQuantile), inputHash: inputHash,
            previousHash: previousHash, hash: hash)
    }

    /// The forecast in the seven quantile columns from `first` on (`LedgerTable.quantileColumns` order): an
    /// interval where both its bounds are stated, the median NaN when missing.
    private func quantileForecast(_ statement: SQLiteStatement, first: Int32) -> QuantileForecast {
        func value(_ column: Int32) -> Double? {
            sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
        }
        let count = Int32(LedgerTable.quantileColumns.count)
        var intervals: [PredictionInterval] = []
        intervals.reserveCapacity(QuantileForecast.standardLevels.count)
        for (offset, level) in QuantileForecast.standardLevels.reversed().enumerated() {
            if let lower = value(first + Int32(offset)), let upper = value(first + count - 1 - Int32(offset)) {
                intervals.append(PredictionInterval(level: level, lower: lower, upper: upper))
            }
        }
        return QuantileForecast(median: value(first + count / 2) ?? .nan, intervals: intervals)
    }

    /// The text in `column`: `repeating` itself when the bytes are the same, else a new string.
    private static func text(_ statement: SQLiteStatement, _ column: Int32, repeating: String) throws -> String {
        try withBytes(statement, column) { bytes in
            let same = repeating.utf8.withContiguousStorageIfAvailable { own in
                own.count == bytes.count
                    && (own.isEmpty || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0)
            }
            return same == true ? repeating : String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func day(_ statement: SQLiteStatement, _ column: Int32) throws -> Day {
        try withBytes(statement, column) { bytes in
            guard let day = Day(isoUTF8: bytes) else {
                throw StoreError.corruptValue(
                    table: "ledger", column: LedgerTable.recordColumns[Int(column)],
                    value: String(decoding: bytes, as: UTF8.self))
            }
            return day
        }
    }

    private static func real(_ statement: SQLiteStatement, _ column: Int32) throws -> Double {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { throw null(column) }
        return sqlite3_column_double(statement, column)
    }

    /// The bytes of the text in `column` up to its first NUL (as `String(cString:)` reads them).
    private static func withBytes<T>(
        _ statement: SQLiteStatement, _ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T
    ) throws -> T {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let text = sqlite3_column_text(statement, column)
        else { throw null(column) }
        return try body(UnsafeBufferPointer(start: text, count: strlen(text)))
    }

    private static func null(_ column: Int32) -> StoreError {
        StoreError.corruptValue(table: "ledger", column: LedgerTable.recordColumns[Int(column)], value: "NULL")
    }
}
