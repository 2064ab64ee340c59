import ForesiteCore
import ForesiteIngest
import ForesiteML
import ForesitePipeline
import ForesiteSite
import Foundation

/// `targets`: a `targets:` site at scale (issue budget: 20 targets of 5 years, a year of ledger: the daily
/// run on a day without training ≤ 2 s, a full site build ≤ 1 s, index.html ≤ 200 KB).
///
/// On the demo market: `FORESITE_BENCH_TARGETS` targets (default 20) of 5 years each, one covariate and
/// Fear & Greed, the standard models with a tiny LSTM trained once per target. The ledger is filled by
/// `FORESITE_BENCH_LEDGER_DAYS` (default 30) simulated daily runs of every target (not timed; a year takes
/// about half an hour on 2 cores), and one more day's run made untimed. Then one daily run of all targets
/// (update and predict, no training due, and the whole site's build from yesterday's build cache) is timed;
/// then three builds without the build caches (cold) and three with them (warm, the same day again) give
/// the full build's medians.
///
/// `FORESITE_BENCH_FILLED=<folder>` keeps the filled workspace there and reuses it in later runs (each run
/// times a copy), so that profiling the timed day does not repeat the fill; `FORESITE_BENCH_LEDGER_DAYS` must
/// then say how many days it holds.
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

        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("foresite-targets-\(UUID())")
        let kept = environment["FORESITE_BENCH_FILLED"].map { URL(fileURLWithPath: $0) }
        let filled = kept ?? folder
        // `FORESITE_BENCH_KEEP=1` keeps the timed workspace (its site in docs/) for a look afterwards.
        let keepsWorkspace = environment["FORESITE_BENCH_KEEP"] == "1"
        defer {
            if keepsWorkspace {
                print("workspace kept: \(folder.path)")
            } else {
                try? fileManager.removeItem(at: folder)
            }
        }
        var config = config(targets: count)
        // `FORESITE_BENCH_HUB=0`: the site without the Hubverse export (`site.hub_export: false`).
        config.site.hubExport = environment["FORESITE_BENCH_HUB"] != "0"
        let today = DemoMarket.epoch.adding(days: years * 365 + ledgerDays + 1)
        let slugs = config.targets.map(\.slug)

        if !fileManager.fileExists(atPath: filled.appendingPathComponent("data").path) {
            try fileManager.createDirectory(at: filled, withIntermediateDirectories: true)
            var filling = Workspace(root: filled, config: config, console: .silent)
            filling.isDemo = true
            let fillStarted = Date()
            for offset in stride(from: ledgerDays, through: 1, by: -1) {
                filling.clock = .at(today.adding(days: -offset))
                let day = filling
                _ = try blocking { try await TargetsRun.run(day, only: slugs, updater: DailyRun.demoUpdater) }
            }
            print(
                String(
                    format: "ledger filled in %.1f s (not part of the figures)", Date().timeIntervalSince(fillStarted)))
        } else {
            print("ledger: reusing \(filled.path)")
        }
        if kept != nil { try fileManager.copyItem(at: filled, to: folder) }
        var workspace = Workspace(root: folder, config: config, console: .silent)
        workspace.isDemo = true
        // What a daily job that keeps its folder finds: yesterday's site and build caches, and the site of
        // the day before (which the next build rewrites in place, each file its own copy). So the site of
        // the last filled day is built, then the next day's run is made, neither timed; the day after is.
        workspace.clock = .at(today.adding(days: -1))
        _ = try SiteBuild.run(workspace)
        workspace.clock = .at(today)
        let yesterday = workspace
        _ = try blocking { try await TargetsRun.run(yesterday, updater: DailyRun.demoUpdater) }

        workspace.clock = .at(today.adding(days: 1))
        let day = workspace
        let runMonotonicStarted = monotonicSeconds()
        let runStarted = Date()
        let runCPUStarted = SiteBuildBenchmark.cpuMilliseconds()
        let report = try blocking { try await TargetsRun.run(day, updater: DailyRun.demoUpdater) }
        let runSeconds = Date().timeIntervalSince(runStarted)
        let runCPUSeconds = (SiteBuildBenchmark.cpuMilliseconds() - runCPUStarted) / 1e3
        // For `perf record -k CLOCK_MONOTONIC` then `perf report --time start,end`: the timed day alone.
        if environment["FORESITE_BENCH_MARK"] == "1" {
            print(String(format: "timed day: monotonic %.6f,%.6f", runMonotonicStarted, monotonicSeconds()))
        }
        let trained = report.targets.filter { $0.report.training != nil }.count
        precondition(trained == 0, "no training may be due on the timed day")
        guard let first = report.site else { preconditionFailure("an unsharded run builds the site") }
        print(
            String(
                format: "daily run, no training: %.2f s wall, %.2f s CPU (budget 2 s; %.2f s of it the build after "
                    + "the targets' runs, each target's input read as its run ended: load %.3f s, "
                    + "render+check+write %.3f s, from yesterday's build cache)", runSeconds, runCPUSeconds,
                first.seconds, first.loadSeconds, first.buildSeconds))
        print("  " + phases(first.phases))
        // Each target's stages, summed over the targets (they run side by side, so the sum exceeds the wall).
        var stageSeconds: [(name: String, seconds: Double)] = []
        for target in report.targets {
            for stage in target.report.stages {
                if let at = stageSeconds.firstIndex(where: { $0.name == stage.name }) {
                    stageSeconds[at].seconds += stage.seconds
                } else {
                    stageSeconds.append((stage.name, stage.seconds))
                }
            }
        }
        print(
            "  targets' stages, summed: "
                + stageSeconds.map { String(format: "%@ %.3f s", $0.name, $0.seconds) }.joined(separator: ", "))
        // `FORESITE_BENCH_DAILY_ONLY=1` stops here (for profiling the daily run alone).
        if environment["FORESITE_BENCH_DAILY_ONLY"] == "1" { return }
        // Cold: the build caches removed (as after an upgrade of the binary); the site before stays.
        var cold: [SiteBuild.Report] = []
        // Each build's CPU time on every core, by build: this machine's wall times vary by a tenth or more
        // from run to run, its CPU times less.
        var cpuSeconds: [Double] = []
        func timed(_ build: () throws -> SiteBuild.Report) rethrows -> SiteBuild.Report {
            let started = SiteBuildBenchmark.cpuMilliseconds()
            let report = try build()
            cpuSeconds.append((SiteBuildBenchmark.cpuMilliseconds() - started) / 1e3)
            return report
        }
        // `FORESITE_BENCH_COLD=0` leaves them out (for profiling the warm builds).
        let coldMonotonicStarted = monotonicSeconds()
        for _ in 0..<(environment["FORESITE_BENCH_COLD"] == "0" ? 0 : 3) {
            try removeBuildCaches(beside: workspace.outputURL)
            cold.append(try timed { try SiteBuild.run(workspace) })
        }
        if environment["FORESITE_BENCH_MARK"] == "1" {
            print(String(format: "cold builds: monotonic %.6f,%.6f", coldMonotonicStarted, monotonicSeconds()))
        }
        let coldCPU = cpuSeconds
        cpuSeconds = []
        var warm: [SiteBuild.Report] = []
        // `FORESITE_BENCH_WARM=N` builds N times (at least 3), for profiling the warm build.
        let warmCount = max(3, environment["FORESITE_BENCH_WARM"].flatMap(Int.init) ?? 3)
        for _ in 0..<warmCount { warm.append(try timed { try SiteBuild.run(workspace) }) }
        for (name, builds, cpu) in [
            ("cold (no build cache)", cold, coldCPU), ("warm (same day again)", warm, cpuSeconds),
        ]
        where !builds.isEmpty {
            let build = builds.sorted { $0.seconds < $1.seconds }[builds.count / 2]
            print(
                String(
                    format: "full site build, %@: %.3f s median of %d, %.2f s CPU median (load %.3f s, "
                        + "render+check+write %.3f s; budget 1 s)", name, build.seconds, builds.count,
                    cpu.sorted()[cpu.count / 2], build.loadSeconds, build.buildSeconds))
            print("  " + phases(build.phases))
        }
        let build = warm[0]
        print("site: \(build.files) files, \(build.bytes / 1024) KB; index.html \(build.indexBytes) B (budget 200 KB)")
        let floor = try writeFloor(of: workspace.outputURL)
        let coldText =
            cold.isEmpty
            ? ""
            : String(format: "; the cold build is %.1f× the rewrite", cold.map(\.seconds).sorted()[1] / floor.rewrite)
        print(
            String(
                format: "file system floor for the site's %d files (%.0f MB), on every core: created afresh %.3f s, "
                    + "rewritten in place %.3f s%@", floor.files, Double(floor.bytes) / 1e6, floor.create,
                floor.rewrite, coldText))

        // `FORESITE_BENCH_FRESH=0` leaves this out. The shipped GitHub workflow starts each day from a fresh
        // checkout: the stores and their ledger memos (committed), but no site, no site before it and no
        // build caches, so its build makes, checks and creates every file. The day after the timed one:
        guard environment["FORESITE_BENCH_FRESH"] != "0" else { return }
        try removeBuildCaches(beside: workspace.outputURL)
        for name in [workspace.outputURL.lastPathComponent, "." + workspace.outputURL.lastPathComponent + ".previous"] {
            let url = workspace.outputURL.deletingLastPathComponent().appendingPathComponent(name)
            if fileManager.fileExists(atPath: url.path) { try fileManager.removeItem(at: url) }
        }
        workspace.clock = .at(today.adding(days: 2))
        let fresh = workspace
        let freshStarted = Date()
        let freshCPUStarted = SiteBuildBenchmark.cpuMilliseconds()
        let freshReport = try blocking { try await TargetsRun.run(fresh, updater: DailyRun.demoUpdater) }
        guard let freshSite = freshReport.site else { preconditionFailure("an unsharded run builds the site") }
        print(
            String(
                format: "daily run from a fresh checkout, as the GitHub workflow makes it (no site, site before or "
                    + "build caches): %.2f s wall, %.2f s CPU (%.2f s of it the build after the targets' runs)",
                Date().timeIntervalSince(freshStarted),
                (SiteBuildBenchmark.cpuMilliseconds() - freshCPUStarted) / 1e3, freshSite.seconds))
        print("  " + phases(freshSite.phases))
    }

    /// CLOCK_MONOTONIC in seconds, the clock `perf record -k CLOCK_MONOTONIC` stamps samples with.
    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Seconds to create every file of the site in `output` afresh in a new folder beside it (what a build
    /// with no site before it must at least spend on the file system), then to rewrite each in place (what
    /// a build that rewrites the site before last, as the writer does, must at least spend), spread over the
    /// cores; the bytes are read first, not timed.
    static func writeFloor(of output: URL) throws -> (create: Double, rewrite: Double, files: Int, bytes: Int) {
        let fileManager = FileManager.default
        var files: [(path: String, bytes: Data)] = []
        guard let enumerator = fileManager.enumerator(atPath: output.path) else { return (0, 0, 0, 0) }
        for case let path as String in enumerator {
            let url = output.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            files.append((path, try Data(contentsOf: url)))
        }
        let copy = output.deletingLastPathComponent().appendingPathComponent(".floor-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: copy) }
        let folders = Set(files.map { ($0.path as NSString).deletingLastPathComponent })
        let root = copy.path + "/"
        let chunks = stride(from: 0, to: files.count, by: 64).map { Array(files[$0..<min($0 + 64, files.count)]) }
        func writeAll(flags: Int32) {
            _ = chunks.concurrentMap { chunk in
                for (path, bytes) in chunk {
                    let descriptor = open(root + path, flags, 0o644)
                    precondition(descriptor >= 0, "cannot open \(path)")
                    bytes.withUnsafeBytes { buffer in
                        var offset = 0
                        while offset < buffer.count {
                            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                            precondition(written > 0, "cannot write \(path)")
                            offset += written
                        }
                    }
                    close(descriptor)
                }
            }
        }
        let started = Date()
        for folder in folders.sorted() {
            try fileManager.createDirectory(at: copy.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        writeAll(flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)
        let created = Date()
        // Same sizes: the writer's in-place rewrite does not truncate first.
        writeAll(flags: O_WRONLY | O_CLOEXEC)
        let rewritten = Date()
        return (
            created.timeIntervalSince(started), rewritten.timeIntervalSince(created), files.count,
            files.reduce(0) { $0 + $1.bytes.count }
        )
    }

    /// "cache load 0.120 s, render 0.800 s, …".
    static func phases(_ timings: BuildTimings) -> String {
        String(
            format: "cache load %.3f s, render %.3f s, check %.3f s, write %.3f s, cache save %.3f s",
            timings.cacheLoad, timings.render, timings.check, timings.write, timings.cacheSave)
    }

    /// The build caches beside `output` (`.docs.build-cache`, `.docs.build-cache.<slug>`).
    static func removeBuildCaches(beside output: URL) throws {
        let folder = output.deletingLastPathComponent()
        let prefix = ".\(output.lastPathComponent).build-cache"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix(prefix) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
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
