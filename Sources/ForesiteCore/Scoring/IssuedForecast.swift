/// One model's forecast issued on one day: from data up to `origin`, one quantile forecast per horizon.
///
/// The one shape of a day's forecast every stage shares: `predict` makes it, the store appends it to the
/// ledger and reads it back (`grouping(_:)` of the ledger's rows), and the site shows it (the latest
/// forecast, each archive day's models). A step is one ledger row's forecast; the ledger's format and
/// hash chain are `LedgerRecord`'s, which `records` and `grouping(_:)` map to and from.
public struct IssuedForecast: Hashable, Sendable {
    /// One horizon of the forecast.
    public struct Step: Hashable, Sendable {
        /// Days after the origin (1 … horizon).
        public var horizon: Int
        public var targetDay: Day
        /// The median and the central intervals.
        public var forecast: QuantileForecast

        public init(horizon: Int, targetDay: Day, forecast: QuantileForecast) {
            self.horizon = horizon
            self.targetDay = targetDay
            self.forecast = forecast
        }

        public var median: Double { forecast.median }
    }

    /// e.g. "persistence", "lstm", or "published" (the day's published choice).
    public var model: ModelID
    /// The registry version for a trained model; the method and its settings for a baseline; for the
    /// published row, the chosen model and its evidence.
    public var modelVersion: String
    /// The day the forecast was made and written to the ledger.
    public var madeOn: Day
    /// The last complete day the model saw.
    public var origin: Day
    /// The price group whose `field` is forecast (the config's target group).
    public var targetGroup: String
    /// "close" or "open".
    public var field: String
    /// The latest known price at the origin (the target's close there), the base of every change.
    public var reference: Double
    /// Fingerprint of the input rows the forecast was made from (lineage: same inputs, same forecast).
    public var inputHash: String
    /// Ascending by horizon.
    public var steps: [Step]

    public init(
        model: ModelID, modelVersion: String, madeOn: Day, origin: Day, targetGroup: String, field: String,
        reference: Double, inputHash: String, steps: [Step]
    ) {
        self.model = model
        self.modelVersion = modelVersion
        self.madeOn = madeOn
        self.origin = origin
        self.targetGroup = targetGroup
        self.field = field
        self.reference = reference
        self.inputHash = inputHash
        self.steps = steps
    }

    /// The step of `horizon`, if the forecast has one.
    public func step(horizon: Int) -> Step? { steps.first { $0.horizon == horizon } }

    /// Ledger rows grouped into one forecast per day made and model, by day then model, steps by horizon.
    public static func grouping(_ records: [LedgerRecord]) -> [IssuedForecast] {
        struct Key: Hashable {
            var madeOn: Day
            var model: String
        }
        var result: [IssuedForecast] = []
        var index: [Key: Int] = [:]
        // A forecast's rows are appended together, so a row mostly continues the forecast of the row before:
        // that is checked first, without hashing.
        var last: (key: Key, at: Int)?
        for record in records {
            let key = Key(madeOn: record.madeOn, model: record.model)
            let step = Step(horizon: record.horizon, targetDay: record.targetDay, forecast: record.forecast)
            if let last, last.key == key {
                result[last.at].steps.append(step)
                continue
            }
            if let at = index[key] {
                last = (key, at)
                result[at].steps.append(step)
            } else {
                index[key] = result.count
                last = (key, result.count)
                result.append(
                    IssuedForecast(
                        model: ModelID(record.model), modelVersion: record.modelVersion, madeOn: record.madeOn,
                        origin: record.origin, targetGroup: record.targetGroup, field: record.field,
                        reference: record.reference, inputHash: record.inputHash, steps: [step]))
            }
        }
        // Sorted in place, and only where out of order: a ledger's rows come in chain order, so copying a
        // year's 3,000 forecasts to sort them (each copy retaining its strings) was most of the grouping.
        for at in result.indices { result[at].steps.sortIfNeeded { $0.horizon < $1.horizon } }
        result.sortIfNeeded { ($0.madeOn, $0.model) < ($1.madeOn, $1.model) }
        return result
    }

    /// The ledger rows of this forecast, one per step in step order (hashes not yet set).
    public var records: [LedgerRecord] {
        steps.map { step in
            LedgerRecord(
                madeOn: madeOn, model: model.rawValue, modelVersion: modelVersion, targetGroup: targetGroup,
                field: field, origin: origin, horizon: step.horizon, targetDay: step.targetDay, reference: reference,
                forecast: step.forecast, inputHash: inputHash)
        }
    }
}
