import ForesiteCore
import Foundation

/// `api/leaderboard.json`: the leaderboards' numbers for programs. Per window ("30", "90", "all"), the
/// models in rank order (lowest overall relative WIS first), each with its overall and per-horizon
/// scores against persistence on the same forecasts; and which model is published.
///
/// Keys are sorted and every key is always present (null when a number cannot be computed), so the same
/// content gives the same bytes and readers need no special cases.
struct LeaderboardDocument: Encodable {
    struct Scores: Encodable {
        let comparison: SkillComparison

        enum CodingKeys: String, CodingKey {
            case horizon, relativeWIS = "relative_wis", wis, persistenceWIS = "persistence_wis", mae, coverage,
                verdict, pValue = "p_value", n
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            if let horizon = comparison.horizon { try container.encode(horizon, forKey: .horizon) }
            try container.encode(Self.finite(comparison.relativeWIS), forKey: .relativeWIS)
            try container.encode(Self.finite(comparison.model.wis), forKey: .wis)
            try container.encode(Self.finite(comparison.baseline.wis), forKey: .persistenceWIS)
            try container.encode(Self.finite(comparison.model.mae), forKey: .mae)
            try container.encode(
                Dictionary(
                    uniqueKeysWithValues: QuantileForecast.standardLevels.map {
                        (
                            QuantileForecast.label(quantile: $0),
                            comparison.model.coverage(level: $0).flatMap(Self.finite)
                        )
                    }), forKey: .coverage)
            try container.encode(comparison.verdict.rawValue, forKey: .verdict)
            try container.encode(comparison.test.flatMap { Self.finite($0.pValue) }, forKey: .pValue)
            try container.encode(comparison.pairs, forKey: .n)
        }

        static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
    }

    struct Model: Encodable {
        let rank: Int
        let table: SiteContent.SkillTable

        enum CodingKeys: String, CodingKey { case rank, model, from, to, overall, horizons }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rank, forKey: .rank)
            try container.encode(table.model, forKey: .model)
            try container.encode(table.from.iso, forKey: .from)
            try container.encode(table.to.iso, forKey: .to)
            try container.encode(Scores(comparison: table.overall), forKey: .overall)
            try container.encode(table.horizons.map { Scores(comparison: $0) }, forKey: .horizons)
        }
    }

    struct Window: Encodable {
        let window: SiteContent.LeaderboardWindow

        enum CodingKeys: String, CodingKey { case label, days, models }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(window.label, forKey: .label)
            try container.encode(window.days, forKey: .days)
            try container.encode(
                window.tables.enumerated().map { Model(rank: $0.offset + 1, table: $0.element) }, forKey: .models)
        }
    }

    let asOf: Day
    let demo: Bool
    let published: ModelID?
    let windows: [SiteContent.LeaderboardWindow]

    enum CodingKeys: String, CodingKey { case asOf = "as_of", demo, published, reference, windows }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(asOf.iso, forKey: .asOf)
        try container.encode(demo, forKey: .demo)
        try container.encode(published?.rawValue, forKey: .published)
        try container.encode(ModelID.persistence.rawValue, forKey: .reference)
        try container.encode(
            Dictionary(windows.map { ($0.id, Window(window: $0)) }, uniquingKeysWith: { first, _ in first }),
            forKey: .windows)
    }

    static func render(_ content: SiteContent) -> String {
        let document = LeaderboardDocument(
            asOf: content.asOf, demo: content.isDemo, published: content.publication?.model,
            windows: content.leaderboards)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain values cannot fail; a failure here is a programming error.
        return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
    }
}
