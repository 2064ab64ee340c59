import ForesiteCore
import ForesiteForecast
import ForesiteML
import Foundation

/// `foresite-bench quantile-regression`: `QuantileARModel.fit` with the default configuration (3 lags and the
/// default inputs' covariates: 9 columns, 730 days, 10 horizons × 7 quantile levels = 70 quantile regressions)
/// on the real Kraken SOL/BTC and Fear & Greed samples in ../shared/data, on one core, standing on
/// `FORESITE_BENCH_DAYS` (default 5) fitting days a month apart ending 2024-12-12.
///
/// `FORESITE_BENCH_REPEAT` (default 5) rounds over those days; each fit's fastest round counts (thread CPU
/// time, which waiting for a shared core does not inflate). The forecasts' FNV-1a checksum lets a change that
/// claims bit-identical coefficients be checked against the figures before it. `FORESITE_QUANTILE_KERNELS=swift`
/// times the Swift row loops instead of AVX2.
enum QuantileRegressionBenchmark {
    static func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let folder = SharedSamplesFolder.located() else { return }
        let dayCount = max(1, environment["FORESITE_BENCH_DAYS"].flatMap { Int($0) } ?? 5)
        let repeats = max(1, environment["FORESITE_BENCH_REPEAT"].flatMap { Int($0) } ?? 5)
        let data = ModelData(frame: try BacktestBenchmark.sharedFrame(in: folder), config: Config())
        let last = Day(iso: "2024-12-12")!
        let fittingDays = (0..<dayCount).reversed().map { last.adding(days: -30 * $0) }
        let model = QuantileARModel()
        print("cpu: \(TrainingBenchmark.cpuModel())")
        let peak = FMAPeak.measure()
        print(String(format: "fma peak: %.1f GFLOP/s (%@, one core)", peak.flopsPerSecond / 1e9, peak.unit.rawValue))
        print("kernels: \(environment["FORESITE_QUANTILE_KERNELS"] == "swift" ? "Swift" : "AVX2 where the CPU has it")")
        print(
            "config: \(model.lags) lags, window \(model.window) days, horizon \(data.horizon), "
                + "\(2 * data.levels.count + 1) levels; fitting days \(fittingDays.first!) … \(fittingDays.last!)")

        var fastest = [Double](repeating: .infinity, count: fittingDays.count)
        var checksum = UInt64(14_695_981_039_346_656_037)
        for round in 0..<repeats {
            for (index, day) in fittingDays.enumerated() {
                let cut = data.through(day)
                let start = FMAPeak.threadCPUSeconds()
                let fitted = try model.fit(cut)
                fastest[index] = min(fastest[index], FMAPeak.threadCPUSeconds() - start)
                guard round == 0 else { continue }
                for forecast in try fitted.forecast(cut) {
                    let values = [forecast.median] + forecast.intervals.flatMap { [$0.lower, $0.upper] }
                    for value in values { checksum = (checksum ^ value.bitPattern) &* 1_099_511_628_211 }
                }
            }
        }
        print(
            "per fit (thread cpu, fastest of \(repeats)): "
                + fastest.map { String(format: "%.1f ms", 1000 * $0) }.joined(separator: ", "))
        print(
            String(
                format: "time: %.1f ms per QuantileARModel.fit (mean of the days' fastest), %.3f ms per regression",
                1000 * fastest.reduce(0, +) / Double(fastest.count),
                1000 * fastest.reduce(0, +) / Double(fastest.count) / Double(data.horizon * (2 * data.levels.count + 1))
            ))
        print(String(format: "forecasts: FNV-1a of the bits %016llx", checksum))
    }
}
