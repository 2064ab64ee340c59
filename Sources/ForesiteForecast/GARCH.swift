import Foundation

/// A GARCH(1,1) process of zero-mean daily log returns: σ²ₜ = ω + α r²ₜ₋₁ + β σ²ₜ₋₁ (Bollerslev 1986).
///
/// The mean is taken as zero: a daily crypto return's mean (≈ 0.1 %) is a few hundredths of its standard
/// deviation (≈ 4 %), too small to estimate and immaterial to the variance. With α + β = 1 and ω = 0 it
/// is RiskMetrics' EWMA (`ewma(lambda:)`), whose variance forecast stays flat.
public struct GARCH: Hashable, Sendable {
    public var omega: Double
    public var alpha: Double
    public var beta: Double

    public init(omega: Double, alpha: Double, beta: Double) {
        self.omega = omega
        self.alpha = alpha
        self.beta = beta
    }

    /// RiskMetrics (J.P. Morgan 1996): σ²ₜ = λ σ²ₜ₋₁ + (1 − λ) r²ₜ₋₁, λ = 0.94 for daily data.
    public static func ewma(lambda: Double = 0.94) -> GARCH { GARCH(omega: 0, alpha: 1 - lambda, beta: lambda) }

    /// α + β: how slowly a shock to the variance fades.
    public var persistence: Double { alpha + beta }

    /// ω / (1 − α − β), the variance the forecasts revert to (+∞ for the EWMA).
    public var longRunVariance: Double { persistence < 1 ? omega / (1 - persistence) : .infinity }

    /// σ²₁ … σ²ₙ₊₁ for returns r₁ … rₙ, from σ²₁ = `initial`: the last is the next day's variance.
    public func variances(_ returns: [Double], initial: Double) -> [Double] {
        var result = [Double](repeating: initial, count: returns.count + 1)
        var variance = initial
        for t in returns.indices {
            variance = omega + alpha * returns[t] * returns[t] + beta * variance
            result[t + 1] = variance
        }
        return result
    }

    /// The Gaussian negative log-likelihood, up to constants: ½ Σ (log σ²ₜ + r²ₜ / σ²ₜ).
    public func negativeLogLikelihood(_ returns: [Double], initial: Double) -> Double {
        var variance = initial
        var sum = 0.0
        for r in returns {
            guard variance > 0 else { return .infinity }
            sum += log(variance) + r * r / variance
            variance = omega + alpha * r * r + beta * variance
        }
        return sum / 2
    }

    /// σ²ₜ₊ₖ|ₜ for k = 1…`horizon` given σ²ₜ₊₁|ₜ = `next`: the long-run variance plus the excess over it,
    /// fading by α + β a day (flat for the EWMA).
    public func variances(next: Double, horizon: Int) -> [Double] {
        guard persistence < 1 else { return Array(repeating: next, count: horizon) }
        let longRun = longRunVariance
        var excess = next - longRun
        return (0..<horizon).map { _ in
            defer { excess *= persistence }
            return longRun + excess
        }
    }

    /// The variance every filter starts from: the mean squared return (the zero-mean sample variance).
    public static func startingVariance(_ returns: [Double]) -> Double {
        returns.isEmpty ? 0 : returns.reduce(0) { $0 + $1 * $1 } / Double(returns.count)
    }

    /// Gaussian quasi-maximum likelihood (consistent for non-Gaussian innovations; Bollerslev &
    /// Wooldridge 1992), by Nelder–Mead over parameters that make every point admissible:
    /// α + β = logistic(x₀) < 1, α = (α + β)·logistic(x₁), and the long-run variance is the sample
    /// variance times exp(x₂), so ω > 0, α, β ≥ 0 and α + β < 1 hold by construction.
    public static func fit(_ returns: [Double]) -> GARCH {
        let sample = startingVariance(returns)
        func parameters(_ x: [Double]) -> GARCH {
            let persistence = logistic(x[0])
            let alpha = persistence * logistic(x[1])
            let longRun = sample * exp(x[2])
            return GARCH(omega: longRun * (1 - persistence), alpha: alpha, beta: persistence - alpha)
        }
        // Start at α = 0.05, β = 0.90 and the sample variance: typical of daily financial returns.
        let start = [logit(0.95), logit(0.05 / 0.95), 0]
        let best = NelderMead().minimize(
            { parameters($0).negativeLogLikelihood(returns, initial: sample) }, from: start)
        return parameters(best.point)
    }

    static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    static func logit(_ p: Double) -> Double { log(p / (1 - p)) }
}
