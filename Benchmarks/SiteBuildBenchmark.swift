import ForesiteCore
import ForesiteSite
import Foundation

/// `foresite-bench site-build`: builds a site from five years of synthetic content (with a year of daily
/// forecasts of six models in the ledger: some 380 pages and 2,200 hub files) day after day, as the daily
/// run does, and prints page sizes and build times.
///
/// Each run is the next day: one more day of prices, forecasts and actuals. The first run writes into an
/// empty folder; after it, runs alternate between a warm build (the build cache and previous site from
/// yesterday's run, as every daily build has them) and a cold one (the cache deleted first, so every file
/// is made and checked again; the previous sites stay). Budget (issue 5): the full build ≤ 300 ms in a
/// release build, index.html ≤ 200 KB. `FORESITE_BENCH_OUTPUT=DIR` keeps the last build in DIR;
/// `FORESITE_BENCH_COLD=0` makes every run after the first warm (for profiling), `=1` every one cold.
enum SiteBuildBenchmark {
    static func run() throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let runs = max(3, Int(ProcessInfo.processInfo.environment["FORESITE_BENCH_RUNS"] ?? "") ?? 21)
        let full = SiteContent.synthetic(days: 5 * 365 + 1 + runs, forecastDays: 365 + runs)
        let firstDay = full.asOf.adding(days: -(runs - 1))
        let output =
            ProcessInfo.processInfo.environment["FORESITE_BENCH_OUTPUT"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("foresite-bench-site-\(getpid())/docs")
        defer {
            if ProcessInfo.processInfo.environment["FORESITE_BENCH_OUTPUT"] == nil {
                try? FileManager.default.removeItem(at: output.deletingLastPathComponent())
            }
        }
        let cache = output.deletingLastPathComponent().appendingPathComponent(
            ".\(output.lastPathComponent).build-cache")
        let loadStart = DispatchTime.now()
        let builder = try SiteBuilder(
            templatesDirectory: root.appendingPathComponent("templates"),
            staticDirectory: root.appendingPathComponent("site/static"))
        let loadMilliseconds = milliseconds(since: loadStart)

        let coldRuns = ProcessInfo.processInfo.environment["FORESITE_BENCH_COLD"].map { $0 == "1" }
        var first = 0.0
        var warm: [Double] = []
        var cold: [Double] = []
        var warmCPU: [Double] = []
        var coldCPU: [Double] = []
        var files = SiteFiles()
        var content = full
        for run in 0..<runs {
            content = full.through(firstDay.adding(days: run))
            let isCold = run > 0 && (coldRuns == nil ? run % 2 == 0 : coldRuns!)
            if isCold { try? FileManager.default.removeItem(at: cache) }
            let start = DispatchTime.now()
            let cpuStart = cpuMilliseconds()
            files = try builder.build(content, into: output)
            let time = milliseconds(since: start)
            let cpu = cpuMilliseconds() - cpuStart
            if run == 0 {
                first = time
            } else if isCold {
                cold.append(time)
                coldCPU.append(cpu)
            } else {
                warm.append(time)
                warmCPU.append(cpu)
            }
        }
        print("cpu: \(TrainingBenchmark.cpuModel()), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(
            "content: \(content.targetCandles.count) days, \(content.ledger.count) ledger rows, "
                + "\(content.ledgerRecords.count) ledger records, \(content.archive.count) archive days; "
                + "\(files.count) files, \(files.byteCount / 1_000_000) MB")
        print("templates + static loaded in \(format(loadMilliseconds)) ms")
        for path in files.paths
        where !path.hasPrefix("static/") && !path.hasPrefix("hub/model-output/") && !path.hasPrefix("forecasts/2") {
            print("  \(path.padding(toLength: 26, withPad: " ", startingAt: 0)) \(files.size(path)!) bytes")
        }
        if !warm.isEmpty {
            print("full build, warm (yesterday's cache and site, one new day): \(summary(warm))")
            print("  CPU time (user + system, all threads): \(summary(warmCPU))")
        }
        if !cold.isEmpty {
            print("full build, cold (no cache; one new day): \(summary(cold))")
            print("  CPU time (user + system, all threads): \(summary(coldCPU))")
        }
        print("first build, into an empty folder: \(format(first)) ms")
        if let peak = TrainingBenchmark.peakResidentMegabytes() { print("peak RSS: \(format(peak)) MB") }
        if !warm.isEmpty {
            let median = warm.sorted()[warm.count / 2]
            print(median <= 300 ? "warm build within the 300 ms budget" : "warm build OVER the 300 ms budget")
        }
    }

    /// CPU time of the process so far (every thread, user and system).
    static func cpuMilliseconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        let user = Double(usage.ru_utime.tv_sec) * 1e3 + Double(usage.ru_utime.tv_usec) / 1e3
        let system = Double(usage.ru_stime.tv_sec) * 1e3 + Double(usage.ru_stime.tv_usec) / 1e3
        return user + system
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
