import ForesiteCore

/// One forecast of one horizon set against what actually happened: the unit every metric is computed from.
public struct ForecastOutcome: Hashable, Sendable, Codable {
    /// Steps ahead of the origin, 1…H.
    public var horizon: Int
    /// The target's last observed value at the origin; directional accuracy compares changes from it.
    public var originValue: Double
    public var predicted: Double
    public var actual: Double
    public var intervals: [PredictionInterval]

    public init(
        horizon: Int, originValue: Double, predicted: Double, actual: Double, intervals: [PredictionInterval] = []
    ) {
        self.horizon = horizon
        self.originValue = originValue
        self.predicted = predicted
        self.actual = actual
        self.intervals = intervals
    }

    public var error: Double { predicted - actual }
}
