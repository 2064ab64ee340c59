extension Scaler: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, min, max, mean, deviation
    }

    private enum Kind: String, Codable {
        case minMax = "min_max"
        case standard
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .minMax:
            self = .minMax(
                minimum: try container.decode([Double].self, forKey: .min),
                maximum: try container.decode([Double].self, forKey: .max))
        case .standard:
            self = .standard(
                mean: try container.decode([Double].self, forKey: .mean),
                deviation: try container.decode([Double].self, forKey: .deviation))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .minMax(let minimum, let maximum):
            try container.encode(Kind.minMax, forKey: .kind)
            try container.encode(minimum, forKey: .min)
            try container.encode(maximum, forKey: .max)
        case .standard(let mean, let deviation):
            try container.encode(Kind.standard, forKey: .kind)
            try container.encode(mean, forKey: .mean)
            try container.encode(deviation, forKey: .deviation)
        }
    }
}
