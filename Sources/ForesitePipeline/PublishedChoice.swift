import ForesiteCore
import ForesiteForecast
import ForesiteStore

/// The day's `ModelSelection` from what the store knows: the ledger's scored forecasts of every model
/// and the stored walk-forward backtest's, over the trailing `selection.window_days`.
enum PublishedChoice {
    static func choose(
        _ workspace: Workspace, store: FeatureStore, on day: Day, candidates: [ModelID]
    ) throws -> ModelSelection.Choice {
        let config = workspace.config
        let selection = ModelSelection(config.selection)
        let from = day.adding(days: -selection.windowDays)
        let forecasts = try store.ledger.forecasts(from: from, to: day)
        let candles = try store.candles(group: config.target.group, from: from)
        let live = LiveScores(forecasts: forecasts, actuals: LiveScores.Actuals(candles: candles))
        var scores: [ModelID: [ScoredForecast]] = [:]
        for id in candidates + [.persistence] { scores[id] = live.scored(id) }
        // Walk-forward forecasts fill the days the ledger does not cover (a new site, a new model).
        if let backtest = try store.backtests.latest() {
            for id in candidates + [.persistence] {
                let known = Set(scores[id, default: []].map(\.key))
                scores[id, default: []] += backtest.scores(for: id.rawValue).filter {
                    $0.origin >= from && !known.contains($0.key)
                }
            }
        }
        return selection.choose(on: day, scores: scores, candidates: candidates, horizon: config.model.horizon)
    }
}
