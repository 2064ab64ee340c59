import ForesiteCore

extension SiteContent {
    /// One central prediction interval, e.g. the 80 % interval [170, 221].
    public struct Interval: Hashable, Sendable, Codable {
        /// Nominal coverage as a fraction, e.g. 0.8.
        public var level: Double
        public var lower: Double
        public var upper: Double

        public init(level: Double, lower: Double, upper: Double) {
            self.level = level
            self.lower = lower
            self.upper = upper
        }
    }

    /// One step of a forecast: the predicted open `horizon` days after the origin.
    public struct ForecastStep: Hashable, Sendable {
        public var horizon: Int
        public var targetDay: Day
        public var point: Double
        /// The naive forecast for the same day (the origin's open), shown beside the model's.
        public var naive: Double
        /// Intervals by level, ascending.
        public var intervals: [Interval]

        public init(horizon: Int, targetDay: Day, point: Double, naive: Double, intervals: [Interval]) {
            self.horizon = horizon
            self.targetDay = targetDay
            self.point = point
            self.naive = naive
            self.intervals = intervals.sorted { $0.level < $1.level }
        }

        public func interval(_ level: Double) -> Interval? {
            intervals.first { abs($0.level - level) < 1e-9 }
        }
    }

    /// The latest multi-day forecast, as written to the ledger.
    public struct Forecast: Hashable, Sendable {
        /// The last observed day the forecast starts from.
        public var origin: Day
        /// The day the forecast was made and written to the ledger.
        public var madeOn: Day
        /// The target's open on `origin`, the base of the "% change" column.
        public var lastObserved: Double
        public var modelVersion: String
        /// Steps by horizon, ascending.
        public var steps: [ForecastStep]

        public init(origin: Day, madeOn: Day, lastObserved: Double, modelVersion: String, steps: [ForecastStep]) {
            self.origin = origin
            self.madeOn = madeOn
            self.lastObserved = lastObserved
            self.modelVersion = modelVersion
            self.steps = steps.sorted { $0.horizon < $1.horizon }
        }
    }

    /// One forecast step in the ledger, with the actual open once the target day has closed.
    public struct LedgerEntry: Hashable, Sendable {
        public var madeOn: Day
        public var targetDay: Day
        public var horizon: Int
        public var modelVersion: String
        public var point: Double
        public var naive: Double
        public var intervals: [Interval]
        /// Nil until the target day's open is known.
        public var actual: Double?

        public init(
            madeOn: Day, targetDay: Day, horizon: Int, modelVersion: String, point: Double, naive: Double,
            intervals: [Interval], actual: Double? = nil
        ) {
            self.madeOn = madeOn
            self.targetDay = targetDay
            self.horizon = horizon
            self.modelVersion = modelVersion
            self.point = point
            self.naive = naive
            self.intervals = intervals.sorted { $0.level < $1.level }
            self.actual = actual
        }

        public func interval(_ level: Double) -> Interval? {
            intervals.first { abs($0.level - level) < 1e-9 }
        }
    }
}
