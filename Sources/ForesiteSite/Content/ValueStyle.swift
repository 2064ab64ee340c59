import ForesiteCore

/// How the target's values are written: in US dollars with "close"/"open" wording (a price), or as plain
/// numbers named by the forecast field (any other daily series, e.g. a river's `level`).
///
/// Every target value the site shows (medians, intervals, references, history, errors, axis ticks) is
/// formatted through one style, so a plain series never shows a currency sign.
public enum ValueStyle: Hashable, Sendable {
    /// A price in US dollars: "$196.23", "is forecast to close at $196".
    case price
    /// Any other series, named by its field: "52.30", "river's level is forecast at 52.3".
    case plain(name: String)

    /// True for `.price`.
    public var isPrice: Bool { self == .price }

    /// A value with about four significant digits: "$196.23" · "$95,123" or "196.23" · "95,123".
    /// `decimals` overrides the digits after the point (axis ticks).
    public func format(_ value: Double, decimals: Int? = nil) -> String {
        switch self {
        case .price: NumberFormat.currency(value, decimals: decimals)
        case .plain: NumberFormat.grouped(value, decimals: decimals ?? NumberFormat.priceDecimals(value))
        }
    }

    /// A value for sentences: whole dollars ("$196", cents below $10), or a plain number with one decimal
    /// from 10 to 1,000 and two below ("52.3", "4.27", "1,234").
    public func rounded(_ value: Double) -> String {
        switch self {
        case .price: return NumberFormat.roundedCurrency(value)
        case .plain:
            let magnitude = abs(value)
            return NumberFormat.grouped(value, decimals: magnitude >= 1000 ? 0 : magnitude >= 10 ? 1 : 2)
        }
    }

    /// "$170.12–$221.40" or "170.12–221.40".
    public func range(_ interval: PredictionInterval) -> String {
        "\(format(interval.lower))–\(format(interval.upper))"
    }

    /// "$170–$221" or "170.1–221.4", for sentences.
    public func roundedRange(_ interval: PredictionInterval) -> String {
        "\(rounded(interval.lower))–\(rounded(interval.upper))"
    }

    /// What one value is called: "price" or the field's name ("level").
    public var noun: String {
        switch self {
        case .price: "price"
        case .plain(let name): name
        }
    }

    /// Many values, as in "No SOL-USD prices are stored yet": "prices" or "values".
    public var plural: String {
        switch self {
        case .price: "prices"
        case .plain: "values"
        }
    }

    /// The words prose names the values by (`SeriesWording`, shared with the models' descriptions).
    public var wording: SeriesWording {
        switch self {
        case .price: .price
        case .plain(let name): .plain(field: name)
        }
    }

    /// "the latest known price" or "the latest known value".
    public var latestKnown: String { wording.latestKnown }

    /// The unit errors and scores are in: "in US dollars" or "in the series' own units".
    public var unitPhrase: String {
        switch self {
        case .price: "in US dollars"
        case .plain: "in the series' own units"
        }
    }

    /// The subject of a forecast sentence: "SOL-USD" or "river's level".
    public func subject(_ instrument: String) -> String {
        switch self {
        case .price: instrument
        case .plain(let name): "\(instrument)'s \(name)"
        }
    }

    /// What comes between the subject and the value: "to close at" (or "to open at") or "at".
    public func forecastVerb(field: String) -> String {
        switch self {
        case .price: field == "open" ? "to open at" : "to close at"
        case .plain: "at"
        }
    }

    /// The reference at a forecast's origin, as in "from the 2025-01-05 close of $190": "close" or the
    /// field's name.
    public var referenceNoun: String { wording.observation }
}
