import ForesiteCore
import ForesiteIngest
import ForesitePipeline
import ForesiteStore
import Foundation

/// `foresite-bench ledger`: a year of one target's ledger (8 models × 10 horizons × 365 days, appended
/// through the store in one transaction), then the median of 5 of reading every row, verifying the hash
/// chain, both together (what a cold site build does for each target), both with the memo of the day
/// before's walk (what a daily build does: `LedgerVerificationMemo`) and grouping the rows into forecasts; then
/// SHA-256 throughput on 64-byte to 4 KB messages. Budget (issue 13): 20 such targets in a site build ≤ 1 s.
/// Times are wall and this thread's CPU time (the fairer figure on a machine shared with other work); the
/// last hash printed must not change from one implementation to the next.
enum LedgerBenchmark {
    static let models = ["persistence", "drift", "garch", "lstm", "lstm-seed", "quantile-ar", "ensemble", "published"]
    static let horizons = 10
    static let days = 365
    /// `FORESITE_BENCH_REPEATS=N` repeats each measurement N times (this machine's figures vary by a third).
    static let repeats = ProcessInfo.processInfo.environment["FORESITE_BENCH_REPEATS"].flatMap(Int.init) ?? 5

    static func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foresite-bench-ledger-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let firstDay = Day(iso: "2025-01-01")!
        let store = try FeatureStore(
            path: folder.appendingPathComponent("store.sqlite").path, clock: .at(firstDay.adding(days: days)))
        try store.syncGroups(Config())
        let fillStart = DispatchTime.now()
        try fill(store, from: firstDay)
        let fillSeconds = SiteBuildBenchmark.milliseconds(since: fillStart) / 1e3

        let records = try store.ledger.records()
        let hashedBytes = records.reduce(0) { $0 + 65 + $1.contentLine.utf8.count }
        let megabytes = Double(hashedBytes) / 1e6
        let verification = LedgerVerification(records: records)
        print("cpu: \(TrainingBenchmark.cpuModel()), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(
            "ledger: \(records.count) rows (\(models.count) models × \(horizons) horizons × \(days) days), "
                + String(format: "%.2f MB hashed, appended in %.2f s", megabytes, fillSeconds))
        print("chain: \(verification.summary); last hash \(records.last?.hash ?? "none")")

        // `FORESITE_BENCH_LEDGER_READS=1`: one read of each kind and nothing else, for counting instructions
        // (`valgrind --tool=callgrind`), the one measure this machine repeats to the digit.
        if ProcessInfo.processInfo.environment["FORESITE_BENCH_LEDGER_READS"] == "1" {
            let yesterday = try store.ledger.memo(ofFirst: records.count - models.count * horizons)
            _ = try store.ledger.records()
            _ = try store.ledger.verifiedRecords(memo: yesterday)
            _ = try store.ledger.forecasts(from: firstDay.adding(days: days - 90), to: firstDay.adding(days: days))
            print("ledger: \(records.count) rows read")
            return
        }
        let read = try median { _ = try store.ledger.records() }
        let verify = median { _ = LedgerVerification(records: records) }
        let both = try median { _ = try store.ledger.verify() }
        let group = median { _ = IssuedForecast.grouping(records) }
        // A daily build's read: the memo its build the day before left (every row but the last day's).
        let yesterday = try store.ledger.memo(ofFirst: records.count - models.count * horizons)
        let remembered = try median { _ = try store.ledger.verifiedRecords(memo: yesterday) }
        func line(_ name: String, _ time: Time, hashing: Bool) -> String {
            String(
                format: "  %@ %7.1f ms wall, %7.1f ms cpu  %8.0f rows/s", name, time.wall * 1e3, time.cpu * 1e3,
                Double(records.count) / time.cpu)
                + (hashing ? String(format: "  %6.1f MB/s", megabytes / time.cpu) : "")
        }
        print("median of \(repeats) (rates per CPU second: other sessions share these cores):")
        print(line("read records        ", read, hashing: false))
        print(line("verify chain        ", verify, hashing: true))
        print(line("read + verify       ", both, hashing: true))
        print(
            line("read + verify, memo ", remembered, hashing: false) + " (the walk of all but the last day remembered)")
        print(line("group into forecasts", group, hashing: false))
        print(
            String(
                format: "20 targets, read + verify + group: %.2f s of one core (%.2f s with the memo)",
                20 * (both.cpu + group.cpu), 20 * (remembered.cpu + group.cpu)))

        try siteLoad()

        print("SHA-256 throughput (digest of one message, repeated):")
        for size in [64, 256, 1024, 4096] {
            let message = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            let count = 16_000_000 / size
            var sink: UInt8 = 0
            let time = median {
                for _ in 0..<count { sink ^= SHA256.digest(message)[0] }
            }
            print(
                String(
                    format: "  %5d B: %7.1f MB/s, %6.0f ns/message", size, Double(size * count) / time.cpu / 1e6,
                    time.cpu / Double(count) * 1e9) + (sink == 0xFF ? " " : ""))
        }
    }

    /// The whole site build of one demo target with 5 years of prices and this year of ledger, and its part
    /// that reads the store into the site's content (`SiteBuild.Report.loadSeconds`): the ledger read,
    /// verified and grouped, joined with the actuals and scored into leaderboards and archive.
    static func siteLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foresite-bench-load-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var workspace = Workspace(root: folder, config: ScaleBenchmark.config(covariates: 1), console: .silent)
        workspace.isDemo = true
        let today = DemoMarket.epoch.adding(days: 5 * 365 + 1)
        workspace.clock = .at(today)
        let store = try workspace.openStore()
        try ScaleBenchmark.update(workspace, store: store)
        try fill(store, from: today.adding(days: -days))
        var reports: [SiteBuild.Report] = []
        for _ in 0..<repeats { reports.append(try SiteBuild.run(workspace, store: store)) }
        let load = reports.map(\.loadSeconds).sorted()[repeats / 2]
        let build = reports.map(\.seconds).sorted()[repeats / 2]
        print(
            String(
                format: "site of one target (5 years, this ledger), median of %d: load %.1f ms, whole build %.1f ms",
                repeats, load * 1e3, build * 1e3))
        print("site digest (every file's path and bytes): \(try digest(of: workspace.outputURL))")
    }

    /// SHA-256 of every file's relative path and bytes under `folder`, in path order: the same for two
    /// implementations when their sites are byte-identical.
    static func digest(of folder: URL) throws -> String {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        var bytes: [UInt8] = []
        for file in files.map({ String($0.path.dropFirst(folder.path.count)) }).sorted() {
            bytes += Array(file.utf8) + [0]
            bytes += Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + file)))
        }
        return SHA256.hex(bytes)
    }

    /// A year of forecasts with realistic text: prices with 16–17 significant digits, GARCH versions with
    /// non-ASCII parameters, 16-digit input hashes (about 390 bytes a row in the CSV, as the demo's).
    static func fill(_ store: FeatureStore, from firstDay: Day) throws {
        var random = SeededGenerator(seed: 13)
        var price = 150.0
        try store.write(command: "bench ledger") { writer in
            for offset in 0..<days {
                let madeOn = firstDay.adding(days: offset)
                price *= exp(Double.random(in: -0.04...0.04, using: &random))
                let inputHash = String(random.next(), radix: 16)
                for model in models {
                    let version =
                        model == "garch"
                        ? "garch(1 1) through \(madeOn.adding(days: -1).iso): ω 1.8\(offset % 10)e-05 α 0.05\(offset % 89) "
                            + "β 0.92\(offset % 97)"
                        : "\(model)(window 365)"
                    let steps = (1...horizons).map { horizon in
                        let spread = price * 0.02 * Double(horizon).squareRoot()
                        let center = price * exp(Double.random(in: -0.01...0.01, using: &random))
                        let intervals = zip(QuantileForecast.standardLevels, [0.67, 1.28, 1.96]).map { level, z in
                            PredictionInterval(level: level, lower: center - z * spread, upper: center + z * spread)
                        }
                        return IssuedForecast.Step(
                            horizon: horizon, targetDay: madeOn.adding(days: horizon - 1),
                            forecast: QuantileForecast(median: center, intervals: intervals))
                    }
                    try writer.append(
                        IssuedForecast(
                            model: ModelID(model), modelVersion: version, madeOn: madeOn,
                            origin: madeOn.adding(days: -1), targetGroup: "solana", field: "close", reference: price,
                            inputHash: inputHash, steps: steps))
                }
            }
        }
    }

    struct Time {
        var wall: Double
        var cpu: Double
    }

    /// The median wall and CPU (this thread's) times of `repeats` runs of `body`, in seconds, each the median
    /// on its own.
    static func median(_ body: () throws -> Void) rethrows -> Time {
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now()
            let cpuStart = TrainingBenchmark.threadCPUSeconds()
            try body()
            cpu.append(TrainingBenchmark.threadCPUSeconds() - cpuStart)
            wall.append(SiteBuildBenchmark.milliseconds(since: start) / 1e3)
        }
        return Time(wall: wall.sorted()[repeats / 2], cpu: cpu.sorted()[repeats / 2])
    }
}
