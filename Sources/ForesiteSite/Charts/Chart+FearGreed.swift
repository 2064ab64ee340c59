import ForesiteCore
import Foundation

extension Chart {
    /// Value bands of the five classes as alternative.me draws them (0–25, 26–46, 47–54, 55–75, 76–100).
    static let fearGreedBands: [(FearGreedClass, ClosedRange<Double>)] = [
        (.extremeFear, 0...25.5), (.fear, 25.5...46.5), (.neutral, 46.5...54.5), (.greed, 54.5...75.5),
        (.extremeGreed, 75.5...100),
    ]

    /// Fear & Greed over time on its fixed 0–100 scale, over the five class bands.
    ///
    /// Up to `dailyLimit` readings are drawn day by day; a longer span is drawn as weekly means (line) with
    /// each week's range (light band), because the daily line over years is mostly noise, and thinning it
    /// would hide the extremes the band keeps. The description says which is shown.
    public static func fearGreedHistory(id: String, readings: [FearGreedReading], dailyLimit: Int = 120)
        -> ChartFigure
    {
        let title = "Fear & Greed Index over time"
        guard let first = readings.first, let last = readings.last else {
            let summary = "No Fear & Greed readings are stored yet."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: 300)
        let frame = PlotFrame.standard(height: 300, leftMargin: 40)
        let y = LinearScale(domain: 0...100, start: frame.bottom, end: frame.top)
        let x = frame.xScale(from: first.day, to: last.day)
        canvas.openGroup(class: "bands")
        for (fgClass, band) in fearGreedBands {
            canvas.rect(
                x: frame.left, y: y(band.upperBound), width: frame.width,
                height: y(band.lowerBound) - y(band.upperBound),
                class: "fg-band fg-\(fgClass.rawValue)", title: "\(fgClass.label): \(bandLabel(band))")
        }
        canvas.closeGroup()
        frame.drawYAxis([0, 25, 50, 75, 100], scale: y, on: &canvas) { NumberFormat.compact($0) }
        frame.drawDateAxis(from: first.day, to: last.day, scale: x, on: &canvas)
        var legend = FearGreedClass.allCases.map { (label: $0.label, swatch: "fg-\($0.rawValue)") }

        let values = readings.map(\.value)
        let mean = Double(values.reduce(0, +)) / Double(values.count)
        let shape: String
        let table: DataTable
        if readings.count <= dailyLimit {
            let points = readings.map { (x(Double($0.day.daysSinceEpoch)), y(Double($0.value))) }
            canvas.polyline(points, class: "series fear-greed")
            frame.drawHoverColumns(
                points.map(\.0), titles: readings.map { "\($0.day.iso): \($0.value) (\($0.classification.label))" },
                on: &canvas)
            shape = "daily readings"
            table = DataTable(
                columns: ["Day", "Value", "Class"],
                rows: readings.reversed().map { DataTable.Row([$0.day.iso, "\($0.value)", $0.classification.label]) })
        } else {
            let weeks = FearGreedWeek.weeks(readings)
            let upper = weeks.map { (x($0.middle), y(Double($0.high))) }
            let lower = weeks.map { (x($0.middle), y(Double($0.low))) }
            canvas.polygon(upper + lower.reversed(), class: "fg-range")
            canvas.polyline(weeks.map { (x($0.middle), y($0.mean)) }, class: "series fear-greed")
            frame.drawHoverColumns(
                weeks.map { x($0.middle) },
                titles: weeks.map {
                    "\(weekLabel($0)): mean \(NumberFormat.compact($0.mean, decimals: 0)) "
                        + "(\($0.classification.label)), range \($0.low)–\($0.high)"
                }, on: &canvas)
            legend.append((label: "Weekly range", swatch: "fg-range"))
            shape = "weekly means (line) and each week's lowest to highest reading (band) of \(weeks.count) weeks"
            table = DataTable(
                columns: ["Week", "Mean", "Low", "High", "Class of the mean"],
                rows: weeks.reversed().map {
                    DataTable.Row([
                        weekLabel($0), NumberFormat.compact($0.mean, decimals: 0), "\($0.low)", "\($0.high)",
                        $0.classification.label,
                    ])
                })
        }
        frame.drawLegend(legend, on: &canvas)
        let summary =
            "Fear & Greed from \(first.day.iso) to \(last.day.iso), shown as \(shape): \(last.value) "
            + "(\(last.classification.label)) on the last day, between \(values.min()!) and \(values.max()!), "
            + "averaging \(NumberFormat.compact(mean, decimals: 0))."
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: table)
    }

    /// "2025-01-06 to 2025-01-12" (the days with readings), or the one day of a week with a single reading.
    private static func weekLabel(_ week: FearGreedWeek) -> String {
        week.first == week.last ? week.first.iso : "\(week.first.iso) to \(week.last.iso)"
    }

    /// Today's Fear & Greed as a half-circle dial with the five class segments and a needle.
    public static func fearGreedGauge(id: String, reading: FearGreedReading?) -> ChartFigure {
        let title = "Fear & Greed today"
        guard let reading else {
            let summary = "No Fear & Greed reading is stored yet."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        let width = 240.0
        let height = 150.0
        var canvas = SVGCanvas(width: width, height: height)
        let cx = width / 2
        let cy = 118.0
        let outer = 100.0
        let inner = 64.0
        func point(_ value: Double, _ radius: Double) -> (Double, Double) {
            let angle = Double.pi * (1 - value / 100)
            return (cx + radius * cos(angle), cy - radius * sin(angle))
        }
        func n(_ value: Double) -> String { NumberFormat.coordinate(value) }
        for (fgClass, band) in fearGreedBands {
            let (x0, y0) = point(band.lowerBound, outer)
            let (x1, y1) = point(band.upperBound, outer)
            let (x2, y2) = point(band.upperBound, inner)
            let (x3, y3) = point(band.lowerBound, inner)
            let d =
                "M\(n(x0)),\(n(y0))A\(n(outer)),\(n(outer)) 0 0 1 \(n(x1)),\(n(y1))"
                + "L\(n(x2)),\(n(y2))A\(n(inner)),\(n(inner)) 0 0 0 \(n(x3)),\(n(y3))Z"
            canvas.path(d, class: "fg-band fg-\(fgClass.rawValue)")
        }
        let (nx, ny) = point(Double(reading.value), outer - 4)
        canvas.line(x1: cx, y1: cy, x2: nx, y2: ny, class: "needle")
        canvas.circle(cx: cx, cy: cy, r: 5, class: "needle-hub")
        canvas.text("\(reading.value)", x: cx, y: cy - 22, class: "gauge-value", anchor: .middle)
        canvas.text(reading.classification.label, x: cx, y: cy + 24, class: "gauge-label", anchor: .middle)
        canvas.text("0", x: cx - outer, y: cy + 14, class: "tick", anchor: .middle)
        canvas.text("100", x: cx + outer, y: cy + 14, class: "tick", anchor: .middle)
        let summary = "Fear & Greed on \(reading.day.iso): \(reading.value) of 100, \(reading.classification.label)."
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(
                columns: ["Day", "Value", "Class"],
                rows: [DataTable.Row([reading.day.iso, "\(reading.value)", reading.classification.label])]))
    }

    private static func bandLabel(_ band: ClosedRange<Double>) -> String {
        "\(Int(band.lowerBound.rounded(.up)))–\(Int(band.upperBound.rounded(.down)))"
    }
}
