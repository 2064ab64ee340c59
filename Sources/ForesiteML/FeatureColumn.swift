import ForesiteCore

/// One model input column, `group.field`: a price field of a feature group (`solana.open`) or a
/// Fear & Greed field (`fear_greed.value`, `fear_greed.classification`).
public struct FeatureColumn: Hashable, Sendable, CustomStringConvertible {
    public enum Field: Hashable, Sendable {
        case price(PriceField)
        case fearGreedValue
        case fearGreedClassification
    }

    public enum PriceField: String, Hashable, Sendable, CaseIterable {
        case open, high, low, close, volume
        case volumeBuy = "volume_buy"
        case volumeSell = "volume_sell"

        func value(of candle: Candle) -> Double {
            switch self {
            case .open: candle.open
            case .high: candle.high
            case .low: candle.low
            case .close: candle.close
            case .volume: candle.volume
            case .volumeBuy: candle.volumeBuy
            case .volumeSell: candle.volumeSell
            }
        }
    }

    /// The group name Fear & Greed columns use.
    public static let fearGreedGroup = "fear_greed"

    public let group: String
    public let field: Field

    /// Parses `group.field`; throws `MLError.unknownColumn` quoting the name otherwise.
    public init(_ name: String) throws {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { throw MLError.unknownColumn(name) }
        group = String(parts[0])
        if group == FeatureColumn.fearGreedGroup {
            switch parts[1] {
            case "value": field = .fearGreedValue
            case "classification": field = .fearGreedClassification
            default: throw MLError.unknownColumn(name)
            }
        } else {
            guard let price = PriceField(rawValue: String(parts[1])) else { throw MLError.unknownColumn(name) }
            field = .price(price)
        }
    }

    public var isFearGreed: Bool { group == FeatureColumn.fearGreedGroup }

    public var description: String {
        switch field {
        case .price(let price): "\(group).\(price.rawValue)"
        case .fearGreedValue: "\(group).value"
        case .fearGreedClassification: "\(group).classification"
        }
    }
}
