import CSQLite
import ForesiteCore
import Foundation

/// A statement's current row read by column position straight from SQLite's values, for the readers that
/// decode every row of a large read without a `Row` (`LedgerRowReader`, `FeatureReads.candles`).
enum ColumnValues {
    /// The bytes of the text in `column` up to its first NUL (as `String(cString:)` reads them); nil when
    /// SQLite gives no text (a NULL, or out of memory). Valid until the statement's next step.
    static func textBytes(_ statement: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeBufferPointer(start: text, count: strlen(text))
    }

    /// The `YYYY-MM-DD` day in `bytes`; anything else is a corrupt value of `table`'s `column`.
    static func day(_ bytes: UnsafeBufferPointer<UInt8>, table: String, column: String) throws -> Day {
        guard let day = Day(isoUTF8: bytes) else {
            throw StoreError.corruptValue(table: table, column: column, value: String(decoding: bytes, as: UTF8.self))
        }
        return day
    }
}
