import ForesiteCore

/// The drawing area of a chart inside its SVG, with the axis, legend and hover helpers every chart shares.
struct PlotFrame {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    static let standardWidth = 800.0
    static let standardHeight = 340.0

    /// The usual frame: room for price labels on the left, dates below, a legend row on top.
    static func standard(width: Double = standardWidth, height: Double = standardHeight, leftMargin: Double = 70)
        -> PlotFrame
    {
        PlotFrame(left: leftMargin, top: 36, right: width - 16, bottom: height - 32)
    }

    var width: Double { right - left }
    var height: Double { bottom - top }

    func xScale(from: Day, to: Day) -> LinearScale {
        LinearScale(
            domain: Double(from.daysSinceEpoch)...Double(max(to.daysSinceEpoch, from.daysSinceEpoch + 1)),
            start: left, end: right)
    }

    /// Horizontal grid lines and their labels at `ticks`.
    func drawYAxis(_ ticks: [Double], scale: LinearScale, on canvas: inout SVGCanvas, label: (Double) -> String) {
        canvas.openGroup(class: "axis y-axis")
        for tick in ticks {
            let y = scale(tick)
            canvas.line(x1: left, y1: y, x2: right, y2: y, class: "grid")
            canvas.text(label(tick), x: left - 6, y: y + 4, class: "tick", anchor: .end)
        }
        canvas.closeGroup()
    }

    /// Date ticks along the bottom, adapted to the span.
    func drawDateAxis(from: Day, to: Day, scale: LinearScale, on canvas: inout SVGCanvas, maxTicks: Int = 6) {
        canvas.openGroup(class: "axis x-axis")
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, class: "baseline")
        for tick in DateTicks.ticks(from: from, to: to, maxCount: maxTicks) {
            let x = scale(Double(tick.day.daysSinceEpoch))
            canvas.line(x1: x, y1: bottom, x2: x, y2: bottom + 4, class: "tick-mark")
            canvas.text(tick.label, x: x, y: bottom + 18, class: "tick", anchor: .middle)
        }
        canvas.closeGroup()
    }

    /// The legend above the plot: a swatch and a label per entry, wrapping onto further rows of
    /// `legendRowHeight` when an entry would pass the right edge (see `legendRows`).
    func drawLegend(_ entries: [(label: String, swatch: String)], on canvas: inout SVGCanvas) {
        canvas.openGroup(class: "legend")
        for (entry, position) in zip(entries, legendPositions(entries)) {
            canvas.rect(x: position.x, y: position.y, width: 14, height: 12, class: "swatch \(entry.swatch)")
            canvas.text(entry.label, x: position.x + 19, y: position.y + 11, class: "legend-label")
        }
        canvas.closeGroup()
    }

    static let legendRowHeight = 18.0

    /// Rows the legend takes; a chart with more than one moves its plot down by the extra rows.
    func legendRows(_ entries: [(label: String, swatch: String)]) -> Int {
        Int(((legendPositions(entries).last?.y ?? 9) - 9) / Self.legendRowHeight) + 1
    }

    private func legendPositions(_ entries: [(label: String, swatch: String)]) -> [(x: Double, y: Double)] {
        var x = left
        var y = 9.0
        var positions: [(x: Double, y: Double)] = []
        for entry in entries {
            let width = 19 + Double(entry.label.count) * 8
            if x > left && x + width > right {
                x = left
                y += Self.legendRowHeight
            }
            positions.append((x, y))
            x += width + 18
        }
        return positions
    }

    /// Invisible full-height columns, one per point, each with a `<title>`: hovering anywhere above a date
    /// shows its values without JavaScript (and gives the optional crosshair script something to follow).
    func drawHoverColumns(_ xs: [Double], titles: [String], on canvas: inout SVGCanvas) {
        guard !xs.isEmpty else { return }
        canvas.openGroup(class: "hover")
        for index in xs.indices {
            let lower = index == 0 ? left : (xs[index - 1] + xs[index]) / 2
            let upper = index == xs.count - 1 ? right : (xs[index] + xs[index + 1]) / 2
            canvas.rect(x: lower, y: top, width: upper - lower, height: height, class: "hit", title: titles[index])
        }
        canvas.closeGroup()
    }
}
