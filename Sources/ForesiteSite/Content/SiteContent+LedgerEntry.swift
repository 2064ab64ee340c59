import ForesiteCore

extension SiteContent {
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
