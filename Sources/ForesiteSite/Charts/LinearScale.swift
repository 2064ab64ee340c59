/// Maps a data interval onto a pixel interval (either direction), and chooses "nice" ticks for it.
public struct LinearScale: Hashable, Sendable {
    public var domain: ClosedRange<Double>
    /// Pixel positions of `domain.lowerBound` and `domain.upperBound`; `start > end` flips the axis.
    public var start: Double
    public var end: Double

    /// A degenerate domain (one value) is widened by ±1 so every point still lands inside the range.
    public init(domain: ClosedRange<Double>, start: Double, end: Double) {
        self.domain =
            domain.lowerBound == domain.upperBound ? (domain.lowerBound - 1)...(domain.upperBound + 1) : domain
        self.start = start
        self.end = end
    }

    public func callAsFunction(_ value: Double) -> Double {
        let fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return start + fraction * (end - start)
    }

    /// A scale for y values: the domain grows to the nice ticks around `values`, and pixels run from
    /// `bottom` up to `top` so larger values are higher on the screen.
    public static func vertical(covering values: [Double], top: Double, bottom: Double, tickCount: Int = 5)
        -> (scale: LinearScale, ticks: [Double])
    {
        let finite = values.filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 1
        let ticks = NiceTicks.covering(low...high, count: tickCount)
        let domain = (ticks.first ?? low)...(ticks.last ?? high)
        return (LinearScale(domain: domain, start: bottom, end: top), ticks)
    }
}
