import ForesiteCore

extension Chart {
    /// Price history (daily open) with the latest forecast drawn after it as a line inside its interval fan.
    ///
    /// - Parameters:
    ///   - candles: The history to show, ascending (the caller cuts it to `historyDays`).
    ///   - forecast: Drawn from its origin's open; nil shows history only.
    ///   - instrument: The name used in words, e.g. "SOL-USD".
    public static func priceWithForecast(
        id: String, candles: [Candle], forecast: SiteContent.Forecast?, instrument: String
    ) -> ChartFigure {
        let title = "\(instrument) daily open and \(forecast.map { "\($0.steps.count)-day " } ?? "")forecast"
        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: PlotFrame.standardHeight)
        let frame = PlotFrame.standard()
        let steps = forecast?.steps ?? []
        guard let firstDay = candles.first?.day ?? forecast?.origin else {
            let summary = "No \(instrument) prices are stored yet."
            return ChartFigure(
                id: id, title: title, summary: summary,
                svg: emptyChart(id: id, title: title, summary: summary), table: DataTable(columns: [], rows: []))
        }
        let lastDay = steps.last?.targetDay ?? candles.last?.day ?? firstDay
        let levels = (steps.first?.intervals.map(\.level) ?? []).sorted(by: >)
        var values = candles.map(\.open)
        for step in steps {
            values.append(step.point)
            values += step.intervals.flatMap { [$0.lower, $0.upper] }
        }
        let (y, yTicks) = LinearScale.vertical(covering: values, top: frame.top, bottom: frame.bottom)
        let x = frame.xScale(from: firstDay, to: lastDay)
        func px(_ day: Day) -> Double { x(Double(day.daysSinceEpoch)) }

        frame.drawYAxis(yTicks, scale: y, on: &canvas) { NumberFormat.currency($0, decimals: tickDecimals(yTicks)) }
        frame.drawDateAxis(from: firstDay, to: lastDay, scale: x, on: &canvas)

        if let forecast {
            let originX = px(forecast.origin)
            canvas.line(x1: originX, y1: frame.top, x2: originX, y2: frame.bottom, class: "origin-rule")
            canvas.text("forecast", x: originX + 4, y: frame.top + 12, class: "annotation")
            for level in levels {
                let upper = steps.compactMap { step in step.interval(level).map { (px(step.targetDay), y($0.upper)) } }
                let lower = steps.compactMap { step in step.interval(level).map { (px(step.targetDay), y($0.lower)) } }
                let start = (originX, y(forecast.lastObserved))
                canvas.polygon([start] + upper + lower.reversed(), class: "fan fan-\(levelClass(level))")
            }
            let line = [(originX, y(forecast.lastObserved))] + steps.map { (px($0.targetDay), y($0.point)) }
            canvas.polyline(line, class: "series forecast")
        }
        canvas.polyline(candles.map { (px($0.day), y($0.open)) }, class: "series history")
        for step in steps {
            canvas.circle(cx: px(step.targetDay), cy: y(step.point), r: 2.5, class: "point forecast-point")
        }

        var legend: [(label: String, swatch: String)] = [("Open", "history")]
        if forecast != nil { legend.append(("Forecast", "forecast")) }
        for level in levels.reversed() { legend.append(("\(levelLabel(level)) interval", "fan-\(levelClass(level))")) }
        frame.drawLegend(legend, on: &canvas)

        var xs: [Double] = []
        var titles: [String] = []
        var rows: [DataTable.Row] = []
        let shownLevels = levels.reversed()
        for candle in candles {
            xs.append(px(candle.day))
            titles.append("\(candle.day.iso): open \(NumberFormat.currency(candle.open))")
            rows.append(
                DataTable.Row(
                    [candle.day.iso, NumberFormat.currency(candle.open), ""] + shownLevels.map { _ in "" }))
        }
        for step in steps {
            xs.append(px(step.targetDay))
            var title = "\(step.targetDay.iso): forecast \(NumberFormat.currency(step.point))"
            var cells = [step.targetDay.iso, "", NumberFormat.currency(step.point)]
            for level in shownLevels {
                if let interval = step.interval(level) {
                    let range = "\(NumberFormat.currency(interval.lower))–\(NumberFormat.currency(interval.upper))"
                    title += ", \(levelLabel(level)) \(range)"
                    cells.append(range)
                } else {
                    cells.append("")
                }
            }
            titles.append(title)
            rows.append(DataTable.Row(cells))
        }
        frame.drawHoverColumns(xs, titles: titles, on: &canvas)

        let summary = priceSummary(candles: candles, forecast: forecast, instrument: instrument)
        let columns = ["Day", "Open", "Forecast"] + shownLevels.map { "\(levelLabel($0)) interval" }
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(columns: columns, rows: rows))
    }

    /// "SOL-USD opened at $190 on 2025-01-05 … is forecast to open at $196 on 2025-01-15, 80 % interval $170–$221."
    static func priceSummary(candles: [Candle], forecast: SiteContent.Forecast?, instrument: String) -> String {
        var parts: [String] = []
        if let first = candles.first, let last = candles.last {
            parts.append(
                "\(instrument) opened at \(NumberFormat.roundedCurrency(last.open)) on \(last.day.iso), "
                    + "\(NumberFormat.signedPercent(last.open / first.open - 1)) since \(first.day.iso).")
        }
        if let forecast, let final = forecast.steps.last {
            var sentence =
                "\(instrument) is forecast to open at \(NumberFormat.roundedCurrency(final.point)) on \(final.targetDay.iso)"
            if let interval = final.intervals.first {
                sentence +=
                    ", \(levelLabel(interval.level)) interval \(NumberFormat.roundedCurrency(interval.lower))–\(NumberFormat.roundedCurrency(interval.upper))"
            }
            parts.append(sentence + ".")
        }
        return parts.isEmpty ? "No \(instrument) prices are stored yet." : parts.joined(separator: " ")
    }

    /// Enough decimals that neighbouring tick labels differ ($0.50 vs $0.75, $100 vs $150).
    static func tickDecimals(_ ticks: [Double]) -> Int {
        guard ticks.count > 1 else { return 0 }
        let step = abs(ticks[1] - ticks[0])
        if step >= 1 { return 0 }
        if step >= 0.1 { return 1 }
        if step >= 0.01 { return 2 }
        return 4
    }

    /// A framed placeholder that still has a title and description, for charts without data.
    static func emptyChart(id: String, title: String, summary: String) -> String {
        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: 120)
        canvas.rect(x: 0.5, y: 0.5, width: PlotFrame.standardWidth - 1, height: 119, class: "empty-frame")
        canvas.text("Not yet available", x: PlotFrame.standardWidth / 2, y: 66, class: "empty-label", anchor: .middle)
        return canvas.finish(id: id, title: title, description: summary)
    }
}
