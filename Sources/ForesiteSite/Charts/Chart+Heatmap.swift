import ForesiteCore

extension Chart {
    /// Pairs the heatmap's description lists one by one (four series); beyond, it names the extremes.
    static let summaryPairLimit = 6

    /// A correlation matrix as coloured cells: blue-ish for positive, red-ish for negative, stronger
    /// colour for larger |r| (the stylesheet picks the hues).
    public static func correlationHeatmap(
        id: String, labels: [String], matrix: [[Double]], period: String
    ) -> ChartFigure {
        let title = "Correlation of daily changes"
        guard labels.count >= 2, matrix.count == labels.count else {
            let summary = "Not yet available: at least two series with common days are needed."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        let cell = 84.0
        let left = 120.0
        let top = 30.0
        let width = left + cell * Double(labels.count) + 10
        let height = top + cell * Double(labels.count) + 10
        var canvas = SVGCanvas(width: width, height: height)
        for (column, label) in labels.enumerated() {
            canvas.text(label, x: left + cell * (Double(column) + 0.5), y: top - 10, class: "tick", anchor: .middle)
        }
        for (row, label) in labels.enumerated() {
            let cy = top + cell * Double(row)
            canvas.text(label, x: left - 8, y: cy + cell / 2 + 4, class: "tick", anchor: .end)
            for column in labels.indices {
                let r = matrix[row][column]
                canvas.rect(
                    x: left + cell * Double(column) + 1, y: cy + 1, width: cell - 2, height: cell - 2,
                    class: r >= 0 ? "heat heat-positive" : "heat heat-negative",
                    title: "\(labels[row]) and \(labels[column]): r = \(NumberFormat.compact(r, decimals: 2))",
                    opacity: r.isFinite ? 0.12 + 0.88 * min(1, abs(r)) : 0)
                canvas.text(
                    r.isFinite ? String(format: "%.2f", r) : "–", x: left + cell * (Double(column) + 0.5),
                    y: cy + cell / 2 + 5, class: "heat-value", anchor: .middle)
            }
        }
        var pairs: [(text: String, r: Double)] = []
        for row in labels.indices {
            for column in labels.indices where column > row {
                let r = matrix[row][column]
                pairs.append(("\(labels[row]) and \(labels[column]) \(String(format: "%.2f", r))", r))
            }
        }
        let summary: String
        if pairs.count <= summaryPairLimit {
            summary =
                "Pearson correlation of daily changes, \(period): " + pairs.map(\.text).joined(separator: "; ") + "."
        } else {
            // Every pair of many series is a wall of text; name the extremes, the table holds the rest.
            let ranked = pairs.filter { $0.r.isFinite }.sorted { abs($0.r) > abs($1.r) }
            summary =
                "Pearson correlation of daily changes, \(period), for \(pairs.count) pairs of \(labels.count) series: "
                + "most correlated " + ranked.prefix(3).map(\.text).joined(separator: "; ") + "; least correlated "
                + ranked.suffix(2).map(\.text).joined(separator: "; ") + ". Every pair is in the data table."
        }
        let rows = labels.indices.map { row in
            DataTable.Row([labels[row]] + matrix[row].map { $0.isFinite ? String(format: "%.2f", $0) : "–" })
        }
        return ChartFigure(
            id: id, title: title, summary: summary, svg: canvas.finish(id: id, title: title, description: summary),
            table: DataTable(columns: [""] + labels, rows: rows))
    }
}
