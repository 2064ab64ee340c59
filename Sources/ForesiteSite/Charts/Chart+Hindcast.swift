import ForesiteCore

extension Chart {
    /// Forecast against actual for one horizon, from the ledger: did the forecasts made `horizon` days
    /// ahead track what happened, and did the actual stay inside the interval?
    public static func hindcast(
        id: String, entries: [SiteContent.LedgerEntry], horizon: Int, instrument: String, maxPoints: Int = 90
    ) -> ChartFigure {
        let title = "\(instrument), \(horizon) day\(horizon == 1 ? "" : "s") ahead: forecast vs actual"
        let known = entries.filter { $0.horizon == horizon && $0.actual != nil }
            .sorted { $0.targetDay < $1.targetDay }.suffix(maxPoints)
        guard let first = known.first, let last = known.last else {
            let summary = "Not yet available: no \(horizon)-day-ahead forecast has reached its target day."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        let width = 480.0
        let height = 240.0
        var canvas = SVGCanvas(width: width, height: height)
        let frame = PlotFrame.standard(width: width, height: height, leftMargin: 64)
        let level = first.intervals.first?.level
        var values = known.flatMap { [$0.point, $0.actual!] }
        if let level { values += known.compactMap { $0.interval(level) }.flatMap { [$0.lower, $0.upper] } }
        let (y, ticks) = LinearScale.vertical(covering: values, top: frame.top, bottom: frame.bottom, tickCount: 4)
        let x = frame.xScale(from: first.targetDay, to: last.targetDay)
        func px(_ day: Day) -> Double { x(Double(day.daysSinceEpoch)) }
        frame.drawYAxis(ticks, scale: y, on: &canvas) { NumberFormat.currency($0, decimals: tickDecimals(ticks)) }
        frame.drawDateAxis(from: first.targetDay, to: last.targetDay, scale: x, on: &canvas, maxTicks: 4)
        var legend: [(label: String, swatch: String)] = [("Actual", "history"), ("Forecast", "forecast")]
        if let level {
            let upper = known.compactMap { e in e.interval(level).map { (px(e.targetDay), y($0.upper)) } }
            let lower = known.compactMap { e in e.interval(level).map { (px(e.targetDay), y($0.lower)) } }
            canvas.polygon(upper + lower.reversed(), class: "fan fan-\(levelClass(level))")
            legend.append(("\(levelLabel(level)) interval", "fan-\(levelClass(level))"))
        }
        canvas.polyline(known.map { (px($0.targetDay), y($0.actual!)) }, class: "series history")
        canvas.polyline(known.map { (px($0.targetDay), y($0.point)) }, class: "series forecast")
        frame.drawLegend(legend, on: &canvas)

        var inside = 0
        var absoluteErrors = 0.0
        var rows: [DataTable.Row] = []
        var titles: [String] = []
        for entry in known {
            let actual = entry.actual!
            absoluteErrors += abs(entry.point - actual)
            let interval = level.flatMap { entry.interval($0) }
            let hit = interval.map { actual >= $0.lower && actual <= $0.upper }
            if hit == true { inside += 1 }
            rows.append(
                DataTable.Row([
                    entry.targetDay.iso, entry.madeOn.iso, NumberFormat.currency(entry.point),
                    NumberFormat.currency(actual), NumberFormat.currency(entry.point - actual),
                    hit.map { $0 ? "yes" : "no" } ?? "–",
                ]))
            titles.append(
                "\(entry.targetDay.iso): forecast \(NumberFormat.currency(entry.point)), actual \(NumberFormat.currency(actual))"
            )
        }
        frame.drawHoverColumns(known.map { px($0.targetDay) }, titles: titles, on: &canvas)
        var summary =
            "\(known.count) forecasts made \(horizon) day\(horizon == 1 ? "" : "s") ahead for \(first.targetDay.iso) to \(last.targetDay.iso): "
            + "mean absolute error \(NumberFormat.currency(absoluteErrors / Double(known.count)))"
        if let level {
            summary += ", actual inside the \(levelLabel(level)) interval \(inside) of \(known.count) times"
        }
        summary += "."
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(
                columns: ["Target day", "Made on", "Forecast", "Actual", "Error", "Inside interval"],
                rows: rows.reversed()))
    }
}
