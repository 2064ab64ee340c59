import ForesiteCore
import ForesiteForecast
import ForesiteIngest
import ForesiteML
import Foundation

/// `foresite-bench backtest`: the walk-forward backtest on the real Kraken SOL/BTC and Fear & Greed samples in
/// ../shared/data: origins 2024-01-01 … 2024-12-12 (the last whose ten targets are known), retraining every
/// 30 days, every model the default configuration turns on, a 5-member LSTM ensemble, on every core
/// (or `FORESITE_BENCH_JOBS` threads); it prints this configuration first. Prints, per model and horizon, the MAE of the median, the WIS, the relative WIS against persistence with
/// its Diebold–Mariano p-value and verdict, the 50/80/95 % coverage, and the wall time. The target is the
/// configuration's field (`FORESITE_BENCH_FIELD`, default close).
///
/// Overrides: `FORESITE_BENCH_JOBS`, `FORESITE_BENCH_ENSEMBLE`, `FORESITE_BENCH_EPOCHS`, `FORESITE_BENCH_LR`,
/// `FORESITE_BENCH_PATIENCE` (early stopping), `FORESITE_BENCH_RETRAIN`, `FORESITE_BENCH_MODELS` (e.g.
/// `lstm,lstm-seed,drift`: exactly these models, persistence always) and `FORESITE_BENCH_FIELD`.
enum BacktestBenchmark {
    static func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let data = SharedSamplesFolder.located() else { return }
        let loadStart = ContinuousClock.now
        let frame = try sharedFrame(in: data)
        print(
            "frame: \(frame.days.count) days \(frame.days.first!) … \(frame.days.last!), \(frame.columns.count) columns,"
                + " loaded in \(format(ContinuousClock.now - loadStart))")

        var config = Config()
        config.model.epochs = environment["FORESITE_BENCH_EPOCHS"].flatMap { Int($0) } ?? 300
        config.model.learningRate = environment["FORESITE_BENCH_LR"].flatMap { Double($0) } ?? config.model.learningRate
        config.model.patience = environment["FORESITE_BENCH_PATIENCE"].flatMap { Int($0) } ?? config.model.patience
        config.targetField =
            environment["FORESITE_BENCH_FIELD"].flatMap(Config.TargetField.init(rawValue:)) ?? config.targetField
        config.model.ensemble = environment["FORESITE_BENCH_ENSEMBLE"].flatMap { Int($0) } ?? 5
        let jobs =
            environment["FORESITE_BENCH_JOBS"].flatMap { Int($0) } ?? ProcessInfo.processInfo.activeProcessorCount
        // One budget for the retrainings, their ensemble members and the origins: at most `jobs` threads.
        let parallelism = Parallelism(jobs: jobs)
        if let names = environment["FORESITE_BENCH_MODELS"]?.split(separator: ",").map(String.init) {
            for id in ModelCatalog.standard(config: config).ids {
                config.models[id.rawValue] = names.contains(id.rawValue)
            }
        }
        let catalog = ModelCatalog.standard(config: config, parallelism: parallelism)
        let settings = BacktestSettings(
            config: config, from: Day(iso: "2024-01-01")!, to: Day(iso: "2024-12-12")!,
            retrainEvery: environment["FORESITE_BENCH_RETRAIN"].flatMap { Int($0) } ?? 30, catalog: catalog)
        let scheduled = catalog.models.filter { settings.models.contains($0.id) && $0.refit == .scheduled }
        print("cpu: \(TrainingBenchmark.cpuModel()), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(
            "config: origins \(settings.from) … \(settings.to) (\(settings.to.days(since: settings.from) + 1)), "
                + "retraining every \(settings.retrainEvery) days (\(settings.retrainDays.count) retrainings of "
                + scheduled.map(\.id.rawValue).joined(separator: ", ") + "); models "
                + settings.models.map(\.rawValue).joined(separator: ", ") + "; target \(settings.target); LSTM "
                + "ensemble \(settings.ensemble), epochs \(settings.epochs), patience \(settings.patience), "
                + "learning rate \(settings.learningRate); jobs \(parallelism.jobs)")
        let peak = FMAPeak.measure()
        print(String(format: "fma peak: %.1f GFLOP/s (%@, one core)", peak.flopsPerSecond / 1e9, peak.unit.rawValue))
        let cpuStart = processCPUSeconds()
        let result = try Backtest.walkForward(
            frame: frame, settings: settings, catalog: catalog, parallelism: parallelism
        ) { progress in
            if progress.trainingsDone % 10 == 0 || progress.trainingsDone == progress.trainingsTotal {
                print(
                    String(
                        format: "  %d/%d scheduled fits, %.1f s", progress.trainingsDone, progress.trainingsTotal,
                        progress.elapsed))
            }
        }
        let cpu = processCPUSeconds() - cpuStart
        print(result.summaryTable())
        // Selection replayed over the same forecasts, one model for all horizons and one per horizon.
        let candidates = result.models.filter { $0 != .persistence && $0 != "naive-open" }
        for scope in Config.Selection.Scope.allCases {
            let replay = result.replay(
                ModelSelection(windowDays: config.selection.windowDays, scope: scope), candidates: candidates)
            let overall = replay.skill.overall
            print(
                String(
                    format: "selection by %@ (window %d days): published rel WIS %.3f, DM p %@, %@; supplied by %@",
                    scope.rawValue, config.selection.windowDays, overall.relativeWIS,
                    overall.test.map { String(format: "%.3f", $0.pValue) } ?? "–", overall.verdict.phrase,
                    replay.counts.map { "\($0.model) \($0.forecasts)" }.joined(separator: ", ")))
        }
        // CPU time over wall time: how many cores the run kept busy on average.
        print(
            String(
                format: "wall time %.1f s with %d jobs (%.1f s cpu, %.2f cores busy on average)", result.seconds,
                parallelism.jobs, cpu, cpu / result.seconds))
    }

    /// The default ten inputs joined from the shared Kraken exports and the Fear & Greed history.
    static func sharedFrame(in data: URL) throws -> FeatureFrame {
        func candles(_ name: String) throws -> [Candle] {
            guard case .candles(let rows) = try FileImporter.read(contentsOf: data.appendingPathComponent(name)) else {
                throw ForecastError.invalidSetting(name: "shared file", value: name, reason: "holds no candles")
            }
            return rows
        }
        guard
            case .fearGreed(let readings) = try FileImporter.read(
                contentsOf: data.appendingPathComponent("fear-greed-alternative-me-fng-limit0.RECONSTRUCTED.json"))
        else {
            throw ForecastError.invalidSetting(name: "shared file", value: "fear & greed", reason: "holds no readings")
        }
        return try FeatureFrame.join(
            candles: [
                "solana": candles("sol-usd-kraken-daily-cryptocompare.csv"),
                "bitcoin": candles("btc-usd-kraken-daily-cryptocompare.csv"),
            ],
            fearGreed: readings, columns: Config.Model.defaultInputs)
    }

    /// User plus system CPU time of the whole process (every thread).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f s", Double(seconds) + Double(attoseconds) * 1e-18)
    }
}
