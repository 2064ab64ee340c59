import ForesiteCore
import ForesiteSite
import Foundation

/// `foresite-bench site-build`: renders, checks and writes a site from five years of synthetic content
/// (with a year of daily forecasts in the ledger) `runs` times, and prints page sizes and build times.
/// Runs alternate between two "as of" days, as daily builds do: every page's footer changes, the hub files
/// do not. The first run writes into an empty folder; the others replace the previous run's site.
/// Budget (issue 5): the full build ≤ 300 ms in a release build, index.html ≤ 200 KB.
/// `FORESITE_BENCH_OUTPUT=DIR` keeps the last build in DIR for inspection.
enum SiteBuildBenchmark {
    static func run() throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let runs = Int(ProcessInfo.processInfo.environment["FORESITE_BENCH_RUNS"] ?? "") ?? 20
        let content = SiteContent.synthetic(days: 5 * 365 + 1, forecastDays: 365)
        var nextDay = content
        nextDay.asOf = content.asOf.adding(days: 1)
        let output =
            ProcessInfo.processInfo.environment["FORESITE_BENCH_OUTPUT"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("foresite-bench-site-\(getpid())/docs")
        defer {
            if ProcessInfo.processInfo.environment["FORESITE_BENCH_OUTPUT"] == nil {
                try? FileManager.default.removeItem(at: output.deletingLastPathComponent())
            }
        }
        let loadStart = DispatchTime.now()
        let builder = try SiteBuilder(
            templatesDirectory: root.appendingPathComponent("templates"),
            staticDirectory: root.appendingPathComponent("site/static"))
        let loadMilliseconds = milliseconds(since: loadStart)

        var renderTimes: [Double] = []
        var totalTimes: [Double] = []
        var files = SiteFiles()
        for run in 0..<runs {
            let start = DispatchTime.now()
            files = try builder.render(run % 2 == 0 ? content : nextDay)
            renderTimes.append(milliseconds(since: start))
            try SiteWriter(output: output).write(files)
            totalTimes.append(milliseconds(since: start))
        }
        print("content: \(content.targetCandles.count) days, \(content.ledger.count) ledger rows")
        print("templates + static loaded in \(format(loadMilliseconds)) ms")
        for path in files.paths where !path.hasPrefix("static/") {
            print("  \(path.padding(toLength: 26, withPad: " ", startingAt: 0)) \(files[path]!.count) bytes")
        }
        print("render + check: \(summary(renderTimes))")
        print("full build (render + check + write + swap): \(summary(totalTimes))")
        print("first build, into an empty folder: \(format(totalTimes[0])) ms")
        let median = totalTimes.sorted()[totalTimes.count / 2]
        print(median <= 300 ? "within the 300 ms budget" : "OVER the 300 ms budget")
    }

    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }

    static func summary(_ times: [Double]) -> String {
        let sorted = times.sorted()
        return "median \(format(sorted[sorted.count / 2])) ms, min \(format(sorted.first!)) ms, "
            + "max \(format(sorted.last!)) ms over \(times.count) runs"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
