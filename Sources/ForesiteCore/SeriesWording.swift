/// How prose names a target's values: a price by its close ("the latest close", "log returns"), any other
/// daily series by its own field ("the latest level", "log changes").
///
/// The one place those words are made: every model's description (`ModelDescription.method`, through
/// `ModelData.wording`) and the site's sentences (`ValueStyle`) read them here, so a CSV target never
/// reads as a price and a price target's text stays what it always was.
public struct SeriesWording: Hashable, Sendable {
    /// What one observation is called: "close", or the field, e.g. "level".
    public let observation: String
    /// True for a price (the target's close is the reference).
    public let isPrice: Bool

    /// A price: "the latest close", "the latest known price".
    public static let price = SeriesWording(observation: "close", isPrice: true)

    /// A series named by its field: "the latest level", "the latest known value".
    public static func plain(field: String) -> SeriesWording { SeriesWording(observation: field, isPrice: false) }

    /// "the latest close" · "the latest level".
    public var latest: String { "the latest \(observation)" }

    /// "the latest known price" · "the latest known value".
    public var latestKnown: String { isPrice ? "the latest known price" : "the latest known value" }

    /// Several observations, as in "the last 30 closes" · "the last 30 level values".
    public var observations: String { isPrice ? "closes" : "\(observation) values" }

    /// The series' values as levels, as in "MinMax-scaled price levels" · "MinMax-scaled level values".
    public var levels: String { isPrice ? "price levels" : "\(observation) values" }

    /// Relative moves: "log returns" (of a price) · "log changes".
    public var logReturns: String { isPrice ? "log returns" : "log changes" }

    /// The logarithm of one value: "log price" · "log level".
    public var logValue: String { isPrice ? "log price" : "log \(observation)" }
}
