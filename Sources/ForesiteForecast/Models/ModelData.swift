import ForesiteCore
import ForesiteML

/// What a model sees when it is fitted or makes a forecast: every configured column, in rows that end on
/// the last day it may use (the fitting day, or the forecast's origin), and which columns play which part.
///
/// Cutting (`through(_:)`) is the only way to make a shorter one, so a model cannot read a row after
/// the day it stands on.
public struct ModelData: Sendable {
    /// Rows through the last usable day, ascending.
    public let frame: FeatureFrame
    /// The forecast column, e.g. `solana.close`.
    public let target: String
    /// The latest known value's column (a price target's close, a CSV target's own column): persistence's
    /// median.
    public let reference: String
    /// The configured model inputs (`model.inputs`), which models may use as covariates.
    public let inputs: [String]
    /// Days forecast, 1…horizon.
    public let horizon: Int
    /// Central interval levels every forecast states, ascending.
    public let levels: [Double]
    /// How descriptions name the target's values ("the latest close", or a CSV target's "the latest level").
    public let wording: SeriesWording

    public init(
        frame: FeatureFrame, target: String, reference: String, inputs: [String], horizon: Int, levels: [Double],
        wording: SeriesWording = .price
    ) {
        self.frame = frame
        self.target = target
        self.reference = reference
        self.inputs = inputs
        self.horizon = horizon
        self.levels = levels.sorted()
        self.wording = wording
    }

    /// The data of `config` over `frame`: its target, reference, inputs, horizon, the 50/80/95 % levels
    /// plus any configured ones, and the target's wording.
    public init(frame: FeatureFrame, config: Config) {
        self.init(
            frame: frame, target: config.targetColumn, reference: config.referenceColumn,
            inputs: config.model.inputs, horizon: config.model.horizon,
            levels: Set(QuantileForecast.standardLevels + config.model.intervals).sorted(),
            wording: config.targetWording)
    }

    /// The same data cut after `day` (rows through `day` only).
    public func through(_ day: Day) -> ModelData {
        ModelData(
            frame: frame.prefix(through: day), target: target, reference: reference, inputs: inputs, horizon: horizon,
            levels: levels, wording: wording)
    }

    /// The last usable day: a forecast's origin, or the day a fit stands on.
    public var lastDay: Day? { frame.days.last }

    public var days: [Day] { frame.days }

    public func values(_ column: String) throws -> [Double] { try frame.values(of: column) }

    /// The row of the last usable day (the origin), or `tooLittleHistory` for `method` when there is none.
    public func originIndex(for method: String) throws -> Int {
        guard let index = frame.days.indices.last else {
            throw ForecastError.tooLittleHistory(method: method, needed: 1, available: 0)
        }
        return index
    }
}
