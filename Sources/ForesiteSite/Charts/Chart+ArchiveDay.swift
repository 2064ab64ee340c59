import ForesiteCore

extension Chart {
    /// One day's forecasts: each model's median from the origin's price out to the last horizon, the
    /// published model's 80 % interval as a band, and the price that followed as far as it is known.
    public static func archiveDay(
        id: String, day: SiteContent.ArchiveDay, instrument: String, style: ValueStyle = .price
    ) -> ChartFigure {
        let title = "\(instrument) forecasts made on \(day.madeOn.iso) against what happened"
        let steps = day.forecasts.flatMap(\.steps)
        guard let last = steps.map(\.targetDay).max(), day.reference.isFinite else {
            let summary = "Not yet available: no forecast was recorded on this day."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: 300)
        var frame = PlotFrame.standard(height: 300, leftMargin: 64)
        let publishedForecast = day.forecasts.first { $0.model == day.published }
        var legend = [(label: "Actual", swatch: "history")]
        legend += day.forecasts.enumerated().map {
            (
                label: $0.element.model.rawValue + ($0.element.model == day.published ? " (published)" : ""),
                swatch: "series-\($0.offset % 6)"
            )
        }
        if publishedForecast != nil { legend.append((label: "Published 80 % interval", swatch: "fan-l80")) }
        frame.top += Double(frame.legendRows(legend) - 1) * PlotFrame.legendRowHeight
        let actuals = day.actuals.filter { $0.key > day.origin && $0.key <= last }.sorted { $0.key < $1.key }
        var values = [day.reference] + steps.map(\.median) + actuals.map(\.value)
        values +=
            publishedForecast?.steps.compactMap { $0.forecast.interval(level: 0.8) }.flatMap { [$0.lower, $0.upper] }
            ?? []
        let (y, ticks) = LinearScale.vertical(covering: values, top: frame.top, bottom: frame.bottom, tickCount: 5)
        let x = frame.xScale(from: day.origin, to: last)
        func px(_ day: Day) -> Double { x(Double(day.daysSinceEpoch)) }
        frame.drawYAxis(ticks, scale: y, on: &canvas) { style.format($0, decimals: tickDecimals(ticks)) }
        frame.drawDateAxis(from: day.origin, to: last, scale: x, on: &canvas, maxTicks: 6)
        let start = (px(day.origin), y(day.reference))
        if let published = publishedForecast {
            let bands = published.steps.compactMap { step in
                step.forecast.interval(level: 0.8).map { (step.targetDay, $0) }
            }
            canvas.polygon(
                [start] + bands.map { (px($0.0), y($0.1.upper)) } + bands.reversed().map { (px($0.0), y($0.1.lower)) },
                class: "fan fan-l80")
        }
        for (index, forecast) in day.forecasts.enumerated() {
            let isPublished = forecast.model == day.published
            canvas.polyline(
                [start] + forecast.steps.map { (px($0.targetDay), y($0.median)) },
                class: "series series-\(index % 6)" + (isPublished ? " published" : " thin"))
        }
        canvas.polyline([start] + actuals.map { (px($0.key), y($0.value)) }, class: "series history")
        canvas.circle(
            cx: start.0, cy: start.1, r: 4, class: "point origin-point",
            title: "\(day.origin.iso): \(style.format(day.reference))")
        frame.drawLegend(legend, on: &canvas)

        let finalDay = last
        let finalActual = day.actuals[finalDay]
        let closest = finalActual.flatMap { actual in
            day.forecasts.compactMap { forecast in
                forecast.steps.first { $0.targetDay == finalDay }.map {
                    (forecast.model.rawValue, abs($0.median - actual))
                }
            }.min { $0.1 < $1.1 }
        }
        var summary =
            "\(day.forecasts.count) models forecast \(instrument) from the \(day.origin.iso) \(style.noun) of "
            + "\(style.format(day.reference)) out to \(finalDay.iso)"
        if let published = day.published { summary += "; \(published) was published" }
        if let finalActual, let closest {
            summary +=
                ". The \(style.noun) on \(finalDay.iso) was \(style.format(finalActual)); \(closest.0)'s median "
                + "came closest (off by \(style.format(closest.1)))."
        } else {
            summary += ". \(actuals.count) of the target days have passed so far."
        }
        let rows = Array(Set(steps.map(\.targetDay))).sorted().map { target in
            DataTable.Row(
                [target.iso, day.actuals[target].map { style.format($0) } ?? "–"]
                    + day.forecasts.map { forecast in
                        forecast.steps.first { $0.targetDay == target }.map { style.format($0.median) } ?? "–"
                    })
        }
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(
                columns: ["Target day", "Actual"] + day.forecasts.map { "\($0.model.rawValue) median" }, rows: rows))
    }
}
