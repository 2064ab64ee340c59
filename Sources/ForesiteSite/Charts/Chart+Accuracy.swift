import ForesiteCore

extension Chart {
    /// Mean absolute error per horizon, the model's bar beside the naive forecast's.
    public static func accuracyBars(id: String, rows: [SiteContent.HorizonAccuracy], source: String) -> ChartFigure {
        let title = "Mean absolute error by horizon (\(source)): model vs naive"
        guard !rows.isEmpty else {
            let summary = "Not yet available: no \(source) accuracy has been measured."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: 280)
        let frame = PlotFrame.standard(height: 280, leftMargin: 64)
        let (y, ticks) = LinearScale.vertical(
            covering: [0] + rows.flatMap { [$0.modelMAE, $0.naiveMAE] }, top: frame.top, bottom: frame.bottom)
        frame.drawYAxis(ticks, scale: y, on: &canvas) { NumberFormat.currency($0, decimals: tickDecimals(ticks)) }
        let slot = frame.width / Double(rows.count)
        let bar = min(28, slot * 0.36)
        canvas.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, class: "baseline")
        for (index, row) in rows.enumerated() {
            let center = frame.left + slot * (Double(index) + 0.5)
            canvas.rect(
                x: center - bar - 1, y: y(row.modelMAE), width: bar, height: frame.bottom - y(row.modelMAE),
                class: "bar bar-model", title: "\(row.horizon)-day model MAE \(NumberFormat.currency(row.modelMAE))")
            canvas.rect(
                x: center + 1, y: y(row.naiveMAE), width: bar, height: frame.bottom - y(row.naiveMAE),
                class: "bar bar-naive", title: "\(row.horizon)-day naive MAE \(NumberFormat.currency(row.naiveMAE))")
            canvas.text("\(row.horizon) d", x: center, y: frame.bottom + 18, class: "tick", anchor: .middle)
        }
        frame.drawLegend([("Model", "bar-model"), ("Naive", "bar-naive")], on: &canvas)
        let better = rows.filter { $0.modelMAE < $0.naiveMAE }.map(\.horizon)
        let first = rows.first!
        let last = rows.last!
        let summary =
            "The model's error is \(NumberFormat.currency(first.modelMAE)) at \(first.horizon) day"
            + "\(first.horizon == 1 ? "" : "s") (naive \(NumberFormat.currency(first.naiveMAE))) and "
            + "\(NumberFormat.currency(last.modelMAE)) at \(last.horizon) days (naive \(NumberFormat.currency(last.naiveMAE))); "
            + "it beats naive at \(better.count) of \(rows.count) horizons."
        let table = rows.map {
            DataTable.Row([
                "\($0.horizon) d", "\($0.count)", NumberFormat.currency($0.modelMAE),
                NumberFormat.currency($0.naiveMAE),
            ])
        }
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(columns: ["Horizon", "Forecasts", "Model MAE", "Naive MAE"], rows: table))
    }

    /// Observed interval coverage per horizon against the nominal level (dashed line): calibrated
    /// intervals sit on their line.
    public static func coverage(id: String, rows: [SiteContent.HorizonAccuracy], source: String) -> ChartFigure {
        let title = "Interval coverage by horizon (\(source))"
        let levels = Array(Set(rows.flatMap { $0.coverage.map(\.level) })).sorted()
        guard !rows.isEmpty, !levels.isEmpty else {
            let summary = "Not yet available: no \(source) interval coverage has been measured."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: 260)
        let frame = PlotFrame.standard(height: 260, leftMargin: 52)
        let y = LinearScale(domain: 0...1, start: frame.bottom, end: frame.top)
        frame.drawYAxis([0, 0.25, 0.5, 0.75, 1], scale: y, on: &canvas) { NumberFormat.percent($0) }
        let slot = frame.width / Double(rows.count)
        for level in levels {
            canvas.line(
                x1: frame.left, y1: y(level), x2: frame.right, y2: y(level),
                class: "nominal nominal-\(levelClass(level))")
        }
        for (index, row) in rows.enumerated() {
            let center = frame.left + slot * (Double(index) + 0.5)
            for item in row.coverage {
                canvas.circle(
                    cx: center, cy: y(item.observed), r: 5, class: "point coverage-\(levelClass(item.level))",
                    title:
                        "\(row.horizon) d: \(NumberFormat.percent(item.observed)) inside the \(levelLabel(item.level)) interval"
                )
            }
            canvas.text("\(row.horizon) d", x: center, y: frame.bottom + 18, class: "tick", anchor: .middle)
        }
        frame.drawLegend(levels.map { ("\(levelLabel($0)) interval", "coverage-\(levelClass($0))") }, on: &canvas)
        let summary = levels.map { level in
            let observed = rows.compactMap { row in row.coverage.first { abs($0.level - level) < 1e-9 }?.observed }
            let low = observed.min() ?? 0
            let high = observed.max() ?? 0
            return
                "the \(levelLabel(level)) interval held the actual in \(NumberFormat.percent(low))–\(NumberFormat.percent(high)) of cases"
        }.joined(separator: "; ")
        let table = rows.map { row in
            DataTable.Row(
                ["\(row.horizon) d"]
                    + levels.map { level in
                        row.coverage.first { abs($0.level - level) < 1e-9 }.map { NumberFormat.percent($0.observed) }
                            ?? "–"
                    })
        }
        return ChartFigure(
            id: id, title: title, summary: "Across horizons, " + summary + ".",
            svg: canvas.finish(id: id, title: title, description: "Across horizons, " + summary + "."),
            table: DataTable(columns: ["Horizon"] + levels.map { "\(levelLabel($0)) coverage" }, rows: table))
    }
}
