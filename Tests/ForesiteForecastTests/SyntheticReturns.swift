import ForesiteCore
import ForesiteForecast
import ForesiteML
import Foundation

/// Seeded price series with a known structure in their daily log returns, for the statistical models:
/// a GARCH(1,1) process, an AR(1), a random walk, or a covariate that leads the price by a day.
enum SyntheticReturns {
    static let columns = ["asset.close", "asset.volume", "other.open"]
    static let firstDay = Day(iso: "2020-01-01")!

    /// r(t) from a GARCH(1,1) with Gaussian innovations, after `burnIn` discarded days.
    static func garch(_ process: GARCH, count: Int, seed: UInt64, burnIn: Int = 500) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var variance = process.longRunVariance
        var returns: [Double] = []
        for t in 0..<(count + burnIn) {
            let r = variance.squareRoot() * generator.nextGaussian()
            if t >= burnIn { returns.append(r) }
            variance = process.omega + process.alpha * r * r + process.beta * variance
        }
        return returns
    }

    /// r(t) = φ r(t − 1) + σ e(t), Gaussian e (φ = 0 is a random walk in the price).
    static func autoregressive(phi: Double, sigma: Double = 0.03, count: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var r = 0.0
        return (0..<count).map { _ in
            r = phi * r + sigma * generator.nextGaussian()
            return r
        }
    }

    /// A frame whose `asset.close` has the daily log returns `returns` (from 100), a noisy volume, and
    /// `other.open`, whose daily log change on day t is `lead[t]` when given (else an unrelated walk).
    static func frame(returns: [Double], lead: [Double]? = nil, seed: UInt64 = 7) -> FeatureFrame {
        var generator = SeededGenerator(seed: seed)
        var close = 100.0
        var other = 50.0
        var rows: [[Double]] = []
        for t in returns.indices {
            close *= exp(returns[t])
            other *= exp(lead?[t] ?? 0.02 * generator.nextGaussian())
            rows.append([close, 1000 * exp(0.3 * generator.nextGaussian()), other])
        }
        return FeatureFrame(days: returns.indices.map { firstDay.adding(days: $0) }, columns: columns, rows: rows)
    }

    static func data(_ frame: FeatureFrame, horizon: Int = 3) -> ModelData {
        ModelData(
            frame: frame, target: "asset.close", reference: "asset.close", inputs: columns, horizon: horizon,
            levels: QuantileForecast.standardLevels)
    }
}
