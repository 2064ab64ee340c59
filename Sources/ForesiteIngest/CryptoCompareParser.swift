import ForesiteCore
import Foundation

/// Parses CryptoCompare response bodies: the data-api `spot/v1/historical/days` envelope
/// `{"Data":[…],"Err":{}}`, its error form `{"Data":{},"Err":{"type":…,"message":…}}`, and the legacy
/// min-api error `{"Response":"Error","Message":…}` that comes back with HTTP 200.
///
/// Pure (bytes in, values or `IngestError` out) so fuzz targets and file imports use exactly the code the
/// live client uses. Rows come back ascending by day with exact repeats dropped.
public enum CryptoCompareParser {
    public static let source = "cryptocompare"

    public static func days(from body: Data, status: Int? = nil, source: String = source) throws -> [CryptoCompareDay] {
        let json = JSONBody(source: source, status: status)
        let top = try json.object(from: body)
        if let apiError = apiErrorMessage(in: top) { throw json.error(.api(message: apiError)) }
        if let status, !(200..<300).contains(status) { throw json.error(.unexpectedStatus) }
        let rows = try top.objects("Data").map(day(from:))
        return try DailyRows.normalised(rows, source: source, status: status)
    }

    /// The API's own message when `top` is an error envelope (data-api `Err` or min-api `Response: Error`).
    static func apiErrorMessage(in top: JSONObject) -> String? {
        if let err = top.object("Err"), !err.values.isEmpty {
            if let message = err.string("message"), !message.isEmpty { return message }
            return "error type \(err.string("type") ?? "unknown") without a message"
        }
        if top.string("Response") == "Error" {
            return top.string("Message").flatMap { $0.isEmpty ? nil : $0 } ?? "error without a message"
        }
        return nil
    }

    static func day(from item: JSONObject) throws -> CryptoCompareDay {
        let timestamp = try item.integer("TIMESTAMP")
        guard let day = Day(midnightTimestamp: timestamp) else {
            throw item.body.error(.notMidnight(path: item.fieldPath("TIMESTAMP"), timestamp: timestamp))
        }
        return CryptoCompareDay(
            day: day, open: try item.number("OPEN"), high: try item.number("HIGH"), low: try item.number("LOW"),
            close: try item.number("CLOSE"), volume: try item.number("VOLUME"),
            volumeBuy: try item.number("VOLUME_BUY"), volumeSell: try item.number("VOLUME_SELL"),
            lastTradeTimestamp: item.has("LAST_TRADE_TIMESTAMP") ? try item.integer("LAST_TRADE_TIMESTAMP") : nil)
    }
}
