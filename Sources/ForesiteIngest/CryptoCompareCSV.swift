import ForesiteCore
import Foundation

/// Reads the CSV export of the data-api historical-days endpoint: the 35-column layout of the original
/// project's `data/historical_*.csv` (`UNIT,TIMESTAMP,TYPE,MARKET,…,VOLUME_UNKNOWN,QUOTE_VOLUME_UNKNOWN`).
///
/// Columns are found by name, so order and extra columns do not matter; only the ones Foresite stores are
/// required. Fields follow RFC 4180 (quotes, doubled quotes, CRLF). Errors name the line (1 = header) and
/// column. Pure, for the importer and the fuzz target.
public enum CryptoCompareCSV {
    /// The columns a file must have; `LAST_TRADE_TIMESTAMP` decides whether the newest day was complete.
    public static let requiredColumns = [
        "TIMESTAMP", "OPEN", "HIGH", "LOW", "CLOSE", "VOLUME", "VOLUME_BUY", "VOLUME_SELL", "LAST_TRADE_TIMESTAMP",
    ]

    public static func days(from data: Data, source: String = "csv") throws -> [CryptoCompareDay] {
        let records = try CSVRecords.parse(data, source: source)
        guard let header = records.first else { throw IngestError(source: source, reason: .emptyFile) }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        var index: [String: Int] = [:]
        for column in requiredColumns {
            guard let position = names.firstIndex(of: column) else {
                throw IngestError(source: source, reason: .missingColumn(column))
            }
            index[column] = position
        }
        var rows: [CryptoCompareDay] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            if record.cells.count == 1 && record.cells[0].isEmpty { continue }  // a blank line
            guard record.cells.count == names.count else {
                throw IngestError(
                    source: source,
                    reason: .wrongCellCount(line: record.line, expected: names.count, found: record.cells.count))
            }
            func number(_ column: String) throws -> Double {
                let text = record.cells[index[column]!].trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite else {
                    throw IngestError(
                        source: source, reason: .badNumber(line: record.line, column: column, value: text))
                }
                return value
            }
            func wholeNumber(_ column: String) throws -> Int {
                let value = try number(column)
                guard value == value.rounded(), abs(value) < 1e15 else {
                    throw IngestError(
                        source: source,
                        reason: .badNumber(line: record.line, column: column, value: record.cells[index[column]!]))
                }
                return Int(value)
            }
            let timestamp = try wholeNumber("TIMESTAMP")
            guard let day = Day(midnightTimestamp: timestamp) else {
                throw IngestError(
                    source: source, reason: .notMidnight(path: "line \(record.line), TIMESTAMP", timestamp: timestamp))
            }
            let lastTrade = record.cells[index["LAST_TRADE_TIMESTAMP"]!].trimmingCharacters(in: .whitespaces)
            rows.append(
                CryptoCompareDay(
                    day: day, open: try number("OPEN"), high: try number("HIGH"), low: try number("LOW"),
                    close: try number("CLOSE"), volume: try number("VOLUME"), volumeBuy: try number("VOLUME_BUY"),
                    volumeSell: try number("VOLUME_SELL"),
                    lastTradeTimestamp: lastTrade.isEmpty ? nil : try wholeNumber("LAST_TRADE_TIMESTAMP")))
        }
        return try DailyRows.normalised(rows, source: source)
    }
}

/// RFC 4180 records with the physical line each one starts on.
struct CSVRecords {
    struct Record {
        var line: Int
        var cells: [String]
    }

    static func parse(_ data: Data, source: String) throws -> [Record] {
        var records: [Record] = []
        var cells: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedFieldLine = 1
        var bytes = Array(data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a UTF-8 byte-order mark
        var position = 0
        func endField() {
            cells.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            records.append(Record(line: recordLine, cells: cells))
            cells.removeAll(keepingCapacity: true)
        }
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
                        field.append(byte)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inQuotes = true
                quotedFieldLine = line
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\r") where position < bytes.count && bytes[position] == UInt8(ascii: "\n"):
                break
            case UInt8(ascii: "\n"):
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(byte)
            }
        }
        if inQuotes { throw IngestError(source: source, reason: .unterminatedQuote(line: quotedFieldLine)) }
        if !field.isEmpty || !cells.isEmpty { endRecord() }
        return records
    }
}
