import Foundation

// `foresite-bench NAME…` runs the named benchmarks (or `all`); each prints its own figures.
// Each benchmark lives in its own file and registers itself in `benchmarks` below.
let benchmarks: [(name: String, run: () throws -> Void)] = [
    ("site-build", SiteBuildBenchmark.run),
    ("training", TrainingBenchmark.run),
    ("backtest", BacktestBenchmark.run),
    ("scale", ScaleBenchmark.run),
    ("targets", TargetsBenchmark.run),
    ("ledger", LedgerBenchmark.run),
    ("quantile-regression", QuantileRegressionBenchmark.run),
]

let requested = Array(CommandLine.arguments.dropFirst())
if requested.isEmpty || requested.contains("--help") {
    print("usage: foresite-bench all | " + benchmarks.map(\.name).joined(separator: " | "))
    exit(requested.isEmpty ? 1 : 0)
}
for benchmark in benchmarks where requested.contains("all") || requested.contains(benchmark.name) {
    print("== \(benchmark.name)")
    try benchmark.run()
}
