import ForesiteCore
import ForesiteForecast
import ForesiteIngest
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesitePipeline

/// A CSV covariate from the configuration file through ingestion into the model's frame, with the
/// CryptoCompare target and the CSV served by one loopback server; and every way the CSV can be wrong
/// ending in one line that names the source and what was kept, with the store unchanged.
@Suite struct CSVSourceIngestionTests {
    static let today = IngestionTests.today
    static let first = Day(iso: "2024-01-01")!
    static let days = today.days(since: first) + 1

    /// The CSV the server currently serves (a test swaps it between runs).
    final class CSVReply: @unchecked Sendable {
        private let lock = NSLock()
        private var reply: LoopbackServer.Reply

        init(_ reply: LoopbackServer.Reply) { self.reply = reply }

        var current: LoopbackServer.Reply {
            get { lock.withLock { reply } }
            set { lock.withLock { reply = newValue } }
        }
    }

    static func mm(_ day: Day) -> Double { Double(day.daysSinceEpoch % 7) * 1.5 }
    static func temp(_ day: Day) -> Double { 4 + Double(day.days(since: first)) / 4 }

    /// One line a day from `first` through today (which has not ended), header first.
    static var goodLines: [String] {
        ["date,mm,temp"]
            + (0...today.days(since: first)).map { offset in
                let day = first.adding(days: offset)
                return "\(day.iso),\(mm(day)),\(temp(day))"
            }
    }

    static func csv(_ lines: [String]) -> LoopbackServer.Reply {
        .text(200, lines.joined(separator: "\n") + "\n", contentType: "text/csv")
    }

    struct Fixture {
        let directory: TemporaryDirectory
        let server: LoopbackServer
        let reply = CSVReply(CSVSourceIngestionTests.csv(CSVSourceIngestionTests.goodLines))
        let workspace: Workspace

        init() throws {
            directory = try TemporaryDirectory()
            let reply = self.reply
            server = try LoopbackServer { request, _ in
                request.path == "/rain.csv"
                    ? reply.current
                    : IngestionTests.candleReply(
                        request, first: CSVSourceIngestionTests.first, last: CSVSourceIngestionTests.today)
            }
            let yaml = """
                site:
                  output: \(directory.path("docs").path)
                  templates: \(SharedData.packageRoot.appendingPathComponent("templates").path)
                  static: \(SharedData.packageRoot.appendingPathComponent("site/static").path)
                store:
                  path: \(directory.path("foresite.sqlite").path)
                  models: \(directory.path("models").path)
                fear_greed:
                  enabled: false
                covariates:
                  - group: rainfall
                    source: csv
                    url: \(server.baseURL.absoluteString)/rain.csv
                    date_column: date
                    columns: [mm, temp]
                    date_format: yyyy-MM-dd
                    timezone: UTC
                model:
                  inputs: [solana.close, rainfall.mm, rainfall.temp]
                  epochs: 2
                  hidden: 8
                sources:
                  cryptocompare_url: \(server.baseURL.absoluteString)
                  retry:
                    attempts: 1
                    timeout_seconds: 5
                """
            let path = directory.path("foresite.yml").path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            workspace = Workspace(
                root: directory.url, config: try ConfigLoader.load(path: path),
                clock: .at(CSVSourceIngestionTests.today), console: .capturing(into: LineCollector()),
                environment: [:])
        }

        func run(_ mode: Ingestion.Mode, store: FeatureStore) async throws -> SourceUpdate {
            try await Self.run(mode, workspace, store: store)
        }

        static func run(_ mode: Ingestion.Mode, _ workspace: Workspace, store: FeatureStore) async throws
            -> SourceUpdate
        {
            try await Ingestion.run(
                mode, workspace, store: store,
                sources: try .live(workspace, sleeper: .virtual(VirtualTime()), jitter: .constant(0)))
        }
    }

    @Test func aCSVCovariateFeedsTheModelsInputs() async throws {
        let fixture = try Fixture()
        let store = try fixture.workspace.openStore()
        let backfill = try await fixture.run(.backfill, store: store)
        #expect(backfill.failures.isEmpty)
        #expect(backfill.summaries.map(\.group) == ["solana", "rainfall"])
        #expect(backfill.summaries.map(\.inserted) == [Self.days, Self.days])
        #expect(backfill.sourceOfGroup["rainfall"] == "csv 127.0.0.1/rain.csv")
        #expect(try store.incompleteDays(group: "rainfall") == [Self.today])
        #expect(try store.lastCompleteDay(group: "rainfall") == Self.today.adding(days: -1))

        let frame = try FeatureFrameLoader.load(fixture.workspace, from: store, through: Self.today.adding(days: -1))
        #expect(frame.columns == ["solana.close", "rainfall.mm", "rainfall.temp"])
        #expect(frame.days.first == Self.first && frame.days.last == Self.today.adding(days: -1))
        let day = Day(iso: "2024-11-15")!
        let row = try #require(frame.days.firstIndex(of: day))
        #expect(frame.rows[row] == [100 + Double(day.days(since: Self.first)) + 1, Self.mm(day), Self.temp(day)])

        // An update on the same day changes nothing.
        let hash = try store.contentHash()
        let update = try await fixture.run(.update, store: store)
        #expect(update.failures.isEmpty && update.summaries.map(\.changedRows) == [0, 0])
        #expect(try store.contentHash() == hash)
    }

    /// The daily run with a CSV covariate among the LSTM's inputs: train, every model's forecast, the site.
    @Test func aDailyRunWithACSVCovariateTrainsPredictsAndBuilds() async throws {
        let fixture = try Fixture()
        let store = try fixture.workspace.openStore()
        _ = try await fixture.run(.backfill, store: store)
        let report = try await DailyRun.run(fixture.workspace, store: store) { workspace, store in
            try await Fixture.run(.update, workspace, store: store)
        }
        #expect(report.outcome == .ok)
        #expect(report.training != nil)
        let prediction = try #require(report.prediction)
        #expect(prediction.forecast(of: .lstm)?.steps.count == fixture.workspace.config.model.horizon)
        let data = try String(
            contentsOf: fixture.workspace.outputURL.appendingPathComponent("data.html"), encoding: .utf8)
        #expect(data.contains("rainfall"))
    }

    /// `backfill --file` into a CSV group reads the file with the group's own columns and date format.
    @Test func aFileIsImportedIntoACSVGroupWithItsSettings() throws {
        let fixture = try Fixture()
        let store = try fixture.workspace.openStore()
        let file = fixture.directory.path("rain-export.csv")
        try (Self.goodLines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let summary = try Ingestion.importFile(file, group: "rainfall", workspace: fixture.workspace, store: store)
        #expect(summary.inserted == Self.days)
        #expect(try store.values(group: "rainfall").first?.values == ["mm": Self.mm(Self.first), "temp": 4])

        let hash = try store.contentHash()
        try "date,mm\n2024-12-01,1\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(
            throws: IngestError(
                source: "rain-export.csv", reason: .missingColumns(["temp"], header: ["date", "mm"]))
        ) {
            try Ingestion.importFile(file, group: "rainfall", workspace: fixture.workspace, store: store)
        }
        #expect(try store.contentHash() == hash)
    }

    static let kept = "rainfall kept its rows through 2024-12-22"
    static let lastLine = goodLines.count  // the line number of today's row (the header is line 1)

    @Test(arguments: [
        (
            "wrong column names",
            csv(["date,rain_mm,temp"] + goodLines.dropFirst()),
            "header has no column 'mm' (it has 'date', 'rain_mm', 'temp')"
        ),
        (
            "an unparsable date",
            csv(goodLines.dropLast() + ["2024/12/23,1,2"]),
            "line \(lastLine), column date: \"2024/12/23\" is not a date in the format yyyy-MM-dd"
        ),
        (
            "a value that is not a number",
            csv(goodLines.dropLast() + ["2024-12-23,n/a,2"]),
            "line \(lastLine), column mm: not a number: \"n/a\""
        ),
        (
            "a duplicate day",
            csv(goodLines + ["2024-12-01,0,4"]),
            "line \(lastLine + 1): day 2024-12-01 again (first on line \(Day(iso: "2024-12-01")!.days(since: first) + 2))"
        ),
    ])
    func aBadCSVIsOneLineAndLeavesTheStoreUnchanged(fault: String, reply: LoopbackServer.Reply, problem: String)
        async throws
    {
        try await Self.expectOneFailure(reply, problem: problem)
    }

    @Test func aTruncatedBodyIsOneLineAndLeavesTheStoreUnchanged() async throws {
        let body = Data((Self.goodLines.joined(separator: "\n") + "\n").utf8)
        try await Self.expectOneFailure(
            .truncated(status: 200, body: body, bytes: 1000),
            problem: "response truncated: the connection closed after 1000 of \(body.count) bytes of the body")
    }

    /// Backfills with the good CSV, serves `reply` instead and updates: the CSV source alone fails, with
    /// `problem`, and neither its group nor anything else in the store changes.
    static func expectOneFailure(_ reply: LoopbackServer.Reply, problem: String) async throws {
        let fixture = try Fixture()
        let store = try fixture.workspace.openStore()
        _ = try await fixture.run(.backfill, store: store)
        let hash = try store.contentHash()
        let rows = try store.values(group: "rainfall")

        fixture.reply.current = reply
        let update = try await fixture.run(.update, store: store)
        #expect(update.failures.map(\.line) == ["csv 127.0.0.1/rain.csv: \(problem); \(kept)"])
        #expect(update.summaries.map(\.group) == ["solana"])
        #expect(try store.values(group: "rainfall") == rows)
        #expect(try store.contentHash() == hash)
        #expect(try store.recentRuns(limit: 1).first?.message.contains("\(problem); \(kept)") == true)
    }
}

/// A CSV series as the target: read from a file in the workspace, stored, trained on and backtested, with
/// persistence's reference the forecast column itself.
@Suite struct CSVTargetTests {
    @Test func aCSVTargetIsTrainedAndBacktested() async throws {
        let directory = try TemporaryDirectory()
        let today = Day(iso: "2024-12-23")!
        let first = today.adding(days: -400)
        let lines = (0...400).map { offset -> String in
            let day = first.adding(days: offset)
            let level = 50 + 10 * sin(Double(offset) / 9) + Double(offset % 5)
            return "\(day.timestamp),\(level),\(level * 3)"
        }
        try FileManager.default.createDirectory(at: directory.path("data"), withIntermediateDirectories: true)
        try (["time,level,flow"] + lines).joined(separator: "\n").write(
            to: directory.path("data/river.csv"), atomically: true, encoding: .utf8)
        let yaml = """
            site:
              templates: \(SharedData.packageRoot.appendingPathComponent("templates").path)
              static: \(SharedData.packageRoot.appendingPathComponent("site/static").path)
            store:
              path: \(directory.path("foresite.sqlite").path)
              models: \(directory.path("models").path)
            target:
              group: river
              file: data/river.csv
              date_column: time
              date_format: unix
              columns: [level, flow]
              field: level
            covariates: []
            fear_greed: {enabled: false}
            model:
              inputs: [river.level, river.flow]
              epochs: 2
              hidden: 4
              window: 5
              horizon: 3
            models: {garch: false}
            """
        let path = directory.path("foresite.yml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let workspace = Workspace(
            root: directory.url, config: try ConfigLoader.load(path: path), clock: .at(today),
            console: .capturing(into: LineCollector()), environment: [:])
        let store = try workspace.openStore()
        let backfill = try await Ingestion.run(.backfill, workspace, store: store, sources: try .live(workspace))
        #expect(backfill.failures.isEmpty && backfill.summaries.map(\.inserted) == [401])
        #expect(backfill.sourceOfGroup == ["river": "csv data/river.csv"])
        #expect(workspace.frameColumns == ["river.level", "river.flow"])

        let training = try Training.run(workspace, store: store)
        #expect(training.split.test > 0)
        let backtest = try Backtesting.run(
            workspace, store: store, options: .init(from: today.adding(days: -30), retrainEvery: 30))
        let models = Set(backtest.result.forecasts.map(\.model))
        #expect(models.contains(.persistence) && models.contains(.lstm))
        // Persistence's median is the target's last known value: the forecast column itself.
        let frame = try FeatureFrameLoader.load(workspace, from: store, through: today.adding(days: -1))
        let level = try frame.values(of: "river.level")
        let origin = try #require(backtest.result.forecasts.first { $0.model == .persistence && $0.horizon == 1 })
        let index = try #require(frame.days.firstIndex(of: origin.origin))
        #expect(origin.forecast.median == level[index])
        // The ledger records the CSV column as the forecast field, chained like any other row, and the site
        // builds from it.
        let prediction = try Prediction.run(workspace, store: store)
        #expect(prediction.published.field == "level")
        #expect(prediction.published.reference == level.last)
        #expect(try store.ledger.forecasts().allSatisfy { $0.field == "level" })
        #expect(try store.ledger.verify().isVerified)
        _ = try SiteBuild.run(workspace, store: store)
        let page = try String(contentsOf: workspace.outputURL.appendingPathComponent("index.html"), encoding: .utf8)
        // A CSV series is no price: plain numbers named by its field, in every page of the site.
        #expect(
            page.contains("river&#39;s level is forecast at")
                || page.contains("Persistence's forecast: river&#39;s level at"))
        #expect(page.contains("the latest known value") && !page.contains(" close of "))
        for file in ["index.html", "accuracy.html", "model.html", "feed.xml", "models/persistence.html"] {
            let text = try String(contentsOf: workspace.outputURL.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("$"), "\(file) shows a dollar sign")
        }
        let persistence = try String(
            contentsOf: workspace.outputURL.appendingPathComponent("models/persistence.html"), encoding: .utf8)
        #expect(persistence.contains("the latest known value (the origin&#39;s level)"))
        // Every model's page names the river's level, never a close or a price.
        for model in ["drift", "lstm", "quantile-ar"] {
            let text = try String(
                contentsOf: workspace.outputURL.appendingPathComponent("models/\(model).html"), encoding: .utf8)
            #expect(text.contains("the latest level") || text.contains("level values"), "\(model)")
            #expect(!text.contains("the latest close") && !text.contains("price"), "\(model)")
        }
        // The data page offers the series' stored days: the day, its columns and the complete flag.
        let csv = try String(
            contentsOf: workspace.outputURL.appendingPathComponent("downloads/river.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n")
        #expect(rows.first == "day,level,flow,complete" && rows.count == 402)
        #expect(rows[1].hasPrefix("\(first.iso),\(50 + 10 * sin(0.0) + 0),"))
        let data = try String(contentsOf: workspace.outputURL.appendingPathComponent("data.html"), encoding: .utf8)
        #expect(data.contains("<a href=\"downloads/river.csv\">river.csv</a>"))
    }
}
