import ForesiteCore

/// `drift`: the second baseline (`Drift`): the line through the last `window` reference values (closes),
/// persistence's spread.
public struct DriftModel: ForecastModel {
    public var window: Int

    public init(window: Int) { self.window = window }

    public var id: ModelID { "drift" }
    public var enabledByDefault: Bool { true }
    public var refit: ModelRefit { .everyForecast }

    public func describe(_ data: ModelData) -> ModelDescription {
        ModelDescription(
            id: id, title: "Drift",
            method: "The median of horizon h extends the line through the first and last of the last \(window) "
                + "\(data.wording.observations) by h days (Hyndman's drift method); its quantiles are persistence's, "
                + "moved to centre on that line, so drift and persistence differ only in where they put the middle.",
            inputs: Array(Set([data.reference, data.target])).sorted(),
            parameters: [.init("window", "\(window) days"), .init("spread", "persistence's")])
    }

    public func fit(_ data: ModelData) throws -> any FittedModel {
        Fitted(drift: Drift(window: window, persistence: Persistence(levels: data.levels)))
    }

    struct Fitted: FittedModel {
        let drift: Drift
        var version: String { "drift(window \(drift.window))" }

        func forecast(_ data: ModelData) throws -> [QuantileForecast] {
            let origin = try data.originIndex(for: "drift")
            return try drift.forecast(
                days: data.days, reference: data.values(data.reference), target: data.values(data.target),
                origin: origin, horizon: data.horizon)
        }
    }
}
