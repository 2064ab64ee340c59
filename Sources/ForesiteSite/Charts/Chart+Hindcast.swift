import ForesiteCore

extension Chart {
    /// Forecast against actual for one horizon, from the ledger: did the model's median track what
    /// happened better than persistence's, and did the actual stay inside the model's 80 % interval?
    public static func hindcast(
        id: String, entries: [SiteContent.LedgerEntry], horizon: Int, instrument: String, maxPoints: Int = 90,
        style: ValueStyle = .price
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
        let height = 260.0
        var canvas = SVGCanvas(width: width, height: height)
        var frame = PlotFrame.standard(width: width, height: height, leftMargin: 64)
        let hasPersistence = known.contains { $0.persistence != nil }
        var legend: [(label: String, swatch: String)] = [("Actual", "history"), ("Model median", "forecast")]
        if hasPersistence { legend.append(("Persistence", "persistence")) }
        legend.append(("80 % interval", "fan-l80"))
        frame.top += Double(frame.legendRows(legend) - 1) * PlotFrame.legendRowHeight

        var values = known.flatMap { [$0.median, $0.actual!] } + known.compactMap { $0.persistence?.median }
        values += known.compactMap { $0.forecast.interval(level: 0.8) }.flatMap { [$0.lower, $0.upper] }
        let (y, ticks) = LinearScale.vertical(covering: values, top: frame.top, bottom: frame.bottom, tickCount: 4)
        let x = frame.xScale(from: first.targetDay, to: last.targetDay)
        func px(_ day: Day) -> Double { x(Double(day.daysSinceEpoch)) }
        frame.drawYAxis(ticks, scale: y, on: &canvas) { style.format($0, decimals: tickDecimals(ticks)) }
        frame.drawDateAxis(from: first.targetDay, to: last.targetDay, scale: x, on: &canvas, maxTicks: 4)
        let bands = known.compactMap { entry in entry.forecast.interval(level: 0.8).map { (entry.targetDay, $0) } }
        canvas.polygon(
            bands.map { (px($0.0), y($0.1.upper)) } + bands.reversed().map { (px($0.0), y($0.1.lower)) },
            class: "fan fan-l80")
        canvas.polyline(known.map { (px($0.targetDay), y($0.actual!)) }, class: "series history")
        canvas.polyline(
            known.compactMap { entry in entry.persistence.map { (px(entry.targetDay), y($0.median)) } },
            class: "series persistence")
        canvas.polyline(known.map { (px($0.targetDay), y($0.median)) }, class: "series forecast")
        frame.drawLegend(legend, on: &canvas)

        var inside = 0
        var modelErrors = 0.0
        var persistenceErrors = 0.0
        var persistenceCount = 0
        var rows: [DataTable.Row] = []
        var titles: [String] = []
        for entry in known {
            let actual = entry.actual!
            modelErrors += abs(entry.median - actual)
            if let persistence = entry.persistence {
                persistenceErrors += abs(persistence.median - actual)
                persistenceCount += 1
            }
            let hit = entry.forecast.interval(level: 0.8).map { $0.contains(actual) }
            if hit == true { inside += 1 }
            let persistence = entry.persistence.map { style.format($0.median) } ?? "–"
            rows.append(
                DataTable.Row([
                    entry.targetDay.iso, entry.madeOn.iso, style.format(entry.median), persistence,
                    style.format(actual), style.format(entry.median - actual),
                    hit.map { $0 ? "yes" : "no" } ?? "–",
                ]))
            titles.append(
                "\(entry.targetDay.iso): median \(style.format(entry.median)), persistence \(persistence), "
                    + "actual \(style.format(actual))")
        }
        frame.drawHoverColumns(known.map { px($0.targetDay) }, titles: titles, on: &canvas)
        let days = "\(horizon) day\(horizon == 1 ? "" : "s")"
        var summary =
            "\(known.count) forecasts made \(days) ahead for \(first.targetDay.iso) to \(last.targetDay.iso): "
            + "mean absolute error of the median \(style.format(modelErrors / Double(known.count)))"
        if persistenceCount > 0 {
            summary += " (persistence \(style.format(persistenceErrors / Double(persistenceCount))))"
        }
        summary += ", actual inside the 80 % interval \(inside) of \(known.count) times."
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(
                columns: [
                    "Target day", "Made on", "Median", "Persistence", "Actual", "Error of median",
                    "Inside 80 % interval",
                ],
                rows: rows.reversed()))
    }
}
