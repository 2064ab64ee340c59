import ForesiteCore
import Foundation

/// The Crypto Fear & Greed Index from alternative.me (`GET {base}/fng/?limit=N`).
///
/// `limit=0` returns the full history (since 2018-02-01) in one response, so there is no paging; updates ask
/// for just the days missing since the last stored reading. The API needs no key.
public struct AlternativeMeClient: Sendable {
    public var baseURL: URL
    public var http: RetryingClient

    public init(baseURL: URL, http: RetryingClient) {
        self.baseURL = baseURL
        self.http = http
    }

    /// Readings ascending by day: the full history when `since` is nil, else the days from `since` on.
    public func readings(since: Day? = nil) async throws -> [FearGreedReading] {
        let limit = since.map { max(1, http.clock.today.days(since: $0) + 1) } ?? 0
        let readings = try await readings(limit: limit)
        return readings.filter { since == nil || $0.day >= since! }
    }

    /// The newest `limit` readings (0 = all), ascending by day.
    public func readings(limit: Int) async throws -> [FearGreedReading] {
        var components = URLComponents(
            url: baseURL.appendingPathComponent("fng/"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "limit", value: String(limit))]
        let request = HTTPRequest(
            url: components.url!, headers: ["Accept": "application/json", "User-Agent": "foresite"])
        let outcome = try await http.send(request, source: AlternativeMeParser.source)
        do {
            let readings = try AlternativeMeParser.readings(
                from: outcome.response.body, status: outcome.response.status)
            http.logger.info(
                "alternative.me: \(readings.count) readings \(readings.first?.day.iso ?? "-") … \(readings.last?.day.iso ?? "-")"
            )
            return readings
        } catch var error as IngestError {
            error.attempts = outcome.attempts
            throw error
        }
    }
}
