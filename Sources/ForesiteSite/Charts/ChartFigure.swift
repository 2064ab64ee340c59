/// One chart as the pages show it: inline SVG plus the words and numbers behind it.
///
/// The SVG is markup Foresite generated (every external string inside it is escaped), so templates may
/// insert it unescaped with `{{{svg}}}`; everything else is plain text that Mustache escapes.
public struct ChartFigure: Hashable, Sendable {
    /// The figure's anchor on its page, e.g. `price-chart`; SVG ids inside start with it.
    public var id: String
    public var title: String
    /// One or two sentences stating what the chart shows with its actual numbers (also the SVG `<desc>`).
    public var summary: String
    public var svg: String
    /// The chart's numbers, shown in a collapsible table beside it.
    public var table: DataTable

    public init(id: String, title: String, summary: String, svg: String, table: DataTable) {
        self.id = id
        self.title = title
        self.summary = summary
        self.svg = svg
        self.table = table
    }
}

/// A table of already formatted cells; Mustache escapes every cell.
public struct DataTable: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var cells: [String]
        public init(_ cells: [String]) { self.cells = cells }
    }

    public var columns: [String]
    public var rows: [Row]

    public init(columns: [String], rows: [Row]) {
        self.columns = columns
        self.rows = rows
    }

    public var isEmpty: Bool { rows.isEmpty }
}
