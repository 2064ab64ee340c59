import ForesiteCore

/// One model's forecast made on one day as the ledger keeps it: from data up to `origin`, one quantile
/// forecast per horizon.
///
/// The ledger is the site's evidence (Architecture.md, "Invariants"): rows are appended the day they are
/// made, SQLite triggers refuse any UPDATE or DELETE, and every row carries the SHA-256 of its content
/// and of the row before it (`LedgerRecord`), so a change made behind the triggers' back is detected.
public struct LedgerForecast: Hashable, Sendable {
    public struct Step: Hashable, Sendable {
        /// Days after the origin (1 … horizon).
        public var horizon: Int
        public var targetDay: Day
        public var forecast: QuantileForecast

        public init(horizon: Int, targetDay: Day, forecast: QuantileForecast) {
            self.horizon = horizon
            self.targetDay = targetDay
            self.forecast = forecast
        }

        public var median: Double { forecast.median }
    }

    public var madeOn: Day
    /// The last complete day the model saw.
    public var origin: Day
    /// The price group whose `field` is forecast (the config's target group).
    public var targetGroup: String
    /// "close" or "open".
    public var field: String
    /// The model's name, e.g. "lstm" or "persistence".
    public var model: String
    /// The registry version for a trained model; the method and its settings for a baseline.
    public var modelVersion: String
    /// Fingerprint of the input rows the forecast was made from (lineage: same inputs, same forecast).
    public var inputHash: String
    /// The latest known price at the origin (the target's close there), the base of every change.
    public var reference: Double
    public var steps: [Step]

    public init(
        madeOn: Day, origin: Day, targetGroup: String, field: String, model: String, modelVersion: String,
        inputHash: String, reference: Double, steps: [Step]
    ) {
        self.madeOn = madeOn
        self.origin = origin
        self.targetGroup = targetGroup
        self.field = field
        self.model = model
        self.modelVersion = modelVersion
        self.inputHash = inputHash
        self.reference = reference
        self.steps = steps
    }

    /// Ledger rows grouped into one forecast per day made and model, by day then model, steps by horizon.
    public static func grouping(_ records: [LedgerRecord]) -> [LedgerForecast] {
        var result: [LedgerForecast] = []
        var index: [String: Int] = [:]
        for record in records {
            let key = record.madeOn.iso + "\u{1F}" + record.model
            let step = Step(horizon: record.horizon, targetDay: record.targetDay, forecast: record.forecast)
            if let at = index[key] {
                result[at].steps.append(step)
            } else {
                index[key] = result.count
                result.append(
                    LedgerForecast(
                        madeOn: record.madeOn, origin: record.origin, targetGroup: record.targetGroup,
                        field: record.field, model: record.model, modelVersion: record.modelVersion,
                        inputHash: record.inputHash, reference: record.reference, steps: [step]))
            }
        }
        return result.map { forecast in
            var sorted = forecast
            sorted.steps.sort { $0.horizon < $1.horizon }
            return sorted
        }.sorted { ($0.madeOn, $0.model) < ($1.madeOn, $1.model) }
    }

    /// Steps by horizon, the order the store reads them back in.
    var normalized: LedgerForecast {
        var copy = self
        copy.steps = steps.sorted { $0.horizon < $1.horizon }.map { step in
            Step(
                horizon: step.horizon, targetDay: step.targetDay,
                forecast: LedgerTable.stored(step.forecast))
        }
        return copy
    }

    /// The chained rows of this forecast, one per horizon (hashes not yet set).
    var records: [LedgerRecord] {
        normalized.steps.map { step in
            LedgerRecord(
                madeOn: madeOn, model: model, modelVersion: modelVersion, targetGroup: targetGroup, field: field,
                origin: origin, horizon: step.horizon, targetDay: step.targetDay, reference: reference,
                forecast: step.forecast, inputHash: inputHash)
        }
    }
}
