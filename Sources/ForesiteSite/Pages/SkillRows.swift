import ForesiteCore

/// A skill table (a model against persistence) as the pages show it: one row per horizon and a last
/// row over all horizons, cells already formatted. The index shows the brief columns, the accuracy page
/// the full ones, live and backtest alike.
enum SkillRows {
    struct Row {
        /// "1 d" … "10 d", or "All".
        let horizon: String
        let cells: [String]
        let isOverall: Bool
    }

    /// One model's table on the accuracy page, with the sentence it leads with.
    struct Section {
        /// The table's anchor, e.g. `backtest-lstm`.
        let id: String
        let model: String
        let from: String
        let to: String
        let lead: String
        let rows: [Row]

        init(id: String, table: SiteContent.SkillTable, style: ValueStyle) {
            self.id = id
            model = table.model
            from = table.from.iso
            to = table.to.iso
            lead = SkillWording.lead(table)
            rows = SkillRows.full(table, style: style)
        }
    }

    /// Forecasts, model WIS, persistence WIS, relative WIS, verdict.
    static func brief(_ table: SiteContent.SkillTable, style: ValueStyle) -> [Row] {
        rows(table) { comparison in
            [
                "\(comparison.pairs)", style.format(comparison.model.wis),
                style.format(comparison.baseline.wis), SkillWording.relative(comparison.relativeWIS),
                SkillWording.verdict(comparison),
            ]
        }
    }

    /// `brief`'s columns plus the median's MAE, the test's p-value and coverage per level for both sides,
    /// in the order of `fullColumns`.
    static func full(_ table: SiteContent.SkillTable, style: ValueStyle) -> [Row] {
        rows(table) { comparison in
            [
                "\(comparison.pairs)", style.format(comparison.model.mae),
                style.format(comparison.baseline.mae), style.format(comparison.model.wis),
                style.format(comparison.baseline.wis), SkillWording.relative(comparison.relativeWIS),
                SkillWording.pValue(comparison.test), SkillWording.verdict(comparison),
            ]
                + [comparison.model, comparison.baseline].flatMap { summary in
                    QuantileForecast.standardLevels.map { level in
                        summary.coverage(level: level).map { NumberFormat.percent($0) } ?? "–"
                    }
                }
        }
    }

    /// The columns after "Horizon" of `full`, for the data behind it (CSV-like headings).
    static let fullColumns =
        [
            "Forecasts", "Model MAE", "Persistence MAE", "Model WIS", "Persistence WIS", "Relative WIS",
            "DM p-value", "Verdict",
        ]
        + ["Model", "Persistence"].flatMap { side in
            QuantileForecast.standardLevels.map { "\(side) \(Chart.levelLabel($0)) coverage" }
        }

    private static func rows(_ table: SiteContent.SkillTable, cells: (SkillComparison) -> [String]) -> [Row] {
        table.horizons.map { Row(horizon: "\($0.horizon ?? 0) d", cells: cells($0), isOverall: false) }
            + [Row(horizon: "All", cells: cells(table.overall), isOverall: true)]
    }
}
