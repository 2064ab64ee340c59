import ForesiteCore

/// One forecast as the ledger stores it: made on a day from data up to an origin, one step per horizon,
/// each with the naive forecast beside it and calibrated intervals.
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
    /// Seeds of the ensemble members averaged into `point`, in order; one entry for a single model.
    public var memberSeeds: [UInt64]
    /// `WindowFingerprint` of the input window.
    public var inputWindowHash: String
    /// Ascending by horizon, 1…H.
    public var steps: [Step]

    public struct Step: Hashable, Sendable, Codable {
        public var horizon: Int
        public var targetDay: Day
        public var point: Double
        /// The naive forecast for the same day (the target's value at the origin), shown beside `point`.
        public var naive: Double
        /// Ascending by level.
        public var intervals: [PredictionInterval]

        public init(horizon: Int, targetDay: Day, point: Double, naive: Double, intervals: [PredictionInterval]) {
            self.horizon = horizon
            self.targetDay = targetDay
            self.point = point
            self.naive = naive
            self.intervals = intervals
        }

        public func interval(level: Double) -> PredictionInterval? { intervals.first { $0.level == level } }
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
