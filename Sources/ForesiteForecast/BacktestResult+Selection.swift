import ForesiteCore

extension BacktestResult {
    /// What publishing by `selection` would have scored over the backtest: at each origin o the choice is
    /// made on day o + 1 (when the forecast is made) from the backtest's own forecasts whose target day had
    /// closed by then, and the published forecast is the chosen model's at o.
    public struct SelectionReplay: Sendable {
        /// The published forecast of every origin and horizon, scored.
        public var published: [ScoredForecast]
        /// The model published at each origin for each horizon (index h − 1).
        public var choices: [Day: [ModelID]]
        /// The published forecasts against persistence's.
        public var skill: (horizons: [SkillComparison], overall: SkillComparison)

        /// How many (origin, horizon) forecasts each model supplied, most first.
        public var counts: [(model: ModelID, forecasts: Int)] {
            var tally: [ModelID: Int] = [:]
            for models in choices.values { for model in models { tally[model, default: 0] += 1 } }
            return tally.map { ($0.key, $0.value) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        }
    }

    public func replay(_ selection: ModelSelection, candidates: [ModelID]) -> SelectionReplay {
        var scores: [ModelID: [ScoredForecast]] = [:]
        var byKey: [ModelID: [ScoredForecast.Key: ScoredForecast]] = [:]
        for model in models {
            let rows = self.scores(for: model)
            scores[model] = rows
            byKey[model] = Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var published: [ScoredForecast] = []
        var choices: [Day: [ModelID]] = [:]
        for origin in origins {
            let choice = selection.choose(
                on: origin.adding(days: 1), scores: scores, candidates: candidates, horizon: settings.horizon)
            choices[origin] = choice.models
            for (index, model) in choice.models.enumerated() {
                if let row = byKey[model]?[ScoredForecast.Key(origin: origin, horizon: index + 1)] {
                    published.append(row)
                }
            }
        }
        return SelectionReplay(
            published: published, choices: choices,
            skill: SkillComparison.table(model: published, baseline: scores[.persistence] ?? []))
    }
}
