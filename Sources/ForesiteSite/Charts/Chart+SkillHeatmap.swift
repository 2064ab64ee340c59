import ForesiteCore
import Foundation

extension Chart {
    /// Relative WIS beyond which a cell's colour no longer deepens (and its inverse, 0.8).
    static let skillHeatmapSaturation = 1.25

    /// Relative WIS by model (rows, in the given order) and horizon (columns, then "All"): a diverging
    /// scale centred on 1.0, one hue for better than persistence and another for worse, deeper the
    /// further from 1 (on a log scale, so 0.8 and 1.25 are equally deep). Cells whose difference the
    /// Diebold–Mariano test finds at 5 % are outlined. The stylesheet picks the hues.
    public static func skillHeatmap(id: String, tables: [SiteContent.SkillTable], window: String) -> ChartFigure {
        let title = "Relative WIS by model and horizon (\(window))"
        let horizons = Array(Set(tables.flatMap { $0.horizons.compactMap(\.horizon) })).sorted()
        guard !tables.isEmpty, !horizons.isEmpty else {
            let summary = "Not yet available: no forecast in this window has been scored against persistence."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        let columns = horizons.map { "\($0) d" } + ["All"]
        let cellWidth = 58.0
        let cellHeight = 34.0
        let left = 112.0
        let top = 28.0
        let legendHeight = 40.0
        let width = left + cellWidth * Double(columns.count) + 8
        let height = top + cellHeight * Double(tables.count) + legendHeight
        var canvas = SVGCanvas(width: width, height: height)
        for (column, label) in columns.enumerated() {
            canvas.text(
                label, x: left + cellWidth * (Double(column) + 0.5), y: top - 10, class: "tick", anchor: .middle)
        }
        for (row, table) in tables.enumerated() {
            let y = top + cellHeight * Double(row)
            canvas.text(table.model, x: left - 8, y: y + cellHeight / 2 + 5, class: "tick", anchor: .end)
            let comparisons =
                horizons.map { horizon in table.horizons.first { $0.horizon == horizon } } + [table.overall]
            for (column, comparison) in comparisons.enumerated() {
                let x = left + cellWidth * Double(column)
                guard let comparison, comparison.relativeWIS.isFinite else {
                    canvas.text(
                        "–", x: x + cellWidth / 2, y: y + cellHeight / 2 + 5, class: "heat-value", anchor: .middle)
                    continue
                }
                let relative = comparison.relativeWIS
                let significant = comparison.verdict == .better || comparison.verdict == .worse
                canvas.rect(
                    x: x + 1, y: y + 1, width: cellWidth - 2, height: cellHeight - 2,
                    class: "skill-cell \(relative <= 1 ? "skill-better" : "skill-worse")"
                        + (significant ? " significant" : ""),
                    title:
                        "\(table.model), \(columns[column]): relative WIS \(SkillWording.relative(relative)), "
                        + SkillWording.verdict(comparison),
                    opacity: skillOpacity(relative))
                canvas.text(
                    SkillWording.relative(relative), x: x + cellWidth / 2, y: y + cellHeight / 2 + 5,
                    class: "heat-value", anchor: .middle)
            }
        }
        let legendY = top + cellHeight * Double(tables.count) + 14
        let legend: [(String, String, Double)] = [
            ("0.80 better", "skill-better", 0.8), ("1.00 = persistence", "skill-better", 1),
            ("1.25 worse", "skill-worse", 1.25),
        ]
        for (index, item) in legend.enumerated() {
            let x = left + Double(index) * 185
            canvas.rect(
                x: x, y: legendY, width: 14, height: 14, class: "skill-cell \(item.1)", opacity: skillOpacity(item.2))
            canvas.text(item.0, x: x + 20, y: legendY + 12, class: "legend-label")
        }

        let best = tables.first.map { "\($0.model) leads overall at \(SkillWording.relative($0.overall.relativeWIS))" }
        let beating = tables.compactMap { table -> String? in
            let better = table.horizons.filter { $0.verdict == .better }.count
            return better == 0 ? nil : "\(table.model) at \(better) of \(table.horizons.count) horizons"
        }
        let summary =
            "Model ÷ persistence WIS on the same forecasts, \(window): below 1.00 (one hue) the model beats "
            + "persistence, above (the other hue) it does worse; outlined cells differ at the 5 % level. "
            + (best.map { $0 + "; " } ?? "")
            + (beating.isEmpty
                ? "no model is better than persistence at any horizon by the Diebold–Mariano test."
                : "better than persistence by the test: " + beating.joined(separator: ", ") + ".")
        let rows = tables.map { table in
            DataTable.Row(
                [table.model]
                    + horizons.map { horizon in
                        table.horizons.first { $0.horizon == horizon }.map { SkillWording.relative($0.relativeWIS) }
                            ?? "–"
                    } + [SkillWording.relative(table.overall.relativeWIS)])
        }
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(columns: ["Model"] + columns, rows: rows))
    }

    /// 0.08 at 1.0, rising with |log relative WIS| to 0.9 at the saturation (1.25 or 0.8) and beyond.
    static func skillOpacity(_ relative: Double) -> Double {
        let depth = min(1, abs(log(relative)) / log(skillHeatmapSaturation))
        return 0.08 + 0.82 * depth
    }
}
