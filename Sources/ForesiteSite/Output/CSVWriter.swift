/// RFC 4180 CSV text: fields with commas, quotes or line breaks are quoted, quotes doubled.
///
/// Fields are appended one at a time rather than as arrays of strings: the feature-group downloads hold
/// every stored day, so this writer runs once per field of the whole history on every build.
struct CSVWriter {
    private(set) var text = ""
    private var atRowStart = true

    init(header: [String], expectedRows: Int = 0) {
        text.reserveCapacity((expectedRows + 1) * 16 * max(1, header.count))
        append(header)
    }

    mutating func append(_ fields: [String]) {
        for value in fields { field(value) }
        endRow()
    }

    mutating func field(_ value: String) {
        separate()
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            text += value
            return
        }
        text += "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Shortest text that reads back as the same Double ("196.5", not "196.50000000000003"); empty when
    /// not finite.
    mutating func number(_ value: Double) {
        separate()
        if value.isFinite { value.write(to: &text) }
    }

    mutating func endRow() {
        text += "\r\n"
        atRowStart = true
    }

    private mutating func separate() {
        if !atRowStart { text += "," }
        atRowStart = false
    }

    /// The same text as `number(_:)` writes, for callers that build a field list.
    static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "" }
}
