import ForesiteCore

/// `ensemble`: per horizon and quantile level, the median of the member models' values — how the forecast
/// hubs build theirs (a quantile average would let one wild member drag every quantile).
///
/// The median of non-crossing members' quantiles never crosses: if every member has q_a ≤ q_b, the median
/// of the q_a is at most the median of the q_b.
public struct MedianEnsemble: CombinationModel {
    public init() {}

    public var id: ModelID { "ensemble" }
    public var enabledByDefault: Bool { true }

    public func describe(members: [ModelID]) -> ModelDescription {
        ModelDescription(
            id: id, title: "Median ensemble",
            method: "At every horizon and quantile level, the median of the other models' values (the mean of "
                + "the middle two for an even number of members). Persistence is a member; the ensemble is "
                + "not. Its median is the median of the members' medians.",
            inputs: members.map(\.rawValue), parameters: [.init("members", "\(members.count)")])
    }

    public func combine(_ members: [ModelID: [QuantileForecast]]) throws -> [QuantileForecast] {
        let ordered = members.keys.sorted().compactMap { members[$0] }
        guard let first = ordered.first, !first.isEmpty else {
            throw ForecastError.tooLittleHistory(method: "ensemble", needed: 1, available: 0)
        }
        let horizons = first.count
        guard ordered.allSatisfy({ $0.count == horizons }) else {
            throw ForecastError.horizonMismatch(expected: horizons, got: ordered.map(\.count).min() ?? 0)
        }
        let levels = ordered.map { Set($0[0].intervals.map(\.level)) }.reduce(Set(first[0].intervals.map(\.level))) {
            $0.intersection($1)
        }.sorted()
        return (0..<horizons).map { h in
            let forecasts = ordered.map { $0[h] }
            return QuantileForecast(
                median: Self.median(forecasts.map(\.median)),
                intervals: levels.map { level in
                    PredictionInterval(
                        level: level, lower: Self.median(forecasts.compactMap { $0.interval(level: level)?.lower }),
                        upper: Self.median(forecasts.compactMap { $0.interval(level: level)?.upper }))
                })
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}
