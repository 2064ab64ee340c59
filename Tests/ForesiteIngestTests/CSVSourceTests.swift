import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteIngest

/// The generic CSV source: a date column and configured numeric columns, from a file or over HTTP.
@Suite struct CSVSourceTests {
    static let today = Fixtures.day("2024-12-23")
    static let format = Config.CSVSeries(location: .file("data/rain.csv"), columns: ["mm", "temp"])

    static func parse(_ text: String, format: Config.CSVSeries = format) throws -> [DailyValues] {
        try CSVSeriesParser.rows(from: Data(text.utf8), format: format, source: "csv rain.csv", today: today)
    }

    /// The line a failure shows, as `IngestError.description` gives it.
    static func failure(_ text: String, format: Config.CSVSeries = format) -> String? {
        do {
            _ = try parse(text, format: format)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func readsTheConfiguredColumnsByHeaderInAnyOrder() throws {
        let rows = try Self.parse(
            """
            station,temp,date,mm
            A,4.5,2024-12-21,0
            A,3.25, 2024-12-20 ,12.5
            A,-1,2024-12-23,1e-1
            """)
        #expect(rows.map(\.day.iso) == ["2024-12-20", "2024-12-21", "2024-12-23"])
        #expect(rows[0].values == ["mm": 12.5, "temp": 3.25])
        #expect(rows[2].values == ["mm": 0.1, "temp": -1])
        // Today's UTC day has not ended: stored flagged, never trained on.
        #expect(rows.map(\.complete) == [true, true, false])
    }

    @Test func readsUnixSecondsAndOtherPatternsInTheConfiguredTimeZone() throws {
        var format = Config.CSVSeries(location: .file("x.csv"), columns: ["level"])
        format.dateFormat = "unix"
        // 2024-12-20 23:30 UTC is still the 20th in UTC …
        #expect(try Self.parse("date,level\n1734737400,7\n", format: format).map(\.day.iso) == ["2024-12-20"])
        // … but already the 21st in Paris.
        format.timezone = "Europe/Paris"
        #expect(try Self.parse("date,level\n1734737400,7\n", format: format).map(\.day.iso) == ["2024-12-21"])
        format.dateFormat = "dd/MM/yyyy"
        format.dateColumn = "Datum"
        #expect(try Self.parse("Datum,level\n03/02/2001,7\n", format: format).map(\.day.iso) == ["2001-02-03"])
    }

    /// `yyyy-MM-dd` cells are read without `DateFormatter`; the same pattern with its dashes quoted goes
    /// through it. Both must give the same days, in zones whose clocks skip midnight on some days (Santiago,
    /// Havana, Asunción, Tehran until 2022), and reject or accept the same malformed or impossible cells.
    @Test(arguments: ["UTC", "America/Santiago", "America/Havana", "America/Asuncion", "Asia/Tehran", "Pacific/Apia"])
    func isoDatesReadWithoutFormatterAsFoundationReadsThem(zone: String) throws {
        var fast = Config.CSVSeries(location: .file("x.csv"), columns: ["level"])
        fast.timezone = zone
        var formatted = fast
        formatted.dateFormat = "yyyy'-'MM'-'dd"
        let first = Fixtures.day("2019-01-01")
        let days = (0..<(366 * 4)).map { first.adding(days: $0 * 2) }
        let body = "date,level\n" + days.map { "\($0.iso),1\n" }.joined()
        let expected = try Self.parse(body, format: formatted).map(\.day)
        #expect(expected == days, "the formatter itself reads the dates as written in \(zone)")
        #expect(try Self.parse(body, format: fast).map(\.day) == expected)
        for cell in [
            "2023-02-29", "2024-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024-1-01", "2024/01/01",
            "20240101", "2024-01-01T00:00", "1500-02-29", "1582-10-10", "1599-12-31", "1600-01-01", "+024-01-01",
        ] {
            let text = "date,level\n\(cell),1\n"
            let byFormatter = (try? Self.parse(text, format: formatted))?.map(\.day)
            #expect((try? Self.parse(text, format: fast))?.map(\.day) == byFormatter, "\(cell) in \(zone)")
        }
    }

    @Test(arguments: [
        (
            "date,millimetres,temp\n2024-12-20,1,2\n",
            "csv rain.csv: header has no column 'mm' (it has 'date', 'millimetres', 'temp')"
        ),
        (
            "date,mm,temp\n2024-12-20,1,2\n2024/12/21,1,2\n",
            "csv rain.csv: line 3, column date: \"2024/12/21\" is not a date in the format yyyy-MM-dd"
        ),
        (
            "date,mm,temp\n2024-12-20,1,2\n2024-13-01,1,2\n",
            "csv rain.csv: line 3, column date: \"2024-13-01\" is not a date in the format yyyy-MM-dd"
        ),
        ("date,mm,temp\n2024-12-20,1,2\n2024-12-21,n/a,2\n", "csv rain.csv: line 3, column mm: not a number: \"n/a\""),
        ("date,mm,temp\n2024-12-20,1,inf\n", "csv rain.csv: line 2, column temp: not a number: \"inf\""),
        (
            "date,mm,temp\n2024-12-20,1,2\n2024-12-21,1,2\n2024-12-20,1,2\n",
            "csv rain.csv: line 4: day 2024-12-20 again (first on line 2)"
        ),
        ("date,mm,temp\n2024-12-20,1,2\n2024-12-21,1", "csv rain.csv: line 3: 2 cells, the header has 3"),
        ("", "csv rain.csv: file is empty"),
    ])
    func namesTheLineColumnAndValueOfEveryProblem(text: String, expected: String) {
        #expect(Self.failure(text) == expected)
    }

    @Test func readsAFileRelativeToTheRoot() async throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: directory.path("data"), withIntermediateDirectories: true)
        try "date,mm,temp\n2024-12-21,1,2\n2024-12-22,3,4\n".write(
            to: directory.path("data/rain.csv"), atomically: true, encoding: .utf8)
        let context = SourceRegistry.Context(
            http: Fixtures.http(), cryptoCompareURL: URL(string: "http://127.0.0.1:1")!,
            alternativeMeURL: URL(string: "http://127.0.0.1:1")!, apiKey: nil, root: directory.url)
        let source = try SourceRegistry.standard.source(
            for: Config.Instrument(group: "rainfall", csv: Self.format), context: context)
        #expect(source.name == "csv data/rain.csv")
        #expect(try await source.rows(since: Fixtures.day("2024-12-22")).count == 1)
        guard case .values(let rows) = try await source.rows(since: nil) else {
            Issue.record("not daily values")
            return
        }
        #expect(rows.map(\.values) == [["mm": 1, "temp": 2], ["mm": 3, "temp": 4]])

        try FileManager.default.removeItem(at: directory.path("data/rain.csv"))
        let error = try await #require(throws: IngestError.self) { try await source.rows(since: nil) }
        #expect(error.description == "csv data/rain.csv: cannot read file: no such file")
    }

    @Test func readsABodyOverHTTPWithRetries() async throws {
        let body = "date,mm,temp\n2024-12-21,1,2\n2024-12-22,3,4\n"
        let server = try LoopbackServer(script: [
            .text(503, "busy", contentType: "text/plain"), .text(200, body, contentType: "text/csv"),
        ])
        let format = Config.CSVSeries(
            location: .url(server.baseURL.absoluteString + "/rain.csv?token=s3cret"), columns: ["mm"])
        let source = try Self.httpSource(format)
        guard case .values(let rows) = try await source.rows(since: nil) else {
            Issue.record("not daily values")
            return
        }
        #expect(rows.map(\.values) == [["mm": 1], ["mm": 3]])
        #expect(server.requests.count == 2 && server.requests.allSatisfy { $0.path == "/rain.csv" })
        // The query, which may hold a token, stays out of the source's name.
        #expect(source.name == "csv 127.0.0.1/rain.csv")
    }

    @Test func reportsATruncatedBodyAsTruncated() async throws {
        let body = Data("date,mm,temp\n2024-12-21,1,2\n2024-12-22,3,4\n".utf8)
        let server = try LoopbackServer { _, _ in .truncated(status: 200, body: body, bytes: 20) }
        let format = Config.CSVSeries(location: .url(server.baseURL.absoluteString + "/rain.csv"), columns: ["mm"])
        let error = try await #require(throws: IngestError.self) {
            try await Self.httpSource(format).rows(since: nil)
        }
        guard case .truncatedResponse = error.reason else {
            Issue.record("got \(error)")
            return
        }
        #expect(error.description.hasPrefix("csv 127.0.0.1/rain.csv: response truncated"))
    }

    @Test func reportsAFailureStatus() async throws {
        let server = try LoopbackServer(script: [.text(404, "no such series", contentType: "text/plain")])
        let format = Config.CSVSeries(location: .url(server.baseURL.absoluteString + "/rain.csv"), columns: ["mm"])
        let error = try await #require(throws: IngestError.self) {
            try await Self.httpSource(format).rows(since: nil)
        }
        #expect(error.description == "csv 127.0.0.1/rain.csv: unexpected response status (HTTP 404)")
    }

    static func httpSource(_ format: Config.CSVSeries) throws -> any DailySource {
        let context = SourceRegistry.Context(
            http: Fixtures.http(), cryptoCompareURL: URL(string: "http://127.0.0.1:1")!,
            alternativeMeURL: URL(string: "http://127.0.0.1:1")!, apiKey: nil, root: URL(fileURLWithPath: "/"))
        return try SourceRegistry.standard.source(
            for: Config.Instrument(group: "rainfall", csv: format), context: context)
    }
}
