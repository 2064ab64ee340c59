import Foundation

/// Axis ticks at round numbers (1, 2, 2.5, 5 × 10ⁿ), as a reader would draw them by hand.
public enum NiceTicks {
    /// The step between about `count` ticks over `span`, rounded to 1, 2, 2.5 or 5 × 10ⁿ.
    public static func step(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let nice: Double =
            switch fraction {
            case ..<1.5: 1
            case ..<2.25: 2
            case ..<3.5: 2.5
            case ..<7.5: 5
            default: 10
            }
        return nice * magnitude
    }

    /// Ticks from a multiple of the step at or below `range.lowerBound` to one at or above the upper bound,
    /// so the axis encloses every value. A zero-width range gets ticks around its value.
    public static func covering(_ range: ClosedRange<Double>, count: Int = 5) -> [Double] {
        var low = range.lowerBound
        var high = range.upperBound
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.05
            low -= pad
            high += pad
        }
        let step = step(span: high - low, count: count)
        let first = floor(low / step + 1e-9) * step
        let last = ceil(high / step - 1e-9) * step
        var ticks: [Double] = []
        var index = 0
        while true {
            let value = first + Double(index) * step
            if value > last + step * 1e-6 || index > 1000 { break }
            // Snap away binary noise such as 0.30000000000000004.
            ticks.append((value / step).rounded() * step)
            index += 1
        }
        return ticks
    }

    /// Ticks inside `range` only (for axes whose ends are fixed, such as 0…100 or a percentage).
    public static func inside(_ range: ClosedRange<Double>, count: Int = 5) -> [Double] {
        covering(range, count: count).filter { $0 >= range.lowerBound - 1e-9 && $0 <= range.upperBound + 1e-9 }
    }
}
