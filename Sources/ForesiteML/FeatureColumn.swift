import ForesiteCore

/// One model input column, `group.field`: any feature group's column by name (`solana.open`,
/// `fear_greed.value`, `rainfall.mm`). Whether it exists is decided by the group it names
/// (`FeatureFrame.join`, and `ConfigInputs` before that), not here.
public struct FeatureColumn: Hashable, Sendable, CustomStringConvertible {
    /// What the column measures, for models that transform inputs by kind (the quantile AR's covariates).
    public enum Kind: Hashable, Sendable {
        /// A price field of a price group (open, high, low, close).
        case price
        /// A volume field of a price group (volume, volume_buy, volume_sell).
        case volume
        /// The Fear & Greed Index value.
        case fearGreedValue
        /// The Fear & Greed class (0 … 4), the value's band.
        case fearGreedClassification
        /// Any other daily value (a CSV column), used as it is.
        case level
    }

    public let group: String
    public let field: String

    /// Parses `group.field`; throws `MLError.unknownColumn` quoting the name otherwise.
    public init(_ name: String) throws {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw MLError.unknownColumn(name) }
        group = String(parts[0])
        field = String(parts[1])
    }

    public var kind: Kind {
        if group == Config.fearGreedGroup {
            return field == "classification" ? .fearGreedClassification : .fearGreedValue
        }
        switch field {
        case "open", "high", "low", "close": return .price
        case "volume", "volume_buy", "volume_sell": return .volume
        default: return .level
        }
    }

    public var description: String { "\(group).\(field)" }
}
