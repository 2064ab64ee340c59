import ForesiteCore

extension Chart {
    /// Relative WIS by horizon, one line per model, against the reference line at 1.0 (persistence).
    /// A filled point is a difference the Diebold–Mariano test finds at 5 %; a hollow one could be luck.
    public static func relativeSkill(id: String, tables: [SiteContent.SkillTable], source: String) -> ChartFigure {
        let title = "Relative WIS by horizon (\(source)): model ÷ persistence"
        let horizons = Array(Set(tables.flatMap { $0.horizons.compactMap(\.horizon) })).sorted()
        let finite = tables.flatMap { $0.horizons.map(\.relativeWIS) }.filter(\.isFinite)
        guard !horizons.isEmpty, !finite.isEmpty else {
            let summary = "Not yet available: no \(source) forecast has been scored against persistence."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: 280)
        var frame = PlotFrame.standard(height: 280, leftMargin: 52)
        let legend =
            tables.enumerated().map { (label: $0.element.model, swatch: "series-\($0.offset % 6)") }
            + [(label: "1.0 = persistence", swatch: "reference-swatch")]
        frame.top += Double(frame.legendRows(legend) - 1) * PlotFrame.legendRowHeight
        let (y, ticks) = LinearScale.vertical(
            covering: finite + [1, (finite.min() ?? 1) - 0.05, (finite.max() ?? 1) + 0.05], top: frame.top,
            bottom: frame.bottom, tickCount: 5)
        frame.drawYAxis(ticks, scale: y, on: &canvas) { NumberFormat.compact($0, decimals: 2) }
        let slot = frame.width / Double(horizons.count)
        func px(_ horizon: Int) -> Double { frame.left + slot * (Double(horizons.firstIndex(of: horizon)!) + 0.5) }
        canvas.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, class: "baseline")
        for horizon in horizons {
            canvas.text("\(horizon) d", x: px(horizon), y: frame.bottom + 18, class: "tick", anchor: .middle)
        }
        canvas.line(x1: frame.left, y1: y(1), x2: frame.right, y2: y(1), class: "reference")
        for (index, table) in tables.enumerated() {
            let series = "series-\(index % 6)"
            let points = table.horizons.filter { $0.horizon != nil && $0.relativeWIS.isFinite }
            canvas.polyline(points.map { (px($0.horizon!), y($0.relativeWIS)) }, class: "series \(series)")
            for comparison in points {
                let significant = comparison.verdict == .better || comparison.verdict == .worse
                canvas.circle(
                    cx: px(comparison.horizon!), cy: y(comparison.relativeWIS), r: 4.5,
                    class: "skill-point \(series)\(significant ? " significant" : "")",
                    title:
                        "\(table.model), \(comparison.horizon!) d: relative WIS "
                        + "\(SkillWording.relative(comparison.relativeWIS)), \(SkillWording.verdict(comparison))")
            }
        }
        frame.drawLegend(legend, on: &canvas)

        let summary = tables.map { table in
            let values = table.horizons.map(\.relativeWIS).filter(\.isFinite)
            let significant = table.horizons.filter { $0.verdict == .better || $0.verdict == .worse }.count
            return "\(table.model)'s relative WIS runs from \(SkillWording.relative(values.min() ?? .nan)) to "
                + "\(SkillWording.relative(values.max() ?? .nan)) across \(table.horizons.count) horizons, "
                + "\(significant) of them distinguishable from persistence at the 5 % level"
        }.joined(separator: "; ")
        let sentence =
            "Below 1.0 the model beats persistence; filled points differ from it at the 5 % level, hollow ones "
            + "could be luck. " + summary + "."
        let rows = horizons.map { horizon in
            DataTable.Row(
                ["\(horizon) d"]
                    + tables.map { table in
                        table.horizons.first { $0.horizon == horizon }.map {
                            "\(SkillWording.relative($0.relativeWIS)) (\(SkillWording.verdict($0)))"
                        } ?? "–"
                    })
        }
        return ChartFigure(
            id: id, title: title, summary: sentence,
            svg: canvas.finish(id: id, title: title, description: sentence),
            table: DataTable(columns: ["Horizon"] + tables.map { "\($0.model) relative WIS" }, rows: rows))
    }

    /// The model's observed interval coverage per horizon against the nominal level (dashed line):
    /// calibrated intervals sit on their line.
    public static func coverage(id: String, comparisons: [SkillComparison], source: String) -> ChartFigure {
        let title = "Interval coverage by horizon (\(source))"
        let rows = comparisons.filter { $0.horizon != nil }
        let levels = Array(Set(rows.flatMap { $0.model.coverage.map(\.level) })).sorted()
        guard !rows.isEmpty, !levels.isEmpty else {
            let summary = "Not yet available: no \(source) interval coverage has been measured."
            return ChartFigure(
                id: id, title: title, summary: summary, svg: emptyChart(id: id, title: title, summary: summary),
                table: DataTable(columns: [], rows: []))
        }
        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: 260)
        let frame = PlotFrame.standard(height: 260, leftMargin: 52)
        let y = LinearScale(domain: 0...1, start: frame.bottom, end: frame.top)
        frame.drawYAxis([0, 0.25, 0.5, 0.75, 1], scale: y, on: &canvas) { NumberFormat.percent($0) }
        let slot = frame.width / Double(rows.count)
        for level in levels {
            canvas.line(
                x1: frame.left, y1: y(level), x2: frame.right, y2: y(level),
                class: "nominal nominal-\(levelClass(level))")
        }
        for (index, row) in rows.enumerated() {
            let center = frame.left + slot * (Double(index) + 0.5)
            for item in row.model.coverage {
                canvas.circle(
                    cx: center, cy: y(item.observed), r: 5, class: "point coverage-\(levelClass(item.level))",
                    title:
                        "\(row.horizon!) d: \(NumberFormat.percent(item.observed)) inside the \(levelLabel(item.level)) interval"
                )
            }
            canvas.text("\(row.horizon!) d", x: center, y: frame.bottom + 18, class: "tick", anchor: .middle)
        }
        frame.drawLegend(levels.map { ("\(levelLabel($0)) interval", "coverage-\(levelClass($0))") }, on: &canvas)
        let summary = levels.map { level in
            let observed = rows.compactMap { $0.model.coverage(level: level) }
            let low = NumberFormat.percent(observed.min() ?? 0)
            let high = NumberFormat.percent(observed.max() ?? 0)
            return "the \(levelLabel(level)) interval held the actual in \(low)–\(high) of cases"
        }.joined(separator: "; ")
        let sentence = "Across horizons, " + summary + "."
        let table = rows.map { row in
            DataTable.Row(
                ["\(row.horizon!) d"]
                    + levels.map { level in row.model.coverage(level: level).map { NumberFormat.percent($0) } ?? "–" })
        }
        return ChartFigure(
            id: id, title: title, summary: sentence, svg: canvas.finish(id: id, title: title, description: sentence),
            table: DataTable(columns: ["Horizon"] + levels.map { "\(levelLabel($0)) coverage" }, rows: table))
    }
}
