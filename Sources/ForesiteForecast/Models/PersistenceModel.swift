import ForesiteCore

/// `persistence`: the reference of every score (`Persistence`), as a model of the catalog.
public struct PersistenceModel: ForecastModel {
    public var persistence: Persistence

    public init(persistence: Persistence = Persistence()) { self.persistence = persistence }

    public var id: ModelID { .persistence }
    public var enabledByDefault: Bool { true }
    public var refit: ModelRefit { .everyForecast }

    public func describe(_ data: ModelData) -> ModelDescription {
        let wording = data.wording
        return ModelDescription(
            id: id, title: "Persistence",
            method: "The median of every horizon is \(wording.latestKnown) (the origin's \(wording.observation)). "
                + "The quantiles "
                + "of horizon h are the empirical quantiles of the past \(persistence.window) days' h-day log "
                + "changes, taken with both signs so the distribution is centred on no change: the forecast "
                + "hubs' baseline. Every other model's relative WIS is measured against it.",
            inputs: Array(Set([data.reference, data.target])).sorted(),
            parameters: [
                .init("window", "\(persistence.window) days"),
                .init("least changes per horizon", "\(persistence.minimumChanges)"),
            ])
    }

    public func fit(_ data: ModelData) throws -> any FittedModel {
        Fitted(
            persistence: Persistence(
                window: persistence.window, minimumChanges: persistence.minimumChanges, levels: data.levels))
    }

    struct Fitted: FittedModel {
        let persistence: Persistence
        var version: String { "persistence(window \(persistence.window))" }

        func forecast(_ data: ModelData) throws -> [QuantileForecast] {
            let origin = try data.originIndex(for: "persistence")
            return try persistence.forecast(
                days: data.days, reference: data.values(data.reference), target: data.values(data.target),
                origin: origin, horizon: data.horizon)
        }
    }
}
