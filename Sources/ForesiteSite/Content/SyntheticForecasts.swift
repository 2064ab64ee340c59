import ForesiteCore
import Foundation

/// Quantile forecasts over a synthetic close series for `SiteContent.synthetic`: persistence as the
/// forecast hubs define it, drift, stand-ins for the LSTM, GARCH and quantile autoregression, and their
/// median ensemble.
///
/// Only the fixture uses these; the pipeline's forecasters live in ForesiteForecast.
struct SyntheticForecasts {
    /// Trailing days of h-day changes persistence's quantiles come from.
    static let window = 90
    /// Standard normal quantiles of the central 50, 80 and 95 % intervals' upper bounds.
    static let normalQuantiles: [(level: Double, z: Double)] = [
        (0.5, 0.674_489_750_196_081_7), (0.8, 1.281_551_565_544_600_4), (0.95, 1.959_963_984_540_054),
    ]

    private let first: Day
    private let logCloses: [Double]

    init(candles: [Candle]) {
        first = candles.first?.day ?? Day(daysSinceEpoch: 0)
        logCloses = candles.map { log($0.close) }
    }

    private func position(_ day: Day) -> Int? {
        let index = day.days(since: first)
        return logCloses.indices.contains(index) ? index : nil
    }

    func close(_ day: Day) -> Double? { position(day).map { exp(logCloses[$0]) } }

    /// True when `origin` has the trailing window of h-day changes persistence needs.
    func canForecast(origin: Day, horizon: Int) -> Bool {
        guard let index = position(origin) else { return false }
        return index >= Self.window + horizon
    }

    /// The origin's close as the median; the quantiles of the past `horizon`-day log changes over the
    /// trailing window, mirrored (each change and its negative) so the median stays at the close.
    func persistence(origin: Day, horizon: Int) -> QuantileForecast? {
        guard canForecast(origin: origin, horizon: horizon), let index = position(origin) else { return nil }
        var changes: [Double] = []
        changes.reserveCapacity(2 * Self.window)
        for end in (index - Self.window + 1)...index {
            let change = logCloses[end] - logCloses[end - horizon]
            changes += [change, -change]
        }
        changes.sort()
        let reference = exp(logCloses[index])
        return QuantileForecast(
            median: reference,
            intervals: Self.normalQuantiles.map { level, _ in
                PredictionInterval(
                    level: level, lower: reference * exp(Self.quantile(changes, (1 - level) / 2)),
                    upper: reference * exp(Self.quantile(changes, (1 + level) / 2)))
            })
    }

    /// The median moved by the trailing window's mean daily log change, persistence's spread around it.
    func drift(origin: Day, horizon: Int) -> QuantileForecast? {
        guard let base = persistence(origin: origin, horizon: horizon), let index = position(origin) else {
            return nil
        }
        let slope = (logCloses[index] - logCloses[index - Self.window]) / Double(Self.window)
        let shift = exp(slope * Double(horizon))
        return QuantileForecast(
            median: base.median * shift,
            intervals: base.intervals.map {
                PredictionInterval(level: $0.level, lower: $0.lower * shift, upper: $0.upper * shift)
            })
    }

    /// A log-normal stand-in model: the origin's close nudged by `noise` standard normal draws of size
    /// `wobble`, with intervals of log-scale `spread` per square-root day.
    func model(
        origin: Day, horizon: Int, wobble: Double, spread: Double, generator: inout SeededGenerator
    ) -> QuantileForecast? {
        guard let reference = close(origin) else { return nil }
        let h = Double(horizon)
        let median = reference * exp(0.001 * h + wobble * h.squareRoot() * generator.nextGaussian())
        let sigma = spread * h.squareRoot()
        return QuantileForecast(
            median: median,
            intervals: Self.normalQuantiles.map { level, z in
                PredictionInterval(level: level, lower: median * exp(-z * sigma), upper: median * exp(z * sigma))
            })
    }

    /// A GARCH stand-in: the origin's close as the median, normal quantiles whose scale is the trailing
    /// 20 days' standard deviation of daily log changes times √h (volatility that follows recent moves).
    func volatilityScaled(origin: Day, horizon: Int) -> QuantileForecast? {
        guard canForecast(origin: origin, horizon: horizon), let index = position(origin) else { return nil }
        let changes = ((index - 19)...index).map { logCloses[$0] - logCloses[$0 - 1] }
        let mean = changes.reduce(0, +) / Double(changes.count)
        let variance = changes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(changes.count - 1)
        let reference = exp(logCloses[index])
        let sigma = variance.squareRoot() * Double(horizon).squareRoot()
        return QuantileForecast(
            median: reference,
            intervals: Self.normalQuantiles.map { level, z in
                PredictionInterval(level: level, lower: reference * exp(-z * sigma), upper: reference * exp(z * sigma))
            })
    }

    /// A stand-in with real skill, for the fixture only: persistence's quantiles moved `weight` of the
    /// way (in log terms) towards the price that followed. No real model can peek; this one exists so
    /// the leaderboard and heatmap show a model that beats persistence.
    func informed(origin: Day, horizon: Int, weight: Double) -> QuantileForecast? {
        let target = origin.adding(days: horizon)
        guard let base = persistence(origin: origin, horizon: horizon), let actual = close(target) else {
            return persistence(origin: origin, horizon: horizon)
        }
        let shift = exp(weight * log(actual / base.median))
        return QuantileForecast(
            median: base.median * shift,
            intervals: base.intervals.map {
                PredictionInterval(level: $0.level, lower: $0.lower * shift, upper: $0.upper * shift)
            })
    }

    /// The per-quantile median of `members` (the hubs' median ensemble); nil without members.
    static func medianEnsemble(_ members: [QuantileForecast]) -> QuantileForecast? {
        guard let first = members.first else { return nil }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        return QuantileForecast(
            median: median(members.map(\.median)),
            intervals: first.intervals.map { interval in
                let bounds = members.compactMap { $0.interval(level: interval.level) }
                return PredictionInterval(
                    level: interval.level, lower: median(bounds.map(\.lower)), upper: median(bounds.map(\.upper)))
            })
    }

    /// Linear interpolation between order statistics (Hyndman & Fan type 7) of ascending `sorted`.
    static func quantile(_ sorted: [Double], _ level: Double) -> Double {
        let position = level * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }
}
