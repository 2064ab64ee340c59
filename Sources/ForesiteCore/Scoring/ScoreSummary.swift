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
        // A forecast has a few levels (three): a short list searched in order tallies them faster than a
        // dictionary keyed by the level, and the site's leaderboards summarise a year of ledger hundreds of
        // times on every build.
        var tallies: [(level: Double, inside: Int, count: Int)] = []
        for score in scores {
            for cover in score.covered {
                if let at = tallies.firstIndex(where: { $0.level == cover.level }) {
                    tallies[at].count += 1
                    if cover.inside { tallies[at].inside += 1 }
                } else {
                    tallies.append((cover.level, cover.inside ? 1 : 0, 1))
                }
            }
        }
        coverage = tallies.sorted { $0.level < $1.level }.map { tally in
            Coverage(level: tally.level, observed: Double(tally.inside) / Double(tally.count), count: tally.count)
        }
    }

    /// The observed coverage of `level`, if scored.
    public func coverage(level: Double) -> Double? {
        coverage.first { abs($0.level - level) < 1e-9 }?.observed
    }
}
