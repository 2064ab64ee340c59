import ForesiteCore

extension Chart {
    /// Price history (the target `field`, daily) with the latest forecast after it: the median inside its
    /// 50/80/95 % fan, and persistence's median and 80 % interval outlined beside it.
    ///
    /// - Parameters:
    ///   - candles: The history to show, ascending (the caller cuts it to `historyDays`).
    ///   - forecast: Drawn from its origin's reference price; nil shows history only.
    ///   - persistence: Persistence's forecast made the same day, outlined beside it by horizon.
    ///   - instrument: The name used in words, e.g. "SOL-USD".
    ///   - field: "close" or "open", the price plotted and forecast.
    ///   - style: How values are written; a plain series is named by its field.
    public static func priceWithForecast(
        id: String, candles: [Candle], forecast: IssuedForecast?, persistence: IssuedForecast? = nil,
        instrument: String, field: String = "close", style: ValueStyle = .price
    ) -> ChartFigure {
        let fieldName = style.isPrice ? (field == "open" ? "open" : "close") : style.noun
        let price = value(of: field)
        let title = "\(instrument) daily \(fieldName) and \(forecast.map { "\($0.steps.count)-day " } ?? "")forecast"
        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: PlotFrame.standardHeight)
        var frame = PlotFrame.standard()
        let steps = forecast?.steps ?? []
        // Persistence's forecast of each step's target day, if recorded.
        func base(_ step: IssuedForecast.Step) -> QuantileForecast? {
            persistence?.step(horizon: step.horizon)?.forecast
        }
        guard let firstDay = candles.first?.day ?? forecast?.origin else {
            let summary = "No \(instrument) \(style.plural) are stored yet."
            return ChartFigure(
                id: id, title: title, summary: summary,
                svg: emptyChart(id: id, title: title, summary: summary), table: DataTable(columns: [], rows: []))
        }
        let lastDay = steps.last?.targetDay ?? candles.last?.day ?? firstDay
        let levels = QuantileForecast.standardLevels.sorted(by: >)
        let hasPersistence = steps.contains { base($0) != nil }

        var legend: [(label: String, swatch: String)] = [(fieldName.capitalized, "history")]
        if forecast != nil { legend.append(("Median forecast", "forecast")) }
        for level in levels.reversed() { legend.append(("\(levelLabel(level)) interval", "fan-\(levelClass(level))")) }
        if hasPersistence {
            legend += [("Persistence", "persistence"), ("Persistence 80 % interval", "persistence-band")]
        }
        frame.top += Double(frame.legendRows(legend) - 1) * PlotFrame.legendRowHeight

        var values = candles.map(price)
        if let forecast { values.append(forecast.reference) }
        for step in steps {
            values += step.forecast.quantiles.map(\.value)
            if let band = base(step)?.interval(level: 0.8) { values += [band.lower, band.upper] }
        }
        let (y, yTicks) = LinearScale.vertical(covering: values, top: frame.top, bottom: frame.bottom)
        let x = frame.xScale(from: firstDay, to: lastDay)
        func px(_ day: Day) -> Double { x(Double(day.daysSinceEpoch)) }

        frame.drawYAxis(yTicks, scale: y, on: &canvas) { style.format($0, decimals: tickDecimals(yTicks)) }
        frame.drawDateAxis(from: firstDay, to: lastDay, scale: x, on: &canvas)

        if let forecast {
            let originX = px(forecast.origin)
            let start = (originX, y(forecast.reference))
            canvas.line(x1: originX, y1: frame.top, x2: originX, y2: frame.bottom, class: "origin-rule")
            canvas.text("forecast", x: originX + 4, y: frame.top + 12, class: "annotation")
            for level in levels {
                let bands = steps.compactMap { step in step.forecast.interval(level: level).map { (step, $0) } }
                let upper = bands.map { (px($0.0.targetDay), y($0.1.upper)) }
                let lower = bands.map { (px($0.0.targetDay), y($0.1.lower)) }
                canvas.polygon([start] + upper + lower.reversed(), class: "fan fan-\(levelClass(level))")
            }
            let persisted = steps.compactMap { step in base(step).map { (step.targetDay, $0) } }
            if !persisted.isEmpty {
                let bands = persisted.compactMap { day, forecast in forecast.interval(level: 0.8).map { (day, $0) } }
                canvas.polyline([start] + bands.map { (px($0.0), y($0.1.upper)) }, class: "series persistence-band")
                canvas.polyline([start] + bands.map { (px($0.0), y($0.1.lower)) }, class: "series persistence-band")
                canvas.polyline([start] + persisted.map { (px($0.0), y($0.1.median)) }, class: "series persistence")
            }
            canvas.polyline([start] + steps.map { (px($0.targetDay), y($0.median)) }, class: "series forecast")
        }
        canvas.polyline(candles.map { (px($0.day), y(price($0))) }, class: "series history")
        for step in steps {
            canvas.circle(cx: px(step.targetDay), cy: y(step.median), r: 2.5, class: "point forecast-point")
        }
        frame.drawLegend(legend, on: &canvas)

        let shownLevels = Array(levels.reversed())
        var xs: [Double] = []
        var titles: [String] = []
        var rows: [DataTable.Row] = []
        let blanks = Array(repeating: "", count: shownLevels.count + 3)
        for candle in candles {
            xs.append(px(candle.day))
            titles.append("\(candle.day.iso): \(fieldName) \(style.format(price(candle)))")
            rows.append(DataTable.Row([candle.day.iso, style.format(price(candle))] + blanks))
        }
        for step in steps {
            xs.append(px(step.targetDay))
            var title = "\(step.targetDay.iso): median \(style.format(step.median))"
            var cells = [step.targetDay.iso, "", style.format(step.median)]
            for level in shownLevels {
                let range = step.forecast.interval(level: level).map { style.range($0) }
                if let range { title += ", \(levelLabel(level)) \(range)" }
                cells.append(range ?? "")
            }
            let baseline = base(step)
            let baselineRange = baseline?.interval(level: 0.8).map { style.range($0) }
            if let baseline {
                title += "; persistence \(style.format(baseline.median))"
                if let baselineRange { title += ", 80 % \(baselineRange)" }
            }
            cells += [baseline.map { style.format($0.median) } ?? "", baselineRange ?? ""]
            titles.append(title)
            rows.append(DataTable.Row(cells))
        }
        frame.drawHoverColumns(xs, titles: titles, on: &canvas)

        let summary = priceSummary(
            candles: candles, forecast: forecast, persistence: persistence, instrument: instrument, field: field,
            style: style)
        let columns =
            ["Day", fieldName.capitalized, "Median"] + shownLevels.map { "\(levelLabel($0)) interval" }
            + ["Persistence", "Persistence 80 % interval"]
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(columns: columns, rows: rows))
    }

    /// "SOL-USD closed at $190 on 2025-01-05 … is forecast to close at $196 on 2025-01-15 (median), 80 %
    /// interval $170–$221; persistence forecasts $190, 80 % interval $160–$224." A plain series: "river's
    /// level was 51.7 on 2025-01-05 … river's level is forecast at 52.3 on 2025-01-15 (median), …".
    static func priceSummary(
        candles: [Candle], forecast: IssuedForecast?, persistence: IssuedForecast?, instrument: String, field: String,
        style: ValueStyle = .price
    ) -> String {
        let price = value(of: field)
        let past = style.isPrice ? (field == "open" ? "opened at" : "closed at") : "was"
        let subject = style.subject(instrument)
        var parts: [String] = []
        if let first = candles.first, let last = candles.last {
            parts.append(
                "\(subject) \(past) \(style.rounded(price(last))) on \(last.day.iso), "
                    + "\(NumberFormat.signedPercent(price(last) / price(first) - 1)) since \(first.day.iso).")
        }
        if let forecast, let final = forecast.steps.last {
            var sentence =
                "\(subject) is forecast \(style.forecastVerb(field: field)) \(style.rounded(final.median)) on "
                + "\(final.targetDay.iso) (median)"
            if let interval = final.forecast.interval(level: 0.8) {
                sentence += ", 80 % interval \(style.roundedRange(interval))"
            }
            if let persistence = persistence?.step(horizon: final.horizon)?.forecast {
                sentence += "; persistence forecasts \(style.rounded(persistence.median))"
                if let interval = persistence.interval(level: 0.8) {
                    sentence += ", 80 % interval \(style.roundedRange(interval))"
                }
            }
            parts.append(sentence + ".")
        }
        return parts.isEmpty ? "No \(instrument) \(style.plural) are stored yet." : parts.joined(separator: " ")
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
