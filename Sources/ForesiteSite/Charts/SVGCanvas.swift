/// Accumulates SVG elements for one chart; every text and attribute value is escaped on the way in.
///
/// Styling is by class only: the site's CSS maps classes to custom properties, so light and dark mode
/// reach inside the chart without the SVG knowing any colour.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
        body.reserveCapacity(16_384)
    }

    private static func n(_ value: Double) -> String { NumberFormat.coordinate(value) }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, class name: String) {
        body +=
            "<line class=\"\(name)\" x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\"/>"
    }

    mutating func polyline(_ points: [(Double, Double)], class name: String) {
        guard points.count > 1 else { return }
        body += "<path class=\"\(name)\" d=\"\(Self.pathData(points, closed: false))\"/>"
    }

    mutating func polygon(_ points: [(Double, Double)], class name: String) {
        guard points.count > 2 else { return }
        body += "<path class=\"\(name)\" d=\"\(Self.pathData(points, closed: true))\"/>"
    }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, class name: String, title: String? = nil,
        opacity: Double? = nil
    ) {
        body +=
            "<rect class=\"\(name)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\""
        if let opacity { body += " fill-opacity=\"\(NumberFormat.compact(opacity, decimals: 2))\"" }
        if let title {
            body += "><title>\(Markup.escape(title))</title></rect>"
        } else {
            body += "/>"
        }
    }

    mutating func circle(cx: Double, cy: Double, r: Double, class name: String, title: String? = nil) {
        body += "<circle class=\"\(name)\" cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\""
        if let title {
            body += "><title>\(Markup.escape(title))</title></circle>"
        } else {
            body += "/>"
        }
    }

    enum Anchor: String {
        case start, middle, end
    }

    mutating func text(_ content: String, x: Double, y: Double, class name: String = "label", anchor: Anchor = .start) {
        body +=
            "<text class=\"\(name)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor.rawValue)\">\(Markup.escape(content))</text>"
    }

    /// Raw path data for arcs and other shapes the helpers above do not cover.
    mutating func path(_ d: String, class name: String) {
        body += "<path class=\"\(name)\" d=\"\(d)\"/>"
    }

    mutating func openGroup(class name: String) { body += "<g class=\"\(name)\">" }
    mutating func closeGroup() { body += "</g>" }

    /// The finished `<svg>` with `role="img"`, `<title>` and `<desc>` referenced by `aria-labelledby`.
    func finish(id: String, title: String, description: String) -> String {
        let safeID = Markup.escape(id)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\""
        svg += " role=\"img\" aria-labelledby=\"\(safeID)-title \(safeID)-desc\">"
        svg += "<title id=\"\(safeID)-title\">\(Markup.escape(title))</title>"
        svg += "<desc id=\"\(safeID)-desc\">\(Markup.escape(description))</desc>"
        svg += body
        svg += "</svg>"
        return svg
    }

    static func pathData(_ points: [(Double, Double)], closed: Bool) -> String {
        var d = ""
        d.reserveCapacity(points.count * 14)
        for (index, point) in points.enumerated() {
            d += index == 0 ? "M" : "L"
            d += n(point.0)
            d += ","
            d += n(point.1)
        }
        if closed { d += "Z" }
        return d
    }
}
