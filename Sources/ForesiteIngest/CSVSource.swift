import ForesiteCore
import Foundation

/// A daily series in CSV, over HTTP (through the retrying client, so timeouts, retries and truncated bodies
/// behave as for the APIs) or from a local file, parsed by `CSVSeriesParser`.
public struct CSVSource: DailySource {
    public enum Location: Sendable {
        case url(URL, RetryingClient)
        case file(URL)
    }

    public var location: Location
    public var format: Config.CSVSeries
    /// Today's UTC day: rows from it on are incomplete.
    public var clock: Clock

    /// A configured `file:` path: as given when absolute, else relative to `root` (the workspace root).
    public static func fileURL(_ path: String, root: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }

    public init(location: Location, format: Config.CSVSeries, clock: Clock) {
        self.location = location
        self.format = format
        self.clock = clock
    }

    /// `csv data/rain.csv`, or `csv example.org/rain.csv` (a URL without its query, which may hold a token).
    public var name: String {
        switch location {
        case .file:
            return "csv \(format.locationText)"
        case .url(let url, _):
            return "csv " + (url.host ?? "") + url.path
        }
    }

    public func rows(since: Day?) async throws -> SourceRows {
        let body: Data
        switch location {
        case .file(let url):
            do {
                body = try Data(contentsOf: url)
            } catch {
                let nsError = error as NSError
                let missing = nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError
                throw IngestError(
                    source: name, reason: .unreadableFile(missing ? "no such file" : nsError.localizedDescription))
            }
        case .url(let url, let http):
            let request = HTTPRequest(url: url, headers: ["Accept": "text/csv", "User-Agent": "foresite"])
            let outcome = try await http.send(request, source: name)
            guard outcome.response.isSuccess else {
                throw IngestError(
                    source: name, reason: .unexpectedStatus, httpStatus: outcome.response.status,
                    attempts: outcome.attempts)
            }
            body = outcome.response.body
        }
        let rows = try CSVSeriesParser.rows(from: body, format: format, source: name, today: clock.today)
        return .values(rows.filter { since == nil || $0.day >= since! })
    }
}
