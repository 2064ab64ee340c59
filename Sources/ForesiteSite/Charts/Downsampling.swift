/// Thinning long series for display without losing their shape or their extremes.
public enum Downsampling {
    /// Indices of at most `threshold` points chosen by Largest-Triangle-Three-Buckets (Steinarsson 2013),
    /// plus the global minimum and maximum of `y`, which LTTB alone may drop. Always keeps the first and
    /// last point; returns every index when the series is already short enough.
    public static func lttb(x: [Double], y: [Double], threshold: Int) -> [Int] {
        let count = min(x.count, y.count)
        guard threshold >= 3, count > threshold else { return Array(0..<count) }
        var selected = [0]
        selected.reserveCapacity(threshold + 2)
        let bucketSize = Double(count - 2) / Double(threshold - 2)
        var previous = 0
        for bucket in 0..<(threshold - 2) {
            let start = Int(Double(bucket) * bucketSize) + 1
            let end = min(Int(Double(bucket + 1) * bucketSize) + 1, count - 1)
            // The next bucket's average is the third vertex of the triangle.
            let nextStart = end
            let nextEnd = min(Int(Double(bucket + 2) * bucketSize) + 1, count)
            var averageX = 0.0
            var averageY = 0.0
            for index in nextStart..<max(nextEnd, nextStart + 1) {
                averageX += x[index]
                averageY += y[index]
            }
            let nextCount = Double(max(nextEnd - nextStart, 1))
            averageX /= nextCount
            averageY /= nextCount
            var best = start
            var bestArea = -1.0
            for index in start..<max(end, start + 1) {
                let area = abs(
                    (x[previous] - averageX) * (y[index] - y[previous])
                        - (x[previous] - x[index]) * (averageY - y[previous]))
                if area > bestArea {
                    bestArea = area
                    best = index
                }
            }
            selected.append(best)
            previous = best
        }
        selected.append(count - 1)
        let prefix = y[0..<count]
        if let minIndex = prefix.indices.min(by: { prefix[$0] < prefix[$1] }),
            let maxIndex = prefix.indices.max(by: { prefix[$0] < prefix[$1] })
        {
            for extreme in [minIndex, maxIndex] where !selected.contains(extreme) {
                selected.append(extreme)
            }
        }
        return Array(Set(selected)).sorted()
    }
}
