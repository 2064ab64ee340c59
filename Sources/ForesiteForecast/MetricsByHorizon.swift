/// Metrics for each horizon 1…H and over all horizons pooled: the shape of every accuracy table
/// Foresite prints or publishes.
public struct MetricsByHorizon: Hashable, Sendable, Codable {
    /// Ascending by horizon; a horizon with no outcomes is absent.
    public var horizons: [HorizonMetrics]
    /// All outcomes pooled; nil when there are none.
    public var overall: Metrics?

    public struct HorizonMetrics: Hashable, Sendable, Codable {
        public var horizon: Int
        public var metrics: Metrics
    }

    public init(horizons: [HorizonMetrics], overall: Metrics?) {
        self.horizons = horizons
        self.overall = overall
    }

    /// Groups `outcomes` by horizon and scores each group and the whole. No outcomes give no horizons
    /// and a nil overall: an empty table, not an error.
    public init(_ outcomes: [ForecastOutcome], naiveScale: Double?) {
        let grouped = Dictionary(grouping: outcomes, by: \.horizon)
        horizons = grouped.keys.sorted().compactMap { horizon in
            Metrics.score(grouped[horizon]!, naiveScale: naiveScale).map {
                HorizonMetrics(horizon: horizon, metrics: $0)
            }
        }
        overall = Metrics.score(outcomes, naiveScale: naiveScale)
    }

    /// The metrics of horizon `h`, if it had outcomes.
    public subscript(horizon h: Int) -> Metrics? { horizons.first { $0.horizon == h }?.metrics }
}
