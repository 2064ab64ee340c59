import ForesiteCore
import Foundation
import Testing

@testable import ForesiteIngest

@Suite struct CryptoCompareCSVTests {
    static let header =
        "UNIT,TIMESTAMP,TYPE,MARKET,INSTRUMENT,MAPPED_INSTRUMENT,BASE,QUOTE,BASE_ID,QUOTE_ID,TRANSFORM_FUNCTION,OPEN,HIGH,LOW,CLOSE,FIRST_TRADE_TIMESTAMP,LAST_TRADE_TIMESTAMP,FIRST_TRADE_PRICE,HIGH_TRADE_PRICE,HIGH_TRADE_TIMESTAMP,LOW_TRADE_PRICE,LOW_TRADE_TIMESTAMP,LAST_TRADE_PRICE,TOTAL_TRADES,TOTAL_TRADES_BUY,TOTAL_TRADES_SELL,TOTAL_TRADES_UNKNOWN,VOLUME,QUOTE_VOLUME,VOLUME_BUY,QUOTE_VOLUME_BUY,VOLUME_SELL,QUOTE_VOLUME_SELL,VOLUME_UNKNOWN,QUOTE_VOLUME_UNKNOWN"

    /// A row in the 35-column layout; `lastTrade` is seconds after the day's start.
    static func row(_ iso: String, open: String = "180.34", lastTrade: Int = 86_399, instrument: String = "SOLUSD")
        -> String
    {
        let start = Day(iso: iso)!.timestamp
        return
            "DAY,\(start),954,kraken,\(instrument),SOL-USD,SOL,USD,3,5,,\(open),187.58,176.48,183.61,\(start),\(start + lastTrade),180.34,187.58,\(start + 100),176.48,\(start + 200),183.61,13118,8068,5050,0,83071.98,15201703.09,42510.16,7817845.34,40561.81,7383857.74,0,0"
    }

    static func file(_ rows: [String], lineEnding: String = "\n") -> Data {
        Data(([header] + rows).joined(separator: lineEnding).utf8 + Array(lineEnding.utf8))
    }

    @Test func readsTheExportLayout() throws {
        let days = try CryptoCompareCSV.days(from: Self.file([Self.row("2024-12-22"), Self.row("2024-12-23")]))
        #expect(days.map(\.day.iso) == ["2024-12-22", "2024-12-23"])
        #expect(days[0].open == 180.34 && days[0].high == 187.58 && days[0].low == 176.48 && days[0].close == 183.61)
        #expect(days[0].volume == 83071.98 && days[0].volumeBuy == 42510.16 && days[0].volumeSell == 40561.81)
    }

    @Test func handlesQuotedFieldsAndCRLF() throws {
        let quoted = Self.row("2024-12-22").replacingOccurrences(of: "SOLUSD", with: "\"SOL,\"\"USD\"\"\nline\"")
        let days = try CryptoCompareCSV.days(from: Self.file([quoted, Self.row("2024-12-23")], lineEnding: "\r\n"))
        #expect(days.count == 2)
    }

    @Test func namesTheMissingColumn() {
        let text = Self.header.replacingOccurrences(of: ",VOLUME_BUY,", with: ",VOLUME_B,") + "\n"
        #expect(throws: IngestError(source: "sol.csv", reason: .missingColumn("VOLUME_BUY"))) {
            try CryptoCompareCSV.days(from: Data(text.utf8), source: "sol.csv")
        }
    }

    @Test func namesTheLineAndColumnOfABadNumber() throws {
        let data = Self.file([Self.row("2024-12-21"), Self.row("2024-12-22", open: "18O.5")])
        let error = try #require(throws: IngestError.self) { try CryptoCompareCSV.days(from: data, source: "sol.csv") }
        #expect(error.description == "sol.csv: line 3, column OPEN: not a number: \"18O.5\"")
    }

    @Test func rejectsARowWithMissingCells() {
        let data = Self.file([String(Self.row("2024-12-22").dropLast(4))])
        #expect(throws: IngestError(source: "csv", reason: .wrongCellCount(line: 2, expected: 35, found: 33))) {
            try CryptoCompareCSV.days(from: data)
        }
    }

    @Test func rejectsAnUnterminatedQuote() {
        let data = Self.file([Self.row("2024-12-22").replacingOccurrences(of: "SOLUSD", with: "\"SOLUSD")])
        #expect(throws: IngestError(source: "csv", reason: .unterminatedQuote(line: 2))) {
            try CryptoCompareCSV.days(from: data)
        }
    }

    @Test func flagsOnlyTheNewestDayWhenItsTradingStoppedEarly() throws {
        // 2024-12-21 had no trade in its last 5 hours (an outage), 2024-12-23 was exported at 11:54 UTC.
        let rows = [
            Self.row("2024-12-21", lastTrade: 68_000), Self.row("2024-12-22"),
            Self.row("2024-12-23", lastTrade: 42_882),
        ]
        let candles = CryptoCompareDay.candles(fromSavedFile: try CryptoCompareCSV.days(from: Self.file(rows)))
        #expect(candles.map(\.complete) == [true, true, false])
        let finishedLate = [Self.row("2024-12-22"), Self.row("2024-12-23", lastTrade: 86_400 - 3_600)]
        let finished = CryptoCompareDay.candles(fromSavedFile: try CryptoCompareCSV.days(from: Self.file(finishedLate)))
        #expect(finished.map(\.complete) == [true, true])
    }
}
