import ForesiteCore
import Foundation

extension Chart {
    /// Value bands of the five classes as alternative.me draws them (0–25, 26–46, 47–54, 55–75, 76–100).
    static let fearGreedBands: [(FearGreedClass, ClosedRange<Double>)] = [
        (.extremeFear, 0...25.5), (.fear, 25.5...46.5), (.neutral, 46.5...54.5), (.greed, 54.5...75.5),
        (.extremeGreed, 75.5...100),
    ]

    /// Fear & Greed over time on its fixed 0–100 scale, over the five class bands.
    public static func fearGreedHistory(id: String, readings: [FearGreedReading], maxPoints: Int = 200)
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
        let shown = thin(readings, limit: maxPoints, day: \.day, value: { Double($0.value) })
        canvas.polyline(
            shown.map { (x(Double($0.day.daysSinceEpoch)), y(Double($0.value))) }, class: "series fear-greed")
        frame.drawLegend(
            FearGreedClass.allCases.map { ($0.label, "fg-\($0.rawValue)") }, on: &canvas)
        frame.drawHoverColumns(
            shown.map { x(Double($0.day.daysSinceEpoch)) },
            titles: shown.map { "\($0.day.iso): \($0.value) (\($0.classification.label))" }, on: &canvas)

        let values = readings.map(\.value)
        let mean = Double(values.reduce(0, +)) / Double(values.count)
        let summary =
            "Fear & Greed from \(first.day.iso) to \(last.day.iso): \(last.value) (\(last.classification.label)) "
            + "on the last day, between \(values.min()!) and \(values.max()!), averaging \(NumberFormat.compact(mean, decimals: 0))."
        let rows = shown.reversed().map {
            DataTable.Row([$0.day.iso, "\($0.value)", $0.classification.label])
        }
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(columns: ["Day", "Value", "Class"], rows: rows))
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
