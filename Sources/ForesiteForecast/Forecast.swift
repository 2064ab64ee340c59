import ForesiteCore

/// The LSTM ensemble's forecast at an origin, with what identifies it: the members' seeds and the input
/// window. Each step is the one quantile-forecast value every stage shares, with the naive forecast beside it.
///
/// `inputWindowHash` identifies the exact input values, so re-running predict on the same day with the
/// same data can be recognised as the same forecast, and a changed input as a different one.
public struct Forecast: Hashable, Sendable, Codable {
    /// The last day whose data the forecast used.
    public var origin: Day
    /// The day the forecast was made (the ledger's "made on"); later than `origin` in live use.
    public var madeOn: Day
    /// The registry version of the model (for an ensemble, of the ensemble).
    public var modelVersion: String
    /// Seeds of the ensemble members averaged into each median, in order; one entry for a single model.
    public var memberSeeds: [UInt64]
    /// `WindowFingerprint` of the input window.
    public var inputWindowHash: String
    /// Ascending by horizon, 1…H.
    public var steps: [Step]

    public struct Step: Hashable, Sendable, Codable {
        public var horizon: Int
        public var targetDay: Day
        /// The members' mean as the median, with the conformal intervals around it.
        public var forecast: QuantileForecast
        /// The naive forecast for the same day (the target's value at the origin), shown beside the median.
        public var naive: Double

        public init(horizon: Int, targetDay: Day, forecast: QuantileForecast, naive: Double) {
            self.horizon = horizon
            self.targetDay = targetDay
            self.forecast = forecast
            self.naive = naive
        }

        public var median: Double { forecast.median }
    }

    public init(
        origin: Day, madeOn: Day, modelVersion: String, memberSeeds: [UInt64], inputWindowHash: String, steps: [Step]
    ) {
        self.origin = origin
        self.madeOn = madeOn
        self.modelVersion = modelVersion
        self.memberSeeds = memberSeeds
        self.inputWindowHash = inputWindowHash
        self.steps = steps
    }

    public var horizon: Int { steps.count }
}
