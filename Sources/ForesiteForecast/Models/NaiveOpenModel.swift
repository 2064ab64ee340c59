import ForesiteCore

/// `naive-open`: the origin day's open with persistence's spread, only where the target field is the open.
///
/// A historical curiosity: it is a day stale (on a 24/7 market the next open is the last close), so
/// beating it says nothing; it shows how far the original project's "naive" flattered its model.
public struct NaiveOpenModel: ForecastModel {
    /// The target's open column, e.g. `solana.open`.
    public var openColumn: String
    public var enabledByDefault: Bool

    public init(openColumn: String, enabledByDefault: Bool) {
        self.openColumn = openColumn
        self.enabledByDefault = enabledByDefault
    }

    public var id: ModelID { "naive-open" }
    public var refit: ModelRefit { .everyForecast }
    public var joinsEnsemble: Bool { false }

    public func describe(_ data: ModelData) -> ModelDescription {
        ModelDescription(
            id: id, title: "Naive (last open)",
            method: "Every horizon's median is the origin day's open, the original project's naive forecast; "
                + "its quantiles are persistence's spread around it. It is a day stale on a market that never "
                + "closes, and is shown only when the open is the target.",
            inputs: [openColumn, data.reference], parameters: [])
    }

    public func fit(_ data: ModelData) throws -> any FittedModel {
        Fitted(openColumn: openColumn, persistence: Persistence(levels: data.levels))
    }

    struct Fitted: FittedModel {
        let openColumn: String
        let persistence: Persistence
        var version: String { "naive-open" }

        func forecast(_ data: ModelData) throws -> [QuantileForecast] {
            let origin = try data.originIndex(for: "naive-open")
            let open = try data.values(openColumn)[origin]
            return try persistence.forecast(
                days: data.days, reference: data.values(data.reference), target: data.values(data.target),
                origin: origin, horizon: data.horizon
            ).map { $0.recentred(on: open) }
        }
    }
}
