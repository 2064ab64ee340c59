import ForesiteCore

/// Every model Foresite knows, and which of them a configuration turns on: the one registry the
/// backtest, the daily ledger, selection and the site read.
///
/// To add a model: write a type conforming to `ForecastModel` in its own file and add one line to
/// `standard(config:)`. A test may append its own model to a catalog.
public struct ModelCatalog: Sendable {
    public var models: [any ForecastModel]
    public var combinations: [any CombinationModel]

    public init(models: [any ForecastModel], combinations: [any CombinationModel] = []) {
        self.models = models
        self.combinations = combinations
    }

    /// The models of `config`, in the order the site lists them before sorting by skill. The LSTMs train
    /// their ensemble members on the jobs of `parallelism`.
    public static func standard(config: Config, parallelism: Parallelism = .allCores) -> ModelCatalog {
        ModelCatalog(
            models: [
                PersistenceModel(),
                DriftModel(window: config.model.window),
                LSTMModel(
                    mode: .returns, model: config.model, enabledByDefault: config.model.targetMode == .returns,
                    parallelism: parallelism),
                LSTMModel(
                    mode: .seed, model: config.model, enabledByDefault: config.model.targetMode == .seed,
                    parallelism: parallelism),
                NaiveOpenModel(
                    openColumn: config.target.group + ".open", enabledByDefault: config.targetField == .open),
                GARCHModel(),
                QuantileARModel(),
            ],
            combinations: [MedianEnsemble()])
    }

    /// Every model's name, fitted ones first.
    public var ids: [ModelID] { models.map(\.id) + combinations.map(\.id) }

    /// The fitted models `config` turns on (`models:` overrides each one's default); persistence always.
    public func enabledModels(_ config: Config) -> [any ForecastModel] {
        models.filter { $0.id == .persistence || (config.models[$0.id.rawValue] ?? $0.enabledByDefault) }
    }

    /// The combinations `config` turns on; a combination needs at least two fitted members.
    public func enabledCombinations(_ config: Config) -> [any CombinationModel] {
        guard enabledModels(config).count >= 2 else { return [] }
        return combinations.filter { config.models[$0.id.rawValue] ?? $0.enabledByDefault }
    }

    /// The enabled models' names, fitted first, in catalog order.
    public func enabledIDs(_ config: Config) -> [ModelID] {
        enabledModels(config).map(\.id) + enabledCombinations(config).map(\.id)
    }

    /// Throws for a `models:` key that names no model of the catalog, or that turns persistence off.
    public func validate(_ config: Config) throws {
        for name in config.models.keys.sorted() {
            guard ids.contains(ModelID(name)) else {
                throw ForecastError.invalidSetting(
                    name: "models.\(name)", value: "\(config.models[name]!)",
                    reason: "no such model; the models are \(ids.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if config.models[ModelID.persistence.rawValue] == false {
            throw ForecastError.invalidSetting(
                name: "models.persistence", value: "false", reason: "persistence is the reference of every score")
        }
    }
}
