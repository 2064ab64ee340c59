import ForesiteCore
import ForesiteML
import Foundation

/// The quantile autoregression's regressors at a day t: the last `lags` daily log returns of the
/// reference, then one value per covariate of the configured inputs.
///
/// A covariate is every input that is not the target instrument's own price (its open, high, low and
/// close say nothing its returns do not): another instrument's price enters as its daily log change,
/// a volume as the daily change of log(1 + volume) (a day with no trades stays finite), and Fear &
/// Greed as its level (a bounded index whose extremes are the signal). The classification is the
/// value in five bins, so it is left out when the value is there.
struct QuantileARFeatures: Hashable, Sendable {
    enum Transform: Hashable, Sendable {
        case logChange
        case logVolumeChange
        case level
    }

    struct Covariate: Hashable, Sendable {
        var column: String
        var transform: Transform
    }

    var lags: Int
    var covariates: [Covariate]

    init(lags: Int, covariates: [Covariate]) {
        self.lags = lags
        self.covariates = covariates
    }

    /// The covariates `data.inputs` allow, in their order.
    init(data: ModelData, lags: Int) throws {
        let targetGroup = try FeatureColumn(data.reference).group
        let columns = try data.inputs.map { try FeatureColumn($0) }
        let hasValue = columns.contains { $0.kind == .fearGreedValue }
        var covariates: [Covariate] = []
        for column in columns {
            switch column.kind {
            case .price:
                if column.group != targetGroup {
                    covariates.append(.init(column: "\(column)", transform: .logChange))
                }
            case .volume:
                covariates.append(.init(column: "\(column)", transform: .logVolumeChange))
            case .fearGreedValue:
                covariates.append(.init(column: "\(column)", transform: .level))
            case .fearGreedClassification:
                if !hasValue { covariates.append(.init(column: "\(column)", transform: .level)) }
            case .level:
                if "\(column)" != data.reference {
                    covariates.append(.init(column: "\(column)", transform: .level))
                }
            }
        }
        self.init(lags: lags, covariates: covariates)
    }

    var count: Int { lags + covariates.count }

    /// Names for the model page: "r(t)", "r(t−1)", "Δlog bitcoin.open", "fear_greed.value".
    var names: [String] {
        (0..<lags).map { $0 == 0 ? "r(t)" : "r(t−\($0))" }
            + covariates.map {
                switch $0.transform {
                case .logChange: "Δlog \($0.column)"
                case .logVolumeChange: "Δlog(1 + \($0.column))"
                case .level: $0.column
                }
            }
    }

    /// Row-major values, `count` per row of `data`; NaN in a row where a value is missing (the first
    /// rows, or a change that would span a gap in the days).
    func values(_ data: ModelData) throws -> [Double] {
        let rows = data.days.count
        let returns = try DailyLogReturns.of(data.values(data.reference), days: data.days, what: data.reference)
        var result = [Double](repeating: .nan, count: rows * count)
        for t in 0..<rows {
            for lag in 0..<lags where t - lag >= 0 { result[t * count + lag] = returns[t - lag] }
        }
        for (index, covariate) in covariates.enumerated() {
            let raw = try data.values(covariate.column)
            let series: [Double]
            switch covariate.transform {
            case .logChange: series = try DailyLogReturns.of(raw, days: data.days, what: covariate.column)
            case .logVolumeChange:
                series = try DailyLogReturns.of(raw.map { 1 + max($0, 0) }, days: data.days, what: covariate.column)
            case .level: series = raw
            }
            for t in 0..<rows { result[t * count + lags + index] = series[t] }
        }
        return result
    }
}
