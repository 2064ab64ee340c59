import ForesiteCore

/// One day's forecast as the ledger keeps it: made on `madeOn` from data up to `origin`, one step per horizon.
///
/// The ledger is the site's evidence (DESIGN.md "Honesty rules"): rows are appended the day they are made
/// and SQLite triggers refuse any UPDATE or DELETE.
public struct LedgerForecast: Hashable, Sendable {
    public struct Step: Hashable, Sendable {
        /// Days after the origin (1 … horizon).
        public var horizon: Int
        public var targetDay: Day
        public var point: Double
        public var intervals: [PredictionInterval]

        public init(horizon: Int, targetDay: Day, point: Double, intervals: [PredictionInterval] = []) {
            self.horizon = horizon
            self.targetDay = targetDay
            self.point = point
            self.intervals = intervals
        }
    }

    public var madeOn: Day
    /// The last complete day the model saw.
    public var origin: Day
    /// The price group whose open is forecast (the config's target group).
    public var targetGroup: String
    public var modelVersion: String
    /// Fingerprint of the input rows the forecast was made from (lineage: same inputs, same forecast).
    public var inputHash: String
    /// The last observed target open at the origin: the naive forecast for every horizon, stored so naive
    /// errors are measured on exactly the days the model's are.
    public var naive: Double
    public var steps: [Step]

    public init(
        madeOn: Day, origin: Day, targetGroup: String, modelVersion: String, inputHash: String, naive: Double,
        steps: [Step]
    ) {
        self.madeOn = madeOn
        self.origin = origin
        self.targetGroup = targetGroup
        self.modelVersion = modelVersion
        self.inputHash = inputHash
        self.naive = naive
        self.steps = steps
    }

    /// Steps by horizon and intervals by level: the order the store reads them back in.
    var normalized: LedgerForecast {
        var copy = self
        copy.steps = steps.sorted { $0.horizon < $1.horizon }.map { step in
            var step = step
            step.intervals.sort { $0.level < $1.level }
            return step
        }
        return copy
    }
}
