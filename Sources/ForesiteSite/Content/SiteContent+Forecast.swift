import ForesiteCore

extension SiteContent {
    /// One step of the published forecast: the model's quantiles for the target `horizon` days after
    /// the origin, and persistence's for the same day beside them.
    public struct ForecastStep: Hashable, Sendable {
        public var horizon: Int
        public var targetDay: Day
        /// The published model's median and 50/80/95 % intervals.
        public var forecast: QuantileForecast
        /// Persistence's forecast of the same day (median = the reference price), when recorded.
        public var persistence: QuantileForecast?

        public init(horizon: Int, targetDay: Day, forecast: QuantileForecast, persistence: QuantileForecast?) {
            self.horizon = horizon
            self.targetDay = targetDay
            self.forecast = forecast
            self.persistence = persistence
        }

        public var median: Double { forecast.median }
    }

    /// The latest multi-day forecast, as written to the ledger.
    public struct Forecast: Hashable, Sendable {
        /// The last complete day the forecast starts from.
        public var origin: Day
        /// The day the forecast was made and written to the ledger.
        public var madeOn: Day
        /// The forecast field of the target, e.g. "close".
        public var field: String
        /// The latest known price at the origin (the origin's close): the base of every "% change".
        public var referencePrice: Double
        /// The published model's name, e.g. "lstm".
        public var model: String
        public var modelVersion: String
        /// Steps by horizon, ascending.
        public var steps: [ForecastStep]

        public init(
            origin: Day, madeOn: Day, field: String, referencePrice: Double, model: String, modelVersion: String,
            steps: [ForecastStep]
        ) {
            self.origin = origin
            self.madeOn = madeOn
            self.field = field
            self.referencePrice = referencePrice
            self.model = model
            self.modelVersion = modelVersion
            self.steps = steps.sorted { $0.horizon < $1.horizon }
        }
    }

    /// One forecast step of the published model in the ledger, with persistence's forecast of the same
    /// day and the actual once the target day has closed.
    public struct LedgerEntry: Hashable, Sendable {
        public var madeOn: Day
        public var origin: Day
        public var targetDay: Day
        public var horizon: Int
        public var model: String
        public var modelVersion: String
        public var forecast: QuantileForecast
        public var persistence: QuantileForecast?
        /// Nil until the target day's value is known.
        public var actual: Double?
        /// The latest known price at the origin (the ledger row's `reference`), the base of the feed's
        /// "% change"; nil when not recorded, and then persistence's median stands in (they are equal).
        public var referencePrice: Double?

        public init(
            madeOn: Day, origin: Day, targetDay: Day, horizon: Int, model: String, modelVersion: String,
            forecast: QuantileForecast, persistence: QuantileForecast?, actual: Double? = nil,
            referencePrice: Double? = nil
        ) {
            self.madeOn = madeOn
            self.origin = origin
            self.targetDay = targetDay
            self.horizon = horizon
            self.model = model
            self.modelVersion = modelVersion
            self.forecast = forecast
            self.persistence = persistence
            self.actual = actual
            self.referencePrice = referencePrice
        }

        public var median: Double { forecast.median }

        /// The price the forecast's change is measured from: the recorded reference, else persistence's
        /// median (persistence forecasts the latest known price).
        public var reference: Double? { referencePrice ?? persistence?.median }
    }
}
