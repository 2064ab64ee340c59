import ForesiteCore
import ForesiteIngest
import ForesitePipeline
import ForesiteStore
import Foundation

/// `scale`: how the daily run (without training) and the site build grow with the length of the history
/// and the number of covariate instruments, on the demo market.
///
/// The daily run must stay at most linear in the history (it reads the store once per stage) and the build
/// nearly flat (the site shows a fixed window). Each case fills a fresh workspace with the demo history up
/// to its last day, trains one tiny model so that a champion exists (not timed), then times three daily
/// runs on the following days (update of the new day, predict, build; retraining not due) and three builds.
/// The build's load, render and write times come from the run whose build took the median time.
enum ScaleBenchmark {
    struct Case {
        var years: Int
        var covariates: Int
    }

    struct Timing {
        var rows: Int
        var backfill: Double
        var update: Double
        var predict: Double
        var build: Double
        /// The build's parts: loading the content; rendering, checking and writing (`SiteBuilder.build`).
        var load: Double
        var site: Double
        var indexBytes: Int
        var run: Double { update + predict + build }
    }

    static let cases = [
        Case(years: 1, covariates: 1), Case(years: 5, covariates: 1), Case(years: 20, covariates: 1),
        Case(years: 5, covariates: 3), Case(years: 5, covariates: 10),
    ]

    /// `FORESITE_SCALE_CASES=20x1,5x10` runs only those cases (years x covariates).
    static func selectedCases() -> [Case] {
        guard let list = ProcessInfo.processInfo.environment["FORESITE_SCALE_CASES"] else { return cases }
        return list.split(separator: ",").compactMap { item in
            let parts = item.split(separator: "x").compactMap { Int($0) }
            return parts.count == 2 ? Case(years: parts[0], covariates: parts[1]) : nil
        }
    }

    static func run() throws {
        print(
            "years  covariates    rows  backfill s  update s  predict s  build s  (load   site)  run s"
                + "  index.html B")
        var timings: [(Case, Timing)] = []
        for scaleCase in selectedCases() {
            // A case that fails (e.g. a page over its size budget) is reported and the others still run.
            let timing: Timing
            do {
                timing = try measure(scaleCase)
            } catch {
                print(String(format: "%5d  %10d  failed: %@", scaleCase.years, scaleCase.covariates, "\(error)"))
                continue
            }
            timings.append((scaleCase, timing))
            print(
                String(
                    format: "%5d  %10d  %6d  %10.3f  %8.3f  %9.3f  %7.3f  (%5.3f  %5.3f)  %5.3f  %12d",
                    scaleCase.years, scaleCase.covariates, timing.rows, timing.backfill, timing.update,
                    timing.predict, timing.build, timing.load, timing.site, timing.run,
                    timing.indexBytes))
        }
        let byYears = timings.filter { $0.0.covariates == 1 }.sorted { $0.0.years < $1.0.years }
        if let first = byYears.first, let last = byYears.last, first.0.years < last.0.years {
            let growth = Double(last.0.years) / Double(first.0.years)
            let runRatio = last.1.run / first.1.run
            let buildRatio = last.1.build / first.1.build
            print(
                String(
                    format: "history ×%.0f: run ×%.2f (%@), build ×%.2f (%@)", growth, runRatio,
                    runRatio <= growth ? "at most linear" : "SUPERLINEAR", buildRatio,
                    buildRatio <= 2 ? "nearly flat" : "grows with history"))
        }
    }

    static func measure(_ scaleCase: Case) throws -> Timing {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foresite-scale-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var workspace = Workspace(root: folder, config: config(covariates: scaleCase.covariates), console: .silent)
        workspace.isDemo = true
        let lastDay = DemoMarket.epoch.adding(days: scaleCase.years * 365)
        workspace.clock = .at(lastDay.adding(days: 1))
        let store = try workspace.openStore()
        var timing = Timing(
            rows: 0, backfill: 0, update: 0, predict: 0, build: 0, load: 0, site: 0, indexBytes: 0)
        timing.backfill = try seconds { try update(workspace, store: store) }
        timing.rows = try store.summaries(today: workspace.today).reduce(0) { $0 + $1.rows }
        _ = try Training.run(workspace, store: store)

        let repeats = 3
        var updates: [Double] = []
        var predictions: [Double] = []
        var builds: [SiteBuild.Report] = []
        for day in 1...repeats {
            workspace.clock = .at(lastDay.adding(days: 1 + day))
            // The store keeps the clock it was opened with (it stamps runs and guards the ledger).
            let store = try workspace.openStore()
            let due = try DailyRun.trainingDue(workspace, store: store)
            precondition(due == nil, "retraining must not be due")
            updates.append(try seconds { try update(workspace, store: store) })
            predictions.append(try seconds { _ = try Prediction.run(workspace, store: store) })
            builds.append(try SiteBuild.run(workspace, store: store))
        }
        timing.update = median(updates)
        timing.predict = median(predictions)
        // The parts come from the build whose total is the median.
        let build = builds.sorted { $0.seconds < $1.seconds }[builds.count / 2]
        timing.build = build.seconds
        timing.load = build.loadSeconds
        timing.site = build.buildSeconds
        timing.indexBytes = build.indexBytes
        return timing
    }

    /// The demo update, as `run --demo` does it: the demo market's days after the newest stored one, through
    /// yesterday, in one write.
    static func update(_ workspace: Workspace, store: FeatureStore) throws {
        let config = workspace.config
        let yesterday = workspace.today.adding(days: -1)
        let history = DemoMarket().history(instruments: config.instruments.count, through: yesterday)
        let stored = try store.lastCompleteDay(group: config.target.group)
        func isNew(_ day: Day) -> Bool { stored.map { day > $0 } ?? true }
        _ = try store.write(command: "update --demo") { writer in
            for (index, instrument) in config.instruments.enumerated() {
                _ = try writer.upsert(history.candles[index].filter { isNew($0.day) }, into: instrument.group)
            }
            _ = try writer.upsert(history.fearGreed.filter { isNew($0.day) })
        }
    }

    /// The repository's templates, a tiny model and `covariates` instruments, each feeding its close.
    static func config(covariates: Int) -> Config {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        var config = Config()
        config.site.templates = root.appendingPathComponent("templates").path
        config.site.staticFiles = root.appendingPathComponent("site/static").path
        config.model.epochs = 1
        config.model.hidden = 4
        config.model.dense = 4
        config.model.ensemble = 1
        config.model.retrainEveryDays = 1000
        for index in 1..<covariates {
            config.covariates.append(
                Config.Instrument(group: "alt\(index)", market: "kraken", instrument: "ALT\(index)-USD"))
            config.model.inputs.insert("alt\(index).close", at: config.model.inputs.count - 1)
        }
        return config
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let started = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
