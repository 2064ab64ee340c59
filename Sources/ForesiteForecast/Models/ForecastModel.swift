import ForesiteCore

/// A forecasting method: fitted on the data up to a day, it forecasts quantiles for horizons 1…H from
/// any later origin.
///
/// Adding a model is one new file with a type conforming to this protocol, plus its line in
/// `ModelCatalog.standard`: the backtest, the daily ledger, selection, the leaderboard, the model pages
/// and the hub export all go through the catalog.
public protocol ForecastModel: Sendable {
    var id: ModelID { get }
    /// On unless the configuration's `models:` section says otherwise.
    var enabledByDefault: Bool { get }
    /// How often the live pipeline refits it.
    var refit: ModelRefit { get }
    /// Whether the median ensemble takes it as a member (default true; false for a curiosity).
    var joinsEnsemble: Bool { get }
    /// Name, method, inputs and parameters, for the model's page.
    func describe(_ data: ModelData) -> ModelDescription
    /// Fits on `data`, whose rows end on the fitting day. Deterministic for the same data.
    func fit(_ data: ModelData) throws -> any FittedModel
}

extension ForecastModel {
    public var joinsEnsemble: Bool { true }
}

/// When the live pipeline refits a model.
public enum ModelRefit: Hashable, Sendable {
    /// Cheap: fitted afresh on the data through each origin.
    case everyForecast
    /// Trained on `retrain_every_days`'s schedule and kept in the model registry (the LSTM).
    case scheduled
}

/// A model fitted on the data through one day.
public protocol FittedModel: Sendable {
    /// Recorded in the ledger's `model_version`: what was fitted, through which day, with what result.
    var version: String { get }
    /// Forecasts of horizons 1…`data.horizon` from `data`'s last row (the origin); reads no later row.
    func forecast(_ data: ModelData) throws -> [QuantileForecast]
}

/// A model made from the other models' forecasts at the same origin (the ensemble).
public protocol CombinationModel: Sendable {
    var id: ModelID { get }
    var enabledByDefault: Bool { get }
    func describe(members: [ModelID]) -> ModelDescription
    /// The combined forecast of horizons 1…H from each member's (every member has H forecasts).
    func combine(_ members: [ModelID: [QuantileForecast]]) throws -> [QuantileForecast]
}
