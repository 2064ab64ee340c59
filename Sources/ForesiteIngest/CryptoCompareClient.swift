import ForesiteCore
import Foundation

/// Daily candles from the CryptoCompare data-api (`GET {base}/spot/v1/historical/days`).
///
/// Full history pages backwards as the API's documentation prescribes: `limit=2000`, then
/// `to_ts=<earliest TIMESTAMP received>` until a short or empty page. Whether `to_ts` is inclusive is not
/// documented, so the boundary day may come twice; identical repeats are merged. A day is `complete` when it
/// had ended at fetch time (before today per the injected clock), so today's partial candle is stored
/// flagged and replaced on the next run.
public struct CryptoCompareClient: Sendable {
    public var baseURL: URL
    /// Sent as `Authorization: Apikey …`; nil sends no header (the API then applies anonymous limits).
    public var apiKey: APIKey?
    public var http: RetryingClient
    public var pageSize: Int
    /// A guard against a server that never sends a short page: 100 pages of 2000 days is 547 years.
    public var maxPages: Int

    public init(baseURL: URL, apiKey: APIKey?, http: RetryingClient, pageSize: Int = 2000, maxPages: Int = 100) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.http = http
        self.pageSize = pageSize
        self.maxPages = maxPages
    }

    /// Candles for `instrument` on `market`, ascending: everything the API has when `since` is nil, else the
    /// days from `since` through today.
    public func candles(market: String, instrument: String, since: Day? = nil) async throws -> [Candle] {
        let today = http.clock.today
        let limit = since.map { min(pageSize, max(1, today.days(since: $0) + 1)) } ?? pageSize
        var collected: [CryptoCompareDay] = []
        var toTimestamp: Int?
        var earliest: Day?
        for page in 1...maxPages {
            let rows = try await fetchPage(market: market, instrument: instrument, limit: limit, to: toTimestamp)
            collected += rows
            guard let pageEarliest = rows.first?.day else { break }
            http.logger.info(
                "cryptocompare: \(market) \(instrument) page \(page): \(rows.count) days \(pageEarliest) … \(rows.last!.day)"
            )
            if rows.count < limit { break }
            if let since, pageEarliest <= since { break }
            if let earliest, pageEarliest >= earliest { break }  // no progress: the server ignores to_ts
            earliest = pageEarliest
            toTimestamp = pageEarliest.timestamp
        }
        let merged = try DailyRows.normalised(collected, source: CryptoCompareParser.source)
        return merged.filter { since == nil || $0.day >= since! }.map { $0.candle(complete: $0.day < today) }
    }

    func fetchPage(market: String, instrument: String, limit: Int, to toTimestamp: Int?) async throws
        -> [CryptoCompareDay]
    {
        var components = URLComponents(
            url: baseURL.appendingPathComponent("spot/v1/historical/days"), resolvingAgainstBaseURL: false)!
        components.queryItems =
            [
                URLQueryItem(name: "market", value: market), URLQueryItem(name: "instrument", value: instrument),
                URLQueryItem(name: "limit", value: String(limit)),
            ] + (toTimestamp.map { [URLQueryItem(name: "to_ts", value: String($0))] } ?? [])
        var headers = ["Accept": "application/json", "User-Agent": "foresite"]
        if let apiKey { headers["Authorization"] = "Apikey \(apiKey.secret)" }
        let request = HTTPRequest(url: components.url!, headers: headers)
        do {
            let outcome = try await http.send(request, source: CryptoCompareParser.source)
            do {
                return try CryptoCompareParser.days(from: outcome.response.body, status: outcome.response.status)
            } catch var error as IngestError {
                error.attempts = outcome.attempts
                throw error
            }
        } catch let error as IngestError {
            throw error.redacting(apiKey?.secret)
        }
    }
}
