/// A model's scores beside persistence's on exactly the same forecasts (origin and horizon), the
/// relative WIS (model WIS / persistence WIS; 1.0 = no better) and whether the difference is more
/// than luck.
public struct SkillComparison: Hashable, Sendable {
    /// Fewer scored pairs than this get no verdict.
    public static let minimumPairs = 10

    /// The horizon compared, or nil for all horizons together.
    public var horizon: Int?
    public var model: ScoreSummary
    public var baseline: ScoreSummary
    /// Model mean WIS over baseline mean WIS on the same pairs; below 1 is better.
    public var relativeWIS: Double
    /// The Diebold–Mariano test of the WIS differences (nil when it cannot be computed).
    public var test: DieboldMariano.Result?
    public var verdict: SkillVerdict

    public var pairs: Int { model.count }

    /// Compares the forecasts both sides made (matched on origin and horizon; unmatched ones are left out).
    ///
    /// Per horizon h the test uses the WIS differences in origin order with HAC lag h − 1. For all
    /// horizons together the differences are first averaged per origin (one value per day, so a day
    /// is not counted H times) and the lag is the longest horizon − 1.
    public init(model: [ScoredForecast], baseline: [ScoredForecast], horizon: Int?) {
        self.init(pairs: Self.pairs(model, baselineByKey: Self.byKey(baseline)), horizon: horizon)
    }

    /// `baseline` by origin and horizon, the first of a repeated key being the one paired.
    static func byKey(_ baseline: [ScoredForecast]) -> [ScoredForecast.Key: ScoredForecast] {
        Dictionary(baseline.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Each of `model`'s scores that the baseline also scored, with the baseline's, in `model`'s order.
    static func pairs(_ model: [ScoredForecast], baselineByKey: [ScoredForecast.Key: ScoredForecast])
        -> [(ScoredForecast, ScoredForecast)]
    {
        model.compactMap { score in baselineByKey[score.key].map { (score, $0) } }
    }

    /// The comparison of `horizon`'s pairs (all of them for nil). A table's comparisons (every horizon and
    /// all together) share one pairing: keying the baseline and pairing for each was most of the site's
    /// leaderboards (3 windows × every model × 11 comparisons of a year of ledger on every build).
    init(pairs all: [(ScoredForecast, ScoredForecast)], horizon: Int?) {
        self.init(
            sortedPairs: all.filter { horizon == nil || $0.0.horizon == horizon }.sorted { $0.0.key < $1.0.key },
            horizon: horizon)
    }

    /// The comparison of `pairs`, already in key order and all of `horizon` (any, for nil).
    init(sortedPairs pairs: [(ScoredForecast, ScoredForecast)], horizon: Int?) {
        self.horizon = horizon
        self.model = ScoreSummary(pairs.map(\.0))
        self.baseline = ScoreSummary(pairs.map(\.1))
        relativeWIS = self.baseline.wis > 0 ? self.model.wis / self.baseline.wis : .nan
        let differences: [Double]
        let lag: Int
        if let horizon {
            differences = pairs.map { $0.0.weightedIntervalScore - $0.1.weightedIntervalScore }
            lag = horizon - 1
        } else {
            // In key order each origin's pairs are a run: summed in turn, origins ascending.
            var means: [Double] = []
            var run: (origin: Day, sum: Double, count: Int)?
            for (score, base) in pairs {
                let difference = score.weightedIntervalScore - base.weightedIntervalScore
                if let current = run, current.origin == score.origin {
                    run = (current.origin, current.sum + difference, current.count + 1)
                } else {
                    if let current = run { means.append(current.sum / Double(current.count)) }
                    // 0 + difference, as a sum from zero would begin (−0 becomes +0).
                    run = (score.origin, 0 + difference, 1)
                }
            }
            if let current = run { means.append(current.sum / Double(current.count)) }
            differences = means
            lag = (pairs.map(\.0.horizon).max() ?? 1) - 1
        }
        test = DieboldMariano.test(differences: differences, lag: lag)
        verdict = SkillVerdict(relativeWIS: relativeWIS, test: test, pairs: pairs.count)
    }

    /// One comparison per horizon both sides scored, ascending, and one over all of them.
    public static func table(model: [ScoredForecast], baseline: [ScoredForecast]) -> (
        horizons: [SkillComparison], overall: SkillComparison
    ) {
        let table = table(model: model, baseline: Baseline(baseline))
        return (table.horizons, table.overall)
    }

    /// `table(model:baseline:)` against a baseline keyed once for every model compared with it, with the
    /// first and last origin of the pairs compared (nil without any).
    public static func table(model: [ScoredForecast], baseline: Baseline) -> (
        horizons: [SkillComparison], overall: SkillComparison, origins: ClosedRange<Day>?
    ) {
        // A forecast has a few horizons: gathered by a short search, not a set hashing every score's.
        var modelHorizons: [Int] = []
        for score in model where !modelHorizons.contains(score.horizon) { modelHorizons.append(score.horizon) }
        let horizons = modelHorizons.filter(baseline.horizons.contains).sorted()
        // In key order (a stable sort of `model`'s order), then split by horizon: each horizon's pairs keep it.
        let pairs = baseline.pairs(model)
        // Split by horizon through its position in `horizons` (a handful), not a dictionary hashing every pair.
        var byHorizon = [[(ScoredForecast, ScoredForecast)]](repeating: [], count: horizons.count)
        for pair in pairs { if let at = horizons.firstIndex(of: pair.0.horizon) { byHorizon[at].append(pair) } }
        // Key order is origin first: the first and last pairs hold the earliest and latest origins.
        let origins = pairs.first.map { first in first.0.origin...pairs[pairs.count - 1].0.origin }
        return (
            horizons.enumerated().map { SkillComparison(sortedPairs: byHorizon[$0.offset], horizon: $0.element) },
            SkillComparison(sortedPairs: pairs, horizon: nil), origins
        )
    }

    /// A baseline's scores keyed for pairing (the first of a repeated key is the one paired), made once
    /// for all the models a leaderboard compares with it.
    ///
    /// Scores come in key order from the ledger (oldest origin first, horizons ascending) and are paired by
    /// walking both lists side by side; hashing every key was most of a leaderboard's pairing. Scores in
    /// any other order are put in key order first (a stable sort, so a repeated key keeps its order).
    public struct Baseline: Sendable {
        /// The scores in key order with each key once (its first score).
        private let inKeyOrder: [ScoredForecast]
        let horizons: Set<Int>

        public init(_ scores: [ScoredForecast]) {
            horizons = Set(scores.map(\.horizon))
            var unique: [ScoredForecast] = []
            unique.reserveCapacity(scores.count)
            for score in Baseline.inKeyOrder(scores) where unique.last?.key != score.key { unique.append(score) }
            inKeyOrder = unique
        }

        /// Each of `model`'s scores that the baseline also scored, with the baseline's, in key order (a
        /// stable sort of `model`'s order).
        func pairs(_ model: [ScoredForecast]) -> [(ScoredForecast, ScoredForecast)] {
            var pairs: [(ScoredForecast, ScoredForecast)] = []
            pairs.reserveCapacity(min(model.count, inKeyOrder.count))
            var at = inKeyOrder.startIndex
            for score in Baseline.inKeyOrder(model) {
                let key = score.key
                while at < inKeyOrder.endIndex && inKeyOrder[at].key < key { at += 1 }
                guard at < inKeyOrder.endIndex else { break }
                if inKeyOrder[at].key == key { pairs.append((score, inKeyOrder[at])) }
            }
            return pairs
        }

        /// `scores` in key order: as they are when they already are (the ledger's), else stably sorted.
        private static func inKeyOrder(_ scores: [ScoredForecast]) -> [ScoredForecast] {
            scores.sortedIfNeeded { $0.key < $1.key }
        }
    }
}
