/// Derivative-free minimisation of a function of a few unconstrained parameters (Nelder & Mead 1965,
/// with the standard coefficients 1, 2, ½, ½): the GARCH likelihood's optimiser.
///
/// Deterministic: the same start gives the same steps. A run stops when the simplex's values and
/// coordinates agree to `tolerance`, and is restarted from its best point with a fresh simplex
/// (`restarts` times, while that still improves): a collapsed simplex can stall away from the
/// minimum, and a restart is the usual cure. A non-finite value counts as +∞, so a caller can refuse
/// a point by returning NaN.
struct NelderMead: Sendable {
    /// Side of the starting simplex along each coordinate.
    var step = 0.5
    /// Relative spread of the simplex's values (and absolute spread of its coordinates) that ends a run.
    var tolerance = 1e-9
    var maxEvaluations = 3000
    var restarts = 2

    struct Result {
        var point: [Double]
        var value: Double
        var evaluations: Int
    }

    func minimize(_ f: ([Double]) -> Double, from start: [Double]) -> Result {
        var evaluations = 0
        func value(_ x: [Double]) -> Double {
            evaluations += 1
            let y = f(x)
            return y.isFinite ? y : .infinity
        }
        var best = run(value, from: start, evaluations: { evaluations })
        for _ in 0..<restarts where evaluations < maxEvaluations {
            let next = run(value, from: best.point, evaluations: { evaluations })
            let improved = next.value < best.value - tolerance * (abs(best.value) + tolerance)
            if next.value < best.value { best = next }
            if !improved { break }
        }
        return Result(point: best.point, value: best.value, evaluations: evaluations)
    }

    private func run(
        _ f: ([Double]) -> Double, from start: [Double], evaluations: () -> Int
    ) -> (point: [Double], value: Double) {
        let n = start.count
        var points = [start]
        for i in 0..<n {
            var vertex = start
            vertex[i] += step
            points.append(vertex)
        }
        var values = points.map(f)
        var centroid = [Double](repeating: 0, count: n)
        func along(_ from: [Double], _ to: [Double], _ t: Double) -> [Double] {
            (0..<n).map { from[$0] + t * (to[$0] - from[$0]) }
        }
        while evaluations() < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            points = order.map { points[$0] }
            values = order.map { values[$0] }
            let spread = values[n] - values[0]
            let size =
                points.dropFirst().map { vertex in zip(vertex, points[0]).map { abs($0 - $1) }.max() ?? 0 }
                .max() ?? 0
            if spread <= tolerance * (abs(values[0]) + tolerance), size <= tolerance.squareRoot() { break }
            for i in 0..<n { centroid[i] = (0..<n).reduce(0) { $0 + points[$1][i] } / Double(n) }
            let worst = points[n]
            let reflected = along(centroid, worst, -1)
            let fr = f(reflected)
            if fr < values[0] {
                let expanded = along(centroid, worst, -2)
                let fe = f(expanded)
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr)
            } else if fr < values[n - 1] {
                (points[n], values[n]) = (reflected, fr)
            } else {
                // Contract towards the better of the worst point and its reflection; shrink if that fails too.
                let outside = fr < values[n]
                let contracted = along(centroid, outside ? reflected : worst, 0.5)
                let fc = f(contracted)
                if fc < (outside ? fr : values[n]) {
                    (points[n], values[n]) = (contracted, fc)
                } else {
                    for i in 1...n {
                        points[i] = along(points[0], points[i], 0.5)
                        values[i] = f(points[i])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return (points[best], values[best])
    }
}
