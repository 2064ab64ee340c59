import ForesiteCore

extension Chart {
    /// Observed interval coverage per model (rows) and level (one dot per level on a 0–100 % axis, with a
    /// dashed mark at each nominal level): a calibrated model's dots sit on their marks, an overconfident
    /// one's fall left of them.
    public static func coverageByModel(
        id: String, models: [(name: String, summary: ScoreSummary)], window: String
    ) -> ChartFigure {
        let title = "Interval coverage by model (\(window))"
        let levels = QuantileForecast.standardLevels
        guard !models.isEmpty else {
            let summary = "Not yet available: no interval in this window has been scored."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        let left = 112.0
        let right = 24.0
        let top = 34.0
        let rowHeight = 28.0
        let width = PlotFrame.standardWidth
        let height = top + rowHeight * Double(models.count) + 34
        var canvas = SVGCanvas(width: width, height: height)
        let x = LinearScale(domain: 0...1, start: left, end: width - right)
        let bottom = top + rowHeight * Double(models.count)
        for tick in [0, 0.25, 0.5, 0.75, 1.0] {
            canvas.line(x1: x(tick), y1: top, x2: x(tick), y2: bottom, class: "grid")
            canvas.text(NumberFormat.percent(tick), x: x(tick), y: bottom + 18, class: "tick", anchor: .middle)
        }
        for level in levels {
            canvas.line(x1: x(level), y1: top, x2: x(level), y2: bottom, class: "nominal nominal-\(levelClass(level))")
        }
        for (row, model) in models.enumerated() {
            let y = top + rowHeight * (Double(row) + 0.5)
            canvas.text(model.name, x: left - 8, y: y + 5, class: "tick", anchor: .end)
            for level in levels {
                guard let observed = model.summary.coverage(level: level) else { continue }
                canvas.circle(
                    cx: x(observed), cy: y, r: 5, class: "point coverage-\(levelClass(level))",
                    title:
                        "\(model.name): \(NumberFormat.percent(observed)) inside the \(levelLabel(level)) interval")
            }
        }
        var frame = PlotFrame.standard(height: height, leftMargin: left)
        frame.top = 8
        frame.drawLegend(levels.map { ("\(levelLabel($0)) interval", "coverage-\(levelClass($0))") }, on: &canvas)
        let described = models.map { model in
            "\(model.name) "
                + levels.map { model.summary.coverage(level: $0).map { NumberFormat.percent($0) } ?? "–" }
                .joined(separator: "/")
        }
        let summary =
            "Share of actuals inside each model's 50, 80 and 95 % intervals (\(window)); the dashed marks are "
            + "the nominal levels, and dots left of them mean intervals too narrow: "
            + described.joined(separator: "; ") + "."
        let rows = models.map { model in
            DataTable.Row(
                [model.name]
                    + levels.map { model.summary.coverage(level: $0).map { NumberFormat.percent($0) } ?? "–" }
                    + ["\(model.summary.count)"])
        }
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(
                columns: ["Model"] + levels.map { "\(levelLabel($0)) coverage" } + ["Forecasts"], rows: rows))
    }
}
