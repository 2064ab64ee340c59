/// The mean scores of a set of scored forecasts: MAE of the median, mean WIS and coverage per level.
public struct ScoreSummary: Hashable, Sendable {
    public var count: Int
    /// Mean absolute error of the median.
    public var mae: Double
    /// Mean weighted interval score.
    public var wis: Double
    /// Observed share of actuals inside each interval level, ascending by level.
    public var coverage: [Coverage]

    public struct Coverage: Hashable, Sendable {
        public var level: Double
        /// Fraction of forecasts whose interval at `level` contained the actual, 0…1.
        public var observed: Double
        public var count: Int
    }

    public init(_ scores: some Collection<ScoredForecast>) {
        count = scores.count
        let n = Double(max(scores.count, 1))
        mae = scores.reduce(0) { $0 + $1.absoluteError } / n
        wis = scores.reduce(0) { $0 + $1.weightedIntervalScore } / n
        var byLevel: [Double: (inside: Int, count: Int)] = [:]
        for score in scores {
            for cover in score.covered {
                byLevel[cover.level, default: (0, 0)].count += 1
                if cover.inside { byLevel[cover.level]!.inside += 1 }
            }
        }
        coverage = byLevel.keys.sorted().map { level in
            let tally = byLevel[level]!
            return Coverage(level: level, observed: Double(tally.inside) / Double(tally.count), count: tally.count)
        }
    }

    /// The observed coverage of `level`, if scored.
    public func coverage(level: Double) -> Double? {
        coverage.first { abs($0.level - level) < 1e-9 }?.observed
    }
}
