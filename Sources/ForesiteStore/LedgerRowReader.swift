import CSQLite
import ForesiteCore
import Foundation

/// Decodes the `ledger` rows `LedgerTable.records` selects (`recordColumns`, by position) straight from
/// SQLite's column values.
///
/// Every site build reads every target's whole ledger (a year of 20 targets is 600,000 rows). A generic `Row`
/// makes a new string of every text; here a text equal to the one read before in its column — a forecast's
/// model, version, group, field and input hash are the same on each of its horizons, and a row's previous
/// hash is the hash of the row before — is the same string again, and days are parsed from the bytes.
/// The values are those `Row` gives: texts up to their first NUL with invalid UTF-8 repaired, REAL and
/// INTEGER columns as SQLite converts them.
struct LedgerRowReader {
    private var model = ""
    private var modelVersion = ""
    private var targetGroup = ""
    private var field = ""
    private var inputHash = ""
    private var hash = ""
    /// `QuantileForecast.standardLevels`, ascending, read once rather than through its global on every row.
    private let levels = QuantileForecast.standardLevels

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

    /// With `digesting` the reader also records, row by row, every value it decodes (`stored`).
    init(digesting: Bool = false) {
        stored = digesting ? [] : nil
        stored?.reserveCapacity(1024)
    }

    /// The values `record` decoded from the current row, as read from SQLite, when digesting: each text up
    /// to its first NUL with its length, each number's 64 bits, a missing quantile as a marker. Two rows
    /// give the same bytes only if `record` makes the same record of them, so a digest of these bytes
    /// stands for the rows (`LedgerVerificationMemo`).
    private(set) var stored: [UInt8]?

    /// The current row of `statement`, a step of `SELECT recordColumns …`.
    mutating func record(_ statement: OpaquePointer) throws -> LedgerRecord {
        stored?.removeAll(keepingCapacity: true)
        let previousHash = try text(statement, Column.previousHash, repeating: hash)
        hash = try text(statement, Column.hash, repeating: hash)
        model = try text(statement, Column.model, repeating: model)
        modelVersion = try text(statement, Column.modelVersion, repeating: modelVersion)
        targetGroup = try text(statement, Column.targetGroup, repeating: targetGroup)
        field = try text(statement, Column.field, repeating: field)
        inputHash = try text(statement, Column.inputHash, repeating: inputHash)
        let madeOn = try day(statement, Column.madeOn)
        let origin = try day(statement, Column.origin)
        let targetDay = try day(statement, Column.targetDay)
        let horizon = sqlite3_column_int64(statement, Column.horizon)
        append(bits: UInt64(bitPattern: horizon))
        let reference = try real(statement, Column.reference)
        return LedgerRecord(
            madeOn: madeOn, model: model, modelVersion: modelVersion, targetGroup: targetGroup, field: field,
            origin: origin, horizon: Int(horizon), targetDay: targetDay, reference: reference,
            forecast: quantileForecast(statement, first: Column.firstQuantile), inputHash: inputHash,
            previousHash: previousHash, hash: hash)
    }

    /// The forecast in the seven quantile columns from `first` on (`LedgerTable.quantileColumns` order): an
    /// interval where both its bounds are stated, the median NaN when missing.
    ///
    /// The columns are read outermost pair first (the order `stored` records them in, which a memo's digest
    /// depends on); the intervals, so made from the widest, are then turned in place to ascending by level, as
    /// `QuantileForecast` keeps them (it sorts a copy otherwise).
    private mutating func quantileForecast(_ statement: OpaquePointer, first: Int32) -> QuantileForecast {
        let count = Int32(2 * levels.count + 1)
        var intervals: [PredictionInterval] = []
        intervals.reserveCapacity(levels.count)
        for (offset, level) in levels.reversed().enumerated() {
            if let lower = quantile(statement, first + Int32(offset)),
                let upper = quantile(statement, first + count - 1 - Int32(offset))
            {
                intervals.append(PredictionInterval(level: level, lower: lower, upper: upper))
            }
        }
        intervals.reverse()
        return QuantileForecast(median: quantile(statement, first + count / 2) ?? .nan, intervals: intervals)
    }

    /// A quantile column's value, nil when missing (recorded as a marker, or as one and its bits).
    private mutating func quantile(_ statement: OpaquePointer, _ column: Int32) -> Double? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else {
            stored?.append(0)
            return nil
        }
        let value = sqlite3_column_double(statement, column)
        stored?.append(1)
        append(bits: value.bitPattern)
        return value
    }

    /// The text in `column`: `repeating` itself when the bytes are the same, else a new string.
    private mutating func text(_ statement: OpaquePointer, _ column: Int32, repeating: String) throws -> String {
        try withBytes(statement, column) { bytes in
            let same = repeating.utf8.withContiguousStorageIfAvailable { own in
                own.count == bytes.count
                    && (own.isEmpty || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0)
            }
            return same == true ? repeating : String(decoding: bytes, as: UTF8.self)
        }
    }

    private mutating func day(_ statement: OpaquePointer, _ column: Int32) throws -> Day {
        try withBytes(statement, column) { bytes in
            guard let day = Day(isoUTF8: bytes) else {
                throw StoreError.corruptValue(
                    table: "ledger", column: LedgerTable.recordColumns[Int(column)],
                    value: String(decoding: bytes, as: UTF8.self))
            }
            return day
        }
    }

    private mutating func real(_ statement: OpaquePointer, _ column: Int32) throws -> Double {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { throw Self.null(column) }
        let value = sqlite3_column_double(statement, column)
        append(bits: value.bitPattern)
        return value
    }

    /// The bytes of the text in `column` up to its first NUL (as `String(cString:)` reads them), recorded in
    /// `stored` with their count when digesting.
    private mutating func withBytes<T>(
        _ statement: OpaquePointer, _ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T
    ) throws -> T {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let text = sqlite3_column_text(statement, column)
        else { throw Self.null(column) }
        let bytes = UnsafeBufferPointer(start: text, count: strlen(text))
        if stored != nil {
            append(bits: UInt32(truncatingIfNeeded: bytes.count))
            stored!.append(contentsOf: bytes)
        }
        return try body(bytes)
    }

    private mutating func append<Value: FixedWidthInteger>(bits value: Value) {
        guard stored != nil else { return }
        withUnsafeBytes(of: value.littleEndian) { stored!.append(contentsOf: $0) }
    }

    private static func null(_ column: Int32) -> StoreError {
        StoreError.corruptValue(table: "ledger", column: LedgerTable.recordColumns[Int(column)], value: "NULL")
    }
}
