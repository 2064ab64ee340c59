/// The Crypto Fear & Greed Index's five classes, numbered as the model sees them (0 … 4).
public enum FearGreedClass: Int, CaseIterable, Sendable, Codable, Comparable {
    case extremeFear = 0
    case fear = 1
    case neutral = 2
    case greed = 3
    case extremeGreed = 4

    /// The label alternative.me uses, e.g. "Extreme Fear".
    public var label: String {
        switch self {
        case .extremeFear: "Extreme Fear"
        case .fear: "Fear"
        case .neutral: "Neutral"
        case .greed: "Greed"
        case .extremeGreed: "Extreme Greed"
        }
    }

    /// Parses alternative.me's label (case-insensitive, surrounding spaces ignored); nil for an unknown label.
    public init?(label: String) {
        let wanted = label.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = FearGreedClass.allCases.first(where: { $0.label.lowercased() == wanted }) else {
            return nil
        }
        self = match
    }

    /// The class alternative.me assigns to `value` (bands seen in its history: 0–25, 26–46, 47–54, 55–75, 76–100).
    public init(value: Int) {
        switch value {
        case ..<26: self = .extremeFear
        case ..<47: self = .fear
        case ..<55: self = .neutral
        case ..<76: self = .greed
        default: self = .extremeGreed
        }
    }

    public static func < (lhs: FearGreedClass, rhs: FearGreedClass) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One day of the Fear & Greed Index: the row of the `fear_greed` feature group.
public struct FearGreedReading: Hashable, Sendable, Codable {
    public var day: Day
    /// 0 (extreme fear) … 100 (extreme greed).
    public var value: Int
    public var classification: FearGreedClass

    public init(day: Day, value: Int, classification: FearGreedClass) {
        self.day = day
        self.value = value
        self.classification = classification
    }
}
