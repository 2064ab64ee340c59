import ForesiteCore
import Foundation

extension BacktestResult {
    /// The printed summary: per model, per horizon and over all horizons, the MAE of the median, the
    /// WIS, the relative WIS against persistence with its Diebold–Mariano p-value and verdict, and the
    /// measured coverage of each interval level.
    ///
    /// Every model is compared on the same forecasts as persistence, and a difference the test does
    /// not find at 5 % is said to be indistinguishable (Architecture.md,
    /// "Invariants worth knowing").
    ///
    /// `wording` names the target's values: a price's table is in price units from the origin's close, a
    /// river level's in its own units from the origin's level.
    public func summaryTable(wording: SeriesWording = .price) -> String {
        let levels = settings.levels
        var lines = [
            "Walk-forward backtest \(settings.from) … \(settings.to): \(origins.count) origins"
                + (skippedOrigins.isEmpty
                    ? "" : " (\(skippedOrigins.count) skipped: incomplete input window or too little history)")
                + ", target \(settings.target), retrain every \(settings.retrainEvery) days"
                + ", ensemble \(settings.ensemble), \(settings.epochs) epochs",
            "",
            (wording.isPrice ? "Price units" : "Units of \(wording.observation)")
                + ", lower is better. rel WIS = WIS / persistence's WIS on the same forecasts (< 1 beats it);",
            "DM p: Diebold–Mariano test of the WIS differences (Newey–West, lag h − 1), verdict at 5 %;",
            "coverage: share of actuals inside the central intervals. Persistence: the origin's "
                + "\(wording.observation) with",
            "quantiles from the symmetrised \(settings.persistenceWindow)-day history of h-day changes.",
        ]
        let header =
            "   h" + ["MAE", "WIS", "rel WIS", "DM p"].map { Self.pad($0, 9) }.joined() + "  "
            + Self.pad("verdict", -18) + levels.map { Self.pad(String(format: "%.0f %%", $0 * 100), 8) }.joined()
        for model in models {
            let (horizons, overall) = skill(of: model)
            lines.append("")
            lines.append(model == .persistence ? "\(model) (the reference)" : "\(model)")
            lines.append(header)
            for comparison in horizons + [overall] {
                lines.append(row(comparison, isReference: model == .persistence, levels: levels))
            }
        }
        lines.append("")
        let fitSeconds = fits.reduce(0) { $0 + $1.seconds }
        lines.append(
            String(
                format: "%d scheduled fits (%.1f s of fitting), %.1f s wall time", fits.count, fitSeconds, seconds))
        return lines.joined(separator: "\n")
    }

    private func row(_ comparison: SkillComparison, isReference: Bool, levels: [Double]) -> String {
        let summary = comparison.model
        let label = comparison.horizon.map { String(format: "%4d", $0) } ?? " all"
        var cells = [
            String(format: "%.2f", summary.mae), String(format: "%.2f", summary.wis),
            comparison.relativeWIS.isFinite ? String(format: "%.3f", comparison.relativeWIS) : "–",
            isReference ? "–" : comparison.test.map { String(format: "%.3f", $0.pValue) } ?? "–",
        ].map { Self.pad($0, 9) }
        cells.append("  " + Self.pad(isReference ? "reference" : Self.verdictText(comparison.verdict), -18))
        cells += levels.map { level in
            Self.pad(summary.coverage(level: level).map { String(format: "%.1f %%", $0 * 100) } ?? "–", 8)
        }
        return label + cells.joined()
    }

    private static func verdictText(_ verdict: SkillVerdict) -> String {
        switch verdict {
        case .better: "better"
        case .worse: "worse"
        case .indistinguishable: "indistinguishable"
        case .tooFew: "too few"
        }
    }

    /// Right-aligned in `width` characters, or left-aligned in −`width`.
    private static func pad(_ text: String, _ width: Int) -> String {
        let fill = String(repeating: " ", count: max(0, abs(width) - text.count))
        return width < 0 ? text + fill : fill + text
    }
}
