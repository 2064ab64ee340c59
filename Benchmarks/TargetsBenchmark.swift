import ForesiteCore
import ForesiteIngest
import ForesiteML
import ForesitePipeline
import Foundation

/// `targets`: a `targets:` site at scale (issue budget: 20 targets of 5 years, a year of ledger: the daily
/// run on a day without training ≤ 2 s, a full site build ≤ 1 s, index.html ≤ 200 KB).
///
/// On the demo market: `FORESITE_BENCH_TARGETS` targets (default 20) of 5 years each, one covariate and
/// Fear & Greed, the standard models with a tiny LSTM trained once per target. The ledger is filled by
/// `FORESITE_BENCH_LEDGER_DAYS` (default 30) simulated daily runs of every target (not timed; a year takes
/// about half an hour on 2 cores). Then one daily run of all targets (update and predict, no training due,
/// and the whole site's build) is timed, and two more builds give the build's median.
enum TargetsBenchmark {
    static func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["FORESITE_BENCH_TARGETS"].flatMap(Int.init) ?? 20
        let ledgerDays = environment["FORESITE_BENCH_LEDGER_DAYS"].flatMap(Int.init) ?? 30
        let years = 5
        print("cpu: \(TrainingBenchmark.cpuModel()), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let peak = FMAPeak.measure()
        print(String(format: "fma peak: %.1f GFLOP/s (%@, one core)", peak.flopsPerSecond / 1e9, peak.unit.rawValue))
        print("\(count) targets × \(years) years, \(ledgerDays) days of ledger, demo market")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foresite-targets-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var workspace = Workspace(root: folder, config: config(targets: count), console: .silent)
        workspace.isDemo = true
        let today = DemoMarket.epoch.adding(days: years * 365 + ledgerDays + 1)
        let slugs = workspace.config.targets.map(\.slug)

        let fillStarted = Date()
        for offset in stride(from: ledgerDays, through: 1, by: -1) {
            workspace.clock = .at(today.adding(days: -offset))
            let day = workspace
            _ = try blocking { try await TargetsRun.run(day, only: slugs, updater: DailyRun.demoUpdater) }
        }
        print(
            String(format: "ledger filled in %.1f s (not part of the figures)", Date().timeIntervalSince(fillStarted)))

        workspace.clock = .at(today)
        let day = workspace
        let runStarted = Date()
        let report = try blocking { try await TargetsRun.run(day, updater: DailyRun.demoUpdater) }
        let runSeconds = Date().timeIntervalSince(runStarted)
        let trained = report.targets.filter { $0.report.training != nil }.count
        precondition(trained == 0, "no training may be due on the timed day")
        guard let first = report.site else { preconditionFailure("an unsharded run builds the site") }
        var builds = [first]
        for _ in 0..<2 { builds.append(try SiteBuild.run(workspace)) }
        let build = builds.sorted { $0.seconds < $1.seconds }[1]
        print(
            String(
                format: "daily run, no training: %.2f s wall (budget 2 s; %.2f s of it the build)", runSeconds,
                first.seconds))
        print(
            String(
                format: "full site build: %.3f s median of 3 (load %.3f s, render+check+write %.3f s; budget 1 s)",
                build.seconds, build.loadSeconds, build.buildSeconds))
        print("site: \(build.files) files, \(build.bytes / 1024) KB; index.html \(build.indexBytes) B (budget 200 KB)")
    }

    /// `count` targets `s00`, `s01`, … (demo instruments 0, 2, 3, …), BTC-like covariate, tiny LSTM.
    static func config(targets count: Int) -> Config {
        var config = ScaleBenchmark.config(covariates: 1)
        config.model.inputs = Config.defaultTargetListInputs
        config.targets = (0..<count).map { index in
            let name = String(format: "s%02d", index)
            return Config.Target(
                instrument: Config.Instrument(
                    group: name, market: "kraken", instrument: name.uppercased() + "-USD",
                    description: "Synthetic series \(index)"))
        }
        return config
    }

    /// Runs `body` to completion from synchronous benchmark code.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                box.set(.success(try await body()))
            } catch {
                box.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        return try box.get()
    }
}

/// The result of an async body handed to the thread that waits for it.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }
    func get() throws -> T { try lock.withLock { result }!.get() }
}
