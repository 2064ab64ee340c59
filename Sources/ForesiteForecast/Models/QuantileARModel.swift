import ForesiteCore
import Foundation

/// `quantile-ar`: linear quantile autoregression of the h-day log change on the recent daily returns
/// and the configured covariates (`QuantileARFeatures`), one model per horizon and quantile level.
///
/// For each horizon h and level τ (0.5 and both ends of every interval), y = log(target[t+h] /
/// reference[t]) is regressed on the features at t by minimising the pinball loss with a small ridge
/// penalty (`QuantileRegression`, Hunter–Lange MM iteration), over the origins t of the trailing
/// `window` days whose day t + h is in the data and not after the fitting day. Features are standardised
/// with the fitting sample's mean and standard deviation and clipped to ±4 (one crash day must not
/// become a lever arm); y is scaled by its standard deviation so that the ridge and the smoothing mean
/// the same at every horizon. The median level is fitted first, from the sample quantile, and each
/// outer level starts from its inner neighbour's solution.
///
/// A forecast evaluates the seven linear quantiles at the origin's features and sorts them (Chernozhukov,
/// Fernández-Val & Galichon's rearrangement: it never makes a quantile forecast worse and guarantees
/// non-crossing); value = reference × exp(q), the median from τ = 0.5 and each interval from its pair.
///
/// On the SOL 2024 walk-forward (`StatisticalModelsRealDataTests`) it does not beat persistence: relative
/// WIS 1.048 overall (1.013 at horizon 1 rising to 1.073 at 10, DM p 0.15), 1.015 with the lags alone;
/// a 3-year window and a ridge of 1e-3 gave 1.096. A backtest refits it on the retraining schedule (a fit
/// is 10 horizons × 7 levels on 730 days); the daily run fits it afresh on every day's data.
public struct QuantileARModel: ForecastModel {
    public static let defaultLags = 3
    public static let defaultWindow = 730
    public static let defaultRidge = 1e-2
    /// The fewest (origin, h-day change) pairs a horizon is fitted on.
    public static let minimumPairs = 100
    /// Standardised features beyond ±clip are clipped.
    static let clip = 4.0

    /// Daily returns of the reference used as regressors: r(t), r(t−1), ….
    public var lags: Int
    /// Trailing days of origins fitted.
    public var window: Int
    /// λ of the ridge penalty on the standardised coefficients.
    public var ridge: Double

    public init(
        lags: Int = QuantileARModel.defaultLags, window: Int = QuantileARModel.defaultWindow,
        ridge: Double = QuantileARModel.defaultRidge
    ) {
        self.lags = lags
        self.window = window
        self.ridge = ridge
    }

    public var id: ModelID { "quantile-ar" }
    public var enabledByDefault: Bool { true }
    public var refit: ModelRefit { .scheduled }

    public func describe(_ data: ModelData) -> ModelDescription {
        let features =
            (try? QuantileARFeatures(data: data, lags: lags)) ?? QuantileARFeatures(lags: lags, covariates: [])
        let wording = data.wording
        return ModelDescription(
            id: id, title: "Quantile autoregression",
            method: "For every horizon h and each of the \(2 * data.levels.count + 1) quantile levels, a linear "
                + "model of the h-day log change of \(data.target) from \(wording.latest), fitted by minimising the "
                + "pinball loss (with a small ridge penalty) over the last \(window) days. Its regressors are "
                + "\(data.reference)'s last \(lags) daily \(wording.logReturns) and the other configured inputs' "
                + "daily changes (Fear & Greed as its level), standardised. At each forecast the quantiles are "
                + "sorted so they cannot cross; the median and each interval's bounds are \(wording.latest) "
                + "times exp(quantile).",
            inputs: Array(Set([data.reference, data.target] + features.covariates.map(\.column))).sorted(),
            parameters: [
                .init("regressors", features.names.joined(separator: ", ")), .init("window", "\(window) days"),
                .init("ridge λ", "\(ridge)"), .init("features", "standardised, clipped to ±\(Int(Self.clip))"),
            ])
    }

    public func fit(_ data: ModelData) throws -> any FittedModel {
        guard let lastDay = data.lastDay else {
            throw ForecastError.tooLittleHistory(method: "quantile-ar", needed: 1, available: 0)
        }
        let features = try QuantileARFeatures(data: data, lags: lags)
        let values = try features.values(data)
        let target = try data.values(data.target)
        let reference = try data.values(data.reference)
        let days = data.days
        let k = features.count
        let complete = { (t: Int) in (0..<k).allSatisfy { values[t * k + $0].isFinite } }
        let firstDay = lastDay.adding(days: -window)
        let origins = days.indices.filter { days[$0] > firstDay && complete($0) }
        let (means, scales) = Self.moments(values, rows: origins, count: k)
        let levels = Self.quantileLevels(data.levels)
        let regression = QuantileRegression(ridge: ridge)
        var coefficients: [[[Double]]] = []
        var responseScales: [Double] = []
        for h in 1...data.horizon {
            var x: [Double] = []
            var y: [Double] = []
            for t in origins {
                let endDay = days[t].adding(days: h)
                guard t + 1 < days.count,
                    let end = (t + 1...min(t + h, days.count - 1)).first(where: { days[$0] == endDay })
                else { continue }
                guard target[end] > 0, target[end].isFinite else {
                    throw ForecastError.invalidValue(what: data.target, value: target[end])
                }
                y.append(log(target[end] / reference[t]))
                x.append(1)
                x += Self.standardised(values, row: t, count: k, means: means, scales: scales)
            }
            guard y.count >= Self.minimumPairs else {
                throw ForecastError.tooLittleHistory(
                    method: "quantile-ar (horizon \(h))", needed: Self.minimumPairs, available: y.count)
            }
            let spread = Self.moments(y, rows: Array(y.indices), count: 1).scales[0]
            let scaled = y.map { $0 / spread }
            let sorted = scaled.sorted()
            let design = QuantileDesign(rows: x, width: k + 1, y: scaled)
            // Fit the median first, then each level outwards from its inner neighbour.
            let middle = levels.count / 2
            var byLevel = [[Double]](repeating: [], count: levels.count)
            for index in [middle] + (1...middle).flatMap({ [middle - $0, middle + $0] }) {
                let inner = index == middle ? nil : byLevel[index < middle ? index + 1 : index - 1]
                let start =
                    inner
                    ?? [Persistence.empiricalQuantile(sorted: sorted, probability: levels[index])]
                    + Array(repeating: 0, count: k)
                byLevel[index] = regression.fit(design, tau: levels[index], start: start)
            }
            coefficients.append(byLevel)
            responseScales.append(spread)
        }
        return Fitted(
            features: features, means: means, scales: scales, intervalLevels: data.levels, coefficients: coefficients,
            responseScales: responseScales, version: "quantile-ar(\(lags) lags; \(k) regressors) through \(lastDay.iso)"
        )
    }

    /// The quantile levels of `levels`' intervals and the median, ascending.
    static func quantileLevels(_ levels: [Double]) -> [Double] {
        levels.sorted().reversed().map { (1 - $0) / 2 } + [0.5] + levels.sorted().map { (1 + $0) / 2 }
    }

    /// Per column, the mean and standard deviation over `rows` (1 where a column does not vary).
    static func moments(_ values: [Double], rows: [Int], count k: Int) -> (means: [Double], scales: [Double]) {
        var means = [Double](repeating: 0, count: k)
        var scales = [Double](repeating: 1, count: k)
        guard rows.count > 1 else { return (means, scales) }
        for j in 0..<k {
            let mean = rows.reduce(0) { $0 + values[$1 * k + j] } / Double(rows.count)
            let variance =
                rows.reduce(0) { $0 + (values[$1 * k + j] - mean) * (values[$1 * k + j] - mean) }
                / Double(rows.count - 1)
            means[j] = mean
            scales[j] = variance > 0 ? variance.squareRoot() : 1
        }
        return (means, scales)
    }

    static func standardised(_ values: [Double], row t: Int, count k: Int, means: [Double], scales: [Double])
        -> [Double]
    {
        (0..<k).map { min(max((values[t * k + $0] - means[$0]) / scales[$0], -clip), clip) }
    }

    struct Fitted: FittedModel {
        let features: QuantileARFeatures
        let means: [Double]
        let scales: [Double]
        /// Central interval levels, ascending; the quantile levels are their ends and 0.5.
        let intervalLevels: [Double]
        /// [horizon − 1][quantile level, ascending] → intercept and one coefficient per feature, in units of `responseScales`.
        let coefficients: [[[Double]]]
        let responseScales: [Double]
        let version: String

        func forecast(_ data: ModelData) throws -> [QuantileForecast] {
            guard let origin = data.lastDay, let latest = try data.values(data.reference).last else {
                throw ForecastError.tooLittleHistory(method: "quantile-ar", needed: 1, available: 0)
            }
            guard data.horizon <= coefficients.count else {
                throw ForecastError.horizonMismatch(expected: coefficients.count, got: data.horizon)
            }
            let k = features.count
            let values = try features.values(data)
            let row = data.days.count - 1
            guard (0..<k).allSatisfy({ values[row * k + $0].isFinite }) else {
                throw ForecastError.missingDay(origin, what: "quantile-ar regressors (a gap in the days before it)")
            }
            let x = [1] + QuantileARModel.standardised(values, row: row, count: k, means: means, scales: scales)
            return (0..<data.horizon).map { h in
                let quantiles = coefficients[h].map { b in
                    responseScales[h] * zip(x, b).reduce(0) { $0 + $1.0 * $1.1 }
                }.sorted()
                let middle = intervalLevels.count
                let intervals = intervalLevels.enumerated().map { index, level in
                    PredictionInterval(
                        level: level, lower: latest * exp(quantiles[middle - 1 - index]),
                        upper: latest * exp(quantiles[middle + 1 + index]))
                }
                return QuantileForecast(median: latest * exp(quantiles[middle]), intervals: intervals)
            }
        }
    }
}
