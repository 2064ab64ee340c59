import ForesiteCore
import Foundation
import Testing

@testable import ForesiteIngest

@Suite struct CryptoCompareParserTests {
    let first = Fixtures.day("2024-12-01")

    @Test func parsesTheSuccessEnvelopeAscending() throws {
        let items = [
            Fixtures.dataAPIItem(first.adding(days: 1), open: 230, close: 235),
            Fixtures.dataAPIItem(first, open: 225.5, high: 231, low: 220, close: 230, volume: 5000, lastTrade: 123),
        ]
        let days = try CryptoCompareParser.days(from: Data(Fixtures.dataAPIEnvelope(items).utf8), status: 200)
        #expect(days.map(\.day) == [first, first.adding(days: 1)])
        let row = try #require(days.first)
        #expect(row.open == 225.5 && row.high == 231 && row.low == 220 && row.close == 230)
        #expect(row.volume == 5000 && row.volumeBuy == 3000 && row.volumeSell == 2000)
        #expect(row.lastTradeTimestamp == 123)
    }

    @Test func acceptsNumbersAsStrings() throws {
        let body = Fixtures.dataAPIPage(from: first, count: 3, numbersAsStrings: true)
        let days = try CryptoCompareParser.days(from: Data(body.utf8))
        #expect(days.map(\.open) == [100, 101, 102])
        #expect(days.map(\.day) == [first, first.adding(days: 1), first.adding(days: 2)])
    }

    @Test func keepsAGapAsAGap() throws {
        let items = [Fixtures.dataAPIItem(first, open: 1), Fixtures.dataAPIItem(first.adding(days: 3), open: 2)]
        let days = try CryptoCompareParser.days(from: Data(Fixtures.dataAPIEnvelope(items).utf8))
        #expect(days.map(\.day) == [first, first.adding(days: 3)])
    }

    @Test func mergesAnExactDuplicateDay() throws {
        let item = Fixtures.dataAPIItem(first, open: 10)
        let days = try CryptoCompareParser.days(from: Data(Fixtures.dataAPIEnvelope([item, item]).utf8))
        #expect(days.count == 1)
    }

    @Test func rejectsTheSameDayWithDifferentValues() {
        let items = [Fixtures.dataAPIItem(first, open: 10), Fixtures.dataAPIItem(first, open: 11)]
        #expect(throws: IngestError(source: "cryptocompare", reason: .conflictingDuplicate(day: "2024-12-01"))) {
            try CryptoCompareParser.days(from: Data(Fixtures.dataAPIEnvelope(items).utf8))
        }
    }

    @Test(arguments: [
        (400, 2, "Missing or invalid parameter: limit."),
        (401, 1, "Unauthorized: invalid api key."),
        (429, 99, "You are over your rate limit please upgrade your account!"),
        (404, 1, "Not found: market parameter. Value krakn not integrated yet."),
    ])
    func turnsTheErrEnvelopeIntoTheAPIsMessage(status: Int, type: Int, message: String) {
        let body = Fixtures.dataAPIError(type: type, message: message)
        let expected = IngestError(source: "cryptocompare", reason: .api(message: message), httpStatus: status)
        #expect(throws: expected) { try CryptoCompareParser.days(from: Data(body.utf8), status: status) }
        #expect(expected.description == "cryptocompare: \(message) (HTTP \(status))")
    }

    @Test func recognisesTheLegacyMinAPIErrorReturnedWith200() {
        let body = """
            {"Response":"Error","Message":"You need a valid auth key or api key to access this endpoint","HasWarning":false,"Type":1,"RateLimit":{},"Data":{}}
            """
        #expect(
            throws: IngestError(
                source: "cryptocompare",
                reason: .api(message: "You need a valid auth key or api key to access this endpoint"), httpStatus: 200)
        ) { try CryptoCompareParser.days(from: Data(body.utf8), status: 200) }
    }

    @Test func namesAnHTMLPageReturnedWith200() throws {
        let body = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
        let error = try #require(throws: IngestError.self) {
            try CryptoCompareParser.days(from: Data(body.utf8), status: 200)
        }
        guard case .notJSON(let snippet) = error.reason else { Issue.record("got \(error)"); return }
        #expect(snippet.hasPrefix("<!DOCTYPE html> <html><head><title>502 Bad Gateway"))
        #expect(error.description.hasPrefix("cryptocompare: response is not JSON: \"<!DOCTYPE html>"))
    }

    @Test func reportsMalformedAndTruncatedJSONDifferently() throws {
        let full = Fixtures.dataAPIPage(from: first, count: 2)
        let truncated = try #require(throws: IngestError.self) {
            try CryptoCompareParser.days(from: Data(full.prefix(80).utf8))
        }
        #expect(
            truncated.description == "cryptocompare: malformed JSON: the body breaks off after 80 bytes (truncated)")
        let broken = try #require(throws: IngestError.self) {
            try CryptoCompareParser.days(from: Data("{\"Data\":[{,}],\"Err\":{}}".utf8))
        }
        #expect(broken.reason == .malformedJSON(detail: "invalid JSON in 23 bytes"))
    }

    @Test func namesTheFieldThatIsWrong() throws {
        let bad = Fixtures.dataAPIItem(first, open: 1).replacingOccurrences(
            of: "\"OPEN\":1.0", with: "\"OPEN\":\"NaN\"")
        let good = Fixtures.dataAPIItem(first.adding(days: 1), open: 1)
        let error = try #require(throws: IngestError.self) {
            try CryptoCompareParser.days(from: Data(Fixtures.dataAPIEnvelope([good, bad]).utf8))
        }
        #expect(error.description == "cryptocompare: Data[1].OPEN: expected a number, got \"NaN\"")
    }

    @Test func rejectsATimestampThatIsNotMidnight() throws {
        let item = Fixtures.dataAPIItem(first, open: 1).replacingOccurrences(
            of: "\"TIMESTAMP\":\(first.timestamp)", with: "\"TIMESTAMP\":\(first.timestamp + 3600)")
        #expect(
            throws: IngestError(
                source: "cryptocompare",
                reason: .notMidnight(path: "Data[0].TIMESTAMP", timestamp: first.timestamp + 3600))
        ) { try CryptoCompareParser.days(from: Data(Fixtures.dataAPIEnvelope([item]).utf8)) }
    }

    @Test func acceptsAnEmptyDataArray() throws {
        #expect(try CryptoCompareParser.days(from: Data("{\"Data\":[],\"Err\":{}}".utf8)).isEmpty)
    }

    @Test func treatsAFailureStatusWithoutEnvelopeAsUnexpected() {
        #expect(throws: IngestError(source: "cryptocompare", reason: .unexpectedStatus, httpStatus: 503)) {
            try CryptoCompareParser.days(from: Data("{\"Data\":[]}".utf8), status: 503)
        }
    }
}
