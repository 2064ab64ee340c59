import ForesiteCore
import ForesiteIngest
import ForesiteTestSupport
import Foundation
import Logging

/// Hand-made bodies in the real wire formats (Architecture.md, "Ingest"), small enough to read in the test.
enum Fixtures {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// One data-api `Data` item in the field order and types of the spec (TYPE a string, ids integers).
    static func dataAPIItem(
        _ day: Day, open: Double, high: Double? = nil, low: Double? = nil, close: Double? = nil,
        volume: Double = 1000, lastTrade: Int? = nil, numbersAsStrings: Bool = false
    ) -> String {
        let close = close ?? open * 1.01
        let high = high ?? max(open, close) * 1.02
        let low = low ?? min(open, close) * 0.98
        func number(_ value: Double) -> String { numbersAsStrings ? "\"\(value)\"" : "\(value)" }
        let lastTrade = lastTrade ?? (day.timestamp + 86_399)
        return """
            {"UNIT":"DAY","TIMESTAMP":\(numbersAsStrings ? "\"\(day.timestamp)\"" : "\(day.timestamp)"),"TYPE":"954",\
            "MARKET":"kraken","INSTRUMENT":"SOLUSD","MAPPED_INSTRUMENT":"SOL-USD","BASE":"SOL","QUOTE":"USD",\
            "BASE_ID":3,"QUOTE_ID":5,"TRANSFORM_FUNCTION":"","OPEN":\(number(open)),"HIGH":\(number(high)),\
            "LOW":\(number(low)),"CLOSE":\(number(close)),"FIRST_TRADE_TIMESTAMP":\(day.timestamp + 5),\
            "LAST_TRADE_TIMESTAMP":\(lastTrade),"TOTAL_TRADES":120,"VOLUME":\(number(volume)),\
            "QUOTE_VOLUME":\(volume * open),"VOLUME_BUY":\(number(volume * 0.6)),"VOLUME_SELL":\(number(volume * 0.4)),\
            "VOLUME_UNKNOWN":0}
            """
    }

    /// A success envelope of consecutive days starting at `first`; each day's open is the same in every
    /// page (100 on 2024-12-01, one more per day), so overlapping pages agree.
    static func dataAPIPage(from first: Day, count: Int, numbersAsStrings: Bool = false) -> String {
        let items = (0..<count).map {
            let day = first.adding(days: $0)
            return dataAPIItem(day, open: openOn(day), numbersAsStrings: numbersAsStrings)
        }
        return dataAPIEnvelope(items)
    }

    static func openOn(_ day: Day) -> Double { 100 + Double(day.days(since: Day(iso: "2024-12-01")!)) }

    static func dataAPIEnvelope(_ items: [String]) -> String {
        "{\"Data\":[\(items.joined(separator: ","))],\"Err\":{}}"
    }

    static func dataAPIError(type: Int, message: String, param: String = "market", value: String = "krakn") -> String {
        """
        {"Data":{},"Err":{"type":\(type),"message":"\(message)","other_info":{"param":"\(param)","values":["\(value)"]}}}
        """
    }

    /// An alternative.me body, newest first as the API sends it.
    static func fearGreedBody(_ readings: [(String, Int, String)], error: String? = nil) -> String {
        let items = readings.sorted { $0.0 > $1.0 }.map { iso, value, label in
            "{\"value\":\"\(value)\",\"value_classification\":\"\(label)\",\"timestamp\":\"\(day(iso).timestamp)\"}"
        }
        let errorJSON = error.map { "\"\($0)\"" } ?? "null"
        return "{\"name\":\"Fear and Greed Index\",\"data\":[\(items.joined(separator: ","))],"
            + "\"metadata\":{\"error\":\(errorJSON)}}"
    }

    /// A retrying client over the live URLSession transport with virtual sleeps and a fixed clock.
    static func http(
        time: VirtualTime = VirtualTime(), today: Day = day("2024-12-23"), attempts: Int = 3, timeout: Double = 5,
        logger: Logger = Logger(label: "test")
    ) -> RetryingClient {
        RetryingClient(
            transport: .live,
            policy: RetryPolicy(attempts: attempts, maxSeconds: 60, baseDelaySeconds: 0.5, timeoutSeconds: timeout),
            sleeper: .virtual(time), jitter: .seeded(1), clock: .at(today), logger: logger)
    }

    static func cryptoCompare(
        _ server: LoopbackServer, key: String? = "test-key", http: RetryingClient = Fixtures.http()
    ) -> CryptoCompareClient {
        CryptoCompareClient(baseURL: server.baseURL, apiKey: key.flatMap(APIKey.init), http: http)
    }
}
