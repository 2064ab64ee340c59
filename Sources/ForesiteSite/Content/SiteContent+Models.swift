import ForesiteCore

extension SiteContent {
    /// One model as its page shows it: what it is, and (for the trained LSTM) its registry versions.
    public struct ModelSummary: Hashable, Sendable {
        /// e.g. "persistence", "lstm", "ensemble": also the page's file name (`models/<id>.html`).
        public var id: ModelID
        public var title: String
        /// One paragraph: how the median and quantiles are made.
        public var method: String
        public var inputs: [String]
        public var parameters: [Setting]
        /// Whether the configuration turns it on (a disabled model has a page only if it has forecasts).
        public var enabled: Bool
        /// Registry versions, newest first (the trained LSTM only).
        public var versions: [ModelVersion]

        public init(
            id: ModelID, title: String, method: String, inputs: [String], parameters: [Setting], enabled: Bool,
            versions: [ModelVersion] = []
        ) {
            self.id = id
            self.title = title
            self.method = method
            self.inputs = inputs
            self.parameters = parameters
            self.enabled = enabled
            self.versions = versions
        }
    }

    /// Every model against persistence over one trailing window of the ledger's scored forecasts.
    public struct LeaderboardWindow: Hashable, Sendable {
        /// "30" / "90" / "all": the page suffix (`accuracy.html` is "all", `accuracy-30.html`, …).
        public var id: String
        /// "last 30 days", "last 90 days", "all".
        public var label: String
        /// Days of the window, nil for all.
        public var days: Int?
        /// One table per model other than persistence, sorted by overall relative WIS (best first);
        /// models without a scored pair in the window are left out.
        public var tables: [SkillTable]

        public init(id: String, label: String, days: Int?, tables: [SkillTable]) {
            self.id = id
            self.label = label
            self.days = days
            self.tables = tables
        }
    }

    /// Which model's forecast is published, and why (`selection:`).
    public struct Publication: Hashable, Sendable {
        /// The model whose forecast is published on the newest day.
        public var model: ModelID
        /// True when no model beat persistence, so persistence itself is published.
        public var isPersistence: Bool
        /// One plain sentence for index.html, e.g. "No model has beaten persistence over the last 90 days,
        /// so the published forecast is persistence's." or "Published: quantile-ar, the lowest relative WIS
        /// (0.91, better than persistence) over the last 90 days."
        public var sentence: String
        /// The published model of every day made, oldest first (from the ledger's "published" rows).
        public var history: [Day: ModelID]

        public init(model: ModelID, isPersistence: Bool, sentence: String, history: [Day: ModelID]) {
            self.model = model
            self.isPersistence = isPersistence
            self.sentence = sentence
            self.history = history
        }
    }

    /// Every model's forecast made on one day, against what happened: `forecasts/<madeOn>.html`.
    public struct ArchiveDay: Hashable, Sendable {
        public var madeOn: Day
        public var origin: Day
        /// The latest known price at the origin.
        public var reference: Double
        /// The model published that day, if recorded.
        public var published: ModelID?
        /// Per model (fitted ones in catalog order, then the ensemble), its forecast of horizons 1…H.
        public var forecasts: [IssuedForecast]
        /// The actual value of each target day known so far (the target field), by target day.
        public var actuals: [Day: Double]

        public init(
            madeOn: Day, origin: Day, reference: Double, published: ModelID?, forecasts: [IssuedForecast],
            actuals: [Day: Double]
        ) {
            self.madeOn = madeOn
            self.origin = origin
            self.reference = reference
            self.published = published
            self.forecasts = forecasts
            self.actuals = actuals
        }
    }
}
