import Foundation

extension BacktestResult {
    /// The printed summary: per-horizon MAE of every model side by side, the pooled MAE and MASE, and
    /// the measured coverage of each LSTM mode's intervals against their nominal level.
    ///
    /// A model whose MAE beats naive at a horizon is marked `*`, so "does it beat tomorrow = today"
    /// is answered on every line (DESIGN.md, "Honesty rules").
    public func summaryTable() -> String {
        let models = models
        let tables = models.map { metrics(for: $0) }
        let naive = metrics(for: .naive)
        let width = max(12, (models.map(\.rawValue.count).max() ?? 0) + 2)
        func cell(_ text: String) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        func mae(_ metrics: Metrics?, naive naiveMetrics: Metrics?, model: BacktestModel) -> String {
            guard let metrics else { return cell("–") }
            let beats = model != .naive && naiveMetrics.map { metrics.mae < $0.mae } == true
            return cell(String(format: "%.2f", metrics.mae) + (beats ? "*" : " "))
        }

        var lines = [
            "Walk-forward backtest \(settings.from) … \(settings.to): \(origins.count) origins"
                + (skippedOrigins.isEmpty ? "" : " (\(skippedOrigins.count) skipped: incomplete input window)")
                + ", retrain every \(settings.retrainEvery) days, ensemble \(settings.ensemble), \(settings.epochs) epochs",
            "",
            "MAE (price units) by horizon; * = lower than naive",
            "   h" + models.map { cell($0.rawValue + " ") }.joined(),
        ]
        for horizon in 1...settings.horizon {
            let naiveAtHorizon = naive[horizon: horizon]
            lines.append(
                String(format: "%4d", horizon)
                    + zip(models, tables).map { model, table in
                        mae(table[horizon: horizon], naive: naiveAtHorizon, model: model)
                    }.joined())
        }
        lines.append(
            " all" + zip(models, tables).map { mae($1.overall, naive: naive.overall, model: $0) }.joined())
        lines.append(
            "MASE"
                + tables.map { table in
                    cell((table.overall?.mase).map { String(format: "%.3f", $0) + " " } ?? "– ")
                }.joined())
        lines.append("")
        lines.append("Intervals (conformal): measured coverage vs nominal, mean width, Winkler score")
        for (model, table) in zip(models, tables) {
            guard let intervals = table.overall?.intervals, !intervals.isEmpty else { continue }
            let parts = intervals.map { interval in
                String(
                    format: "%2.0f %%: %5.1f %% covered, width %.2f, score %.2f", interval.level * 100,
                    interval.coverage * 100, interval.meanWidth, interval.meanWinklerScore)
            }
            lines.append("  \(model.rawValue): " + parts.joined(separator: "; "))
        }
        lines.append("")
        let members = trainings.reduce(0) { $0 + $1.seeds.count }
        let trainingSeconds = trainings.reduce(0) { $0 + $1.trainingSeconds }
        lines.append(
            String(
                format: "%d retrainings (%d member trainings, %.1f s of training), %.1f s wall time",
                trainings.count, members, trainingSeconds, seconds))
        return lines.joined(separator: "\n")
    }
}
