import ForesiteCore

/// How well intervals of one level did: measured coverage against the nominal level, width and Winkler score.
public struct IntervalAccuracy: Hashable, Sendable, Codable {
    /// Nominal level, e.g. 0.8.
    public var level: Double
    public var count: Int
    /// Share of actuals inside their interval (bounds included); compare with `level`.
    public var coverage: Double
    public var meanWidth: Double
    /// Mean Winkler score (see `PredictionInterval.winklerScore(actual:)`), in price units; lower is better.
    public var meanWinklerScore: Double

    public init(level: Double, count: Int, coverage: Double, meanWidth: Double, meanWinklerScore: Double) {
        self.level = level
        self.count = count
        self.coverage = coverage
        self.meanWidth = meanWidth
        self.meanWinklerScore = meanWinklerScore
    }

    /// One entry per level that every outcome carries, ascending; empty when there are no outcomes or
    /// the outcomes carry no intervals. A level missing from some outcome is left out rather than
    /// scored on a subset, which would make its coverage incomparable with the others.
    static func score(_ outcomes: [ForecastOutcome]) -> [IntervalAccuracy] {
        guard let first = outcomes.first else { return [] }
        let levels = first.intervals.map(\.level).sorted()
        return levels.compactMap { level in
            var covered = 0
            var widthSum = 0.0
            var scoreSum = 0.0
            for outcome in outcomes {
                guard let interval = outcome.intervals.first(where: { $0.level == level }) else { return nil }
                if interval.contains(outcome.actual) { covered += 1 }
                widthSum += interval.width
                scoreSum += interval.winklerScore(actual: outcome.actual)
            }
            let n = Double(outcomes.count)
            return IntervalAccuracy(
                level: level, count: outcomes.count, coverage: Double(covered) / n, meanWidth: widthSum / n,
                meanWinklerScore: scoreSum / n)
        }
    }
}
