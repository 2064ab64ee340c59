import ForesiteCore

extension QuantileForecast {
    /// The same distribution moved so that its median is `median`: every quantile shifted by the same
    /// amount, so the intervals keep their widths and never cross.
    ///
    /// How the drift and naive-open baselines borrow persistence's spread around their own centre.
    public func recentred(on median: Double) -> QuantileForecast {
        let shift = median - self.median
        return QuantileForecast(
            median: median,
            intervals: intervals.map {
                PredictionInterval(level: $0.level, lower: $0.lower + shift, upper: $0.upper + shift)
            })
    }
}
