import ForesiteCore

/// Which model's forecast is published: the one with the lowest relative WIS over the trailing window,
/// among those a Diebold–Mariano test finds better than persistence; persistence itself when none is.
///
/// Only forecasts whose target day had closed before the choice count (origin + h < day), so the choice
/// on a day uses nothing that was not known that morning. `scope` chooses one model for all horizons
/// (`.overall`) or one per horizon (`.horizon`).
public struct ModelSelection: Hashable, Sendable {
    public var windowDays: Int
    public var scope: Config.Selection.Scope

    public init(windowDays: Int, scope: Config.Selection.Scope) {
        self.windowDays = windowDays
        self.scope = scope
    }

    public init(_ settings: Config.Selection) {
        self.init(windowDays: settings.windowDays, scope: settings.by)
    }

    public struct Choice: Hashable, Sendable {
        /// The published model of horizon h at index h − 1.
        public var models: [ModelID]
        /// Why, in one line without commas (it is a ledger field): the winner's relative WIS, its test and
        /// sample, or that nothing beat persistence and the best attempt.
        public var evidence: String

        public var isPersistence: Bool { models.allSatisfy { $0 == .persistence } }

        /// The published models in one word: "lstm", or "lstm+drift" when horizons differ.
        public var label: String {
            var seen: [ModelID] = []
            for model in models where !seen.contains(model) { seen.append(model) }
            return seen.map(\.rawValue).joined(separator: "+")
        }

        /// The ledger's `model_version` of the published row: "label: evidence".
        public var ledgerVersion: String { "\(label): \(evidence)" }

        /// The published label of a ledger `model_version` written by `ledgerVersion`.
        public static func label(ofLedgerVersion version: String) -> String {
            String(version.prefix { $0 != ":" })
        }
    }

    /// The choice on `day` among `candidates` (persistence need not be listed), from every model's scored
    /// forecasts (`scores`, any origins; those outside the window are ignored).
    public func choose(
        on day: Day, scores: [ModelID: [ScoredForecast]], candidates: [ModelID], horizon: Int
    ) -> Choice {
        let first = day.adding(days: -windowDays)
        func window(_ rows: [ScoredForecast]) -> [ScoredForecast] {
            rows.filter { $0.origin >= first && $0.origin.adding(days: $0.horizon) < day }
        }
        let baseline = window(scores[.persistence] ?? [])
        let contenders = candidates.filter { $0 != .persistence }.map { ($0, window(scores[$0] ?? [])) }
        switch scope {
        case .overall:
            let (winner, text) = best(contenders, baseline: baseline, horizon: nil)
            return Choice(models: Array(repeating: winner, count: horizon), evidence: text)
        case .horizon:
            let picks = (1...horizon).map { h in best(contenders, baseline: baseline, horizon: h) }
            return Choice(
                models: picks.map(\.0),
                evidence: picks.enumerated().map { "h\($0.offset + 1) \($0.element.1)" }.joined(separator: "; "))
        }
    }

    /// The significantly better model with the lowest relative WIS, else persistence; and why.
    private func best(
        _ contenders: [(ModelID, [ScoredForecast])], baseline: [ScoredForecast], horizon: Int?
    ) -> (ModelID, String) {
        let compared = contenders.map { id, rows in
            (id, SkillComparison(model: rows, baseline: baseline, horizon: horizon))
        }.filter { $0.1.pairs > 0 }.sorted { ($0.1.relativeWIS, $0.0) < ($1.1.relativeWIS, $1.0) }
        if let winner = compared.first(where: { $0.1.verdict == .better }) {
            return (winner.0, "\(winner.0) \(Self.describe(winner.1))")
        }
        guard let closest = compared.first else {
            return (.persistence, "persistence: no scored forecast of another model in the last \(windowDays) days")
        }
        return (.persistence, "persistence: none better (closest \(closest.0) \(Self.describe(closest.1)))")
    }

    private static func describe(_ comparison: SkillComparison) -> String {
        let p = comparison.test.map { String(format: "p %.3f", $0.pValue) } ?? "no test"
        return String(format: "rel WIS %.3f %@ n %d", comparison.relativeWIS, p, comparison.pairs)
    }
}
