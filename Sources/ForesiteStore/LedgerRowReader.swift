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
    /// A forecast's rows share the day made and the origin (and a day's forecasts their target days): each
    /// column's last day with its text, compared with the next row's bytes rather than parsed again.
    private var madeOnText = DayText()
    private var originText = DayText()
    private var targetDayText = DayText()
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

    /// With `digesting` the reader also records, row by row, every value it decodes (`stored`); without
    /// `readsHashes` it leaves the rows' `previousHash` and `hash` empty and reads neither column (a
    /// statement may then leave them out).
    init(digesting: Bool = false, readsHashes: Bool = true) {
        precondition(readsHashes || !digesting, "a digest covers every stored value")
        precondition(levels.count == 3, "the quantile columns are three intervals and a median")
        storage = digesting ? StoredBytes() : nil
        self.readsHashes = readsHashes
    }

    private let readsHashes: Bool

    /// The values `record` decoded from the current row, as read from SQLite, when digesting: each text up
    /// to its first NUL with its length, each number's 64 bits, a missing quantile as a marker. Two rows
    /// give the same bytes only if `record` makes the same record of them, so a digest of these bytes
    /// stands for the rows (`LedgerVerificationMemo`). Valid until the next `record`.
    var stored: UnsafeBufferPointer<UInt8>? { storage?.bytes }

    private let storage: StoredBytes?

    /// The current row of `statement`, a step of `SELECT recordColumns …`.
    mutating func record(_ statement: OpaquePointer) throws -> LedgerRecord {
        storage?.count = 0
        let previousHash = readsHashes ? try text(statement, Column.previousHash, repeating: hash) : ""
        if readsHashes { hash = try text(statement, Column.hash, repeating: hash) }
        model = try text(statement, Column.model, repeating: model)
        modelVersion = try text(statement, Column.modelVersion, repeating: modelVersion)
        targetGroup = try text(statement, Column.targetGroup, repeating: targetGroup)
        field = try text(statement, Column.field, repeating: field)
        inputHash = try text(statement, Column.inputHash, repeating: inputHash)
        var texts = (madeOnText, originText, targetDayText)
        let madeOn = try day(statement, Column.madeOn, repeating: &texts.0)
        let origin = try day(statement, Column.origin, repeating: &texts.1)
        let targetDay = try day(statement, Column.targetDay, repeating: &texts.2)
        (madeOnText, originText, targetDayText) = texts
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
    /// The columns are read outermost pair first, an upper bound only where its lower one is stated (the order
    /// `stored` records them in, which a memo's digest depends on); the intervals are then put in ascending
    /// order of level, as `QuantileForecast` keeps them (it sorts a copy otherwise).
    private func quantileForecast(_ statement: OpaquePointer, first: Int32) -> QuantileForecast {
        let last = first + Int32(2 * levels.count)
        func interval(_ offset: Int32) -> PredictionInterval? {
            guard let lower = quantile(statement, first + offset), let upper = quantile(statement, last - offset)
            else { return nil }
            return PredictionInterval(level: levels[levels.count - 1 - Int(offset)], lower: lower, upper: upper)
        }
        // The three standard levels, widest first; a row with all three (nearly every one) makes its array
        // from a literal, the one allocation the compiler makes without a call.
        let widest = interval(0)
        let middle = interval(1)
        let narrowest = interval(2)
        let median = quantile(statement, first + Int32(levels.count)) ?? .nan
        if let widest, let middle, let narrowest {
            return QuantileForecast(median: median, intervals: [narrowest, middle, widest])
        }
        return QuantileForecast(median: median, intervals: [narrowest, middle, widest].compactMap { $0 })
    }

    /// A quantile column's value, nil when missing (recorded as a marker, or as one and its bits).
    private func quantile(_ statement: OpaquePointer, _ column: Int32) -> Double? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else {
            storage?.append(byte: 0)
            return nil
        }
        let value = sqlite3_column_double(statement, column)
        storage?.append(byte: 1)
        append(bits: value.bitPattern)
        return value
    }

    /// The text in `column`: `repeating` itself when the bytes are the same, else a new string.
    private func text(_ statement: OpaquePointer, _ column: Int32, repeating: String) throws -> String {
        let bytes = try bytes(statement, column)
        let same = repeating.utf8.withContiguousStorageIfAvailable { own in
            own.count == bytes.count && (own.isEmpty || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0)
        }
        return same == true ? repeating : String(decoding: bytes, as: UTF8.self)
    }

    /// The day in `column`: `last`'s when the text is the same, else parsed (and kept in `last`).
    /// (`last` is a variable of the caller's, not of the reader: the reader itself is only read here.)
    private func day(_ statement: OpaquePointer, _ column: Int32, repeating last: inout DayText) throws -> Day {
        let bytes = try bytes(statement, column)
        if let day = last.day(of: bytes) { return day }
        let day = try ColumnValues.day(bytes, table: "ledger", column: LedgerTable.recordColumns[Int(column)])
        last = DayText(bytes, day: day)
        return day
    }

    private func real(_ statement: OpaquePointer, _ column: Int32) throws -> Double {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { throw Self.null(column) }
        let value = sqlite3_column_double(statement, column)
        append(bits: value.bitPattern)
        return value
    }

    /// The bytes of the text in `column` up to its first NUL (as `String(cString:)` reads them), recorded in
    /// `stored` with their count when digesting; valid until the statement's next step.
    private func bytes(_ statement: OpaquePointer, _ column: Int32) throws -> UnsafeBufferPointer<UInt8> {
        guard let bytes = ColumnValues.textBytes(statement, column) else { throw Self.null(column) }
        if let storage {
            storage.append(bits: UInt32(truncatingIfNeeded: bytes.count))
            storage.append(bytes)
        }
        return bytes
    }

    private func append<Value: FixedWidthInteger>(bits value: Value) {
        storage?.append(bits: value)
    }

    private static func null(_ column: Int32) -> StoreError {
        StoreError.corruptValue(table: "ledger", column: LedgerTable.recordColumns[Int(column)], value: "NULL")
    }
}

/// The bytes of one row's stored values: a buffer that grows and is reused row after row, written without
/// the checks and calls of an array's generic append (every value of every row of every ledger goes here).
private final class StoredBytes {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var count = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
        start = .allocate(capacity: capacity)
    }

    deinit { start.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    func append(byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    func append<Value: FixedWidthInteger>(bits value: Value) {
        reserve(MemoryLayout<Value>.size)
        UnsafeMutableRawPointer(start + count).storeBytes(of: value.littleEndian, as: Value.self)
        count += MemoryLayout<Value>.size
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (start + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    private func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        let grown = max(2 * capacity, count + more)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: start, count: count)
        start.deallocate()
        start = larger
        capacity = grown
    }
}

/// A `yyyy-MM-dd` text (exactly ten bytes, as every valid one is) with the day it names.
private struct DayText {
    private var head: UInt64 = 0
    private var tail: UInt16 = 0
    private var known: Day?

    init() {}

    init(_ bytes: UnsafeBufferPointer<UInt8>, day: Day) {
        guard bytes.count == 10, let base = bytes.baseAddress else { return }
        (head, tail) = Self.words(base)
        known = day
    }

    /// The day when `bytes` are this text.
    func day(of bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let known, bytes.count == 10, let base = bytes.baseAddress else { return nil }
        let (head, tail) = Self.words(base)
        return head == self.head && tail == self.tail ? known : nil
    }

    private static func words(_ base: UnsafePointer<UInt8>) -> (UInt64, UInt16) {
        let raw = UnsafeRawPointer(base)
        return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
    }
}
