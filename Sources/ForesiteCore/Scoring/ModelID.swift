/// A model's name as the ledger, the backtest archive, the site and the configuration's `models:` section
/// write it: lowercase letters, digits and dashes ("persistence", "lstm-seed", "quantile-ar").
///
/// Typed so that a model is never confused with a model *version* (a registry entry) or a file name, and
/// so that the names live in one place: each model declares its own `id`; the ones below are those the
/// pipeline itself needs to know.
public struct ModelID: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: ModelID, rhs: ModelID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The reference of every score: the latest price, quantiles from past changes.
    public static let persistence: ModelID = "persistence"
    /// The trained LSTM in returns mode (the registry's champion when it is a returns-mode model).
    public static let lstm: ModelID = "lstm"
    /// The ledger row of each day's published forecast: the selected model's quantiles, with the choice
    /// and its evidence in its version column.
    public static let published: ModelID = "published"

    /// True for a name the ledger and the configuration accept.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
