import ForesiteCore

extension Chart {
    /// Several instruments rebased to 100 on their first common day, so their trends compare directly
    /// (the original project's SOL-vs-BTC trend chart).
    public static func relativePerformance(
        id: String, series: [(label: String, candles: [Candle])], maxPoints: Int = 200
    ) -> ChartFigure {
        let labels = series.map(\.label)
        let title = "\(labels.joined(separator: " vs ")), rebased to 100"
        let byDay = series.map {
            Dictionary($0.candles.map { ($0.day, $0.open) }, uniquingKeysWith: { _, last in last })
        }
        let commonDays =
            series.first.map { first in
                first.candles.map(\.day).filter { day in byDay.allSatisfy { $0[day] != nil } }
            } ?? []
        guard series.count >= 2, let firstDay = commonDays.first, let lastDay = commonDays.last, firstDay < lastDay
        else {
            let summary = "Not yet available: \(labels.joined(separator: " and ")) have no common history."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        let rebased: [[Double]] = byDay.map { prices in
            let base = prices[firstDay]!
            return commonDays.map { 100 * prices[$0]! / base }
        }
        // Thin on the first series' shape, then keep the same days for every series so the columns align.
        let xs = commonDays.map { Double($0.daysSinceEpoch) }
        var keep = Set(Downsampling.lttb(x: xs, y: rebased[0], threshold: maxPoints))
        for values in rebased.dropFirst() where commonDays.count > maxPoints {
            if let low = values.indices.min(by: { values[$0] < values[$1] }) { keep.insert(low) }
            if let high = values.indices.max(by: { values[$0] < values[$1] }) { keep.insert(high) }
        }
        let indices = keep.sorted()

        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: PlotFrame.standardHeight)
        var frame = PlotFrame.standard(leftMargin: 52)
        // Six colours, then the same six dashed; the legend wraps and pushes the plot down.
        let legend = labels.enumerated().map { index, label in
            (label: label, swatch: "series-\(index % 6)")
        }
        frame.top += Double(frame.legendRows(legend) - 1) * PlotFrame.legendRowHeight
        let (y, ticks) = LinearScale.vertical(
            covering: indices.flatMap { index in rebased.map { $0[index] } }, top: frame.top, bottom: frame.bottom)
        let x = frame.xScale(from: firstDay, to: lastDay)
        frame.drawYAxis(ticks, scale: y, on: &canvas) { NumberFormat.grouped($0, decimals: tickDecimals(ticks)) }
        frame.drawDateAxis(from: firstDay, to: lastDay, scale: x, on: &canvas)
        canvas.line(x1: frame.left, y1: y(100), x2: frame.right, y2: y(100), class: "reference")
        for (index, values) in rebased.enumerated() {
            canvas.polyline(
                indices.map { (x(xs[$0]), y(values[$0])) },
                class: "series series-\(index % 6)" + (index >= 6 ? " dashed" : ""))
        }
        frame.drawLegend(legend, on: &canvas)
        frame.drawHoverColumns(
            indices.map { x(xs[$0]) },
            titles: indices.map { index in
                "\(commonDays[index].iso): "
                    + zip(labels, rebased).map { "\($0) \(NumberFormat.compact($1[index], decimals: 1))" }
                    .joined(separator: ", ")
            }, on: &canvas)

        let changes = zip(labels, rebased).map {
            "\($0) \(NumberFormat.signedPercent($1.last! / 100 - 1, decimals: 0))"
        }
        let summary =
            "From \(firstDay.iso) to \(lastDay.iso), rebased to 100 on the first day: "
            + changes.joined(separator: ", ") + "."
        let rows = indices.reversed().map { index in
            DataTable.Row([commonDays[index].iso] + rebased.map { NumberFormat.compact($0[index], decimals: 1) })
        }
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(columns: ["Day"] + labels, rows: rows))
    }
}
