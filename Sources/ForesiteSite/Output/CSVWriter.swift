/// RFC 4180 CSV text: fields with commas, quotes or line breaks are quoted, quotes doubled.
///
/// Fields are appended one at a time rather than as arrays of strings, as UTF-8 bytes rather than a
/// string: the feature-group downloads hold every stored day and the hub export is a file per model and
/// origin (43 000 of them for a year of 20 targets), so this writer runs for every field on every build.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []
    private var atRowStart = true

    init(header: [String], expectedRows: Int = 0) {
        bytes.reserveCapacity((expectedRows + 1) * 16 * max(1, header.count))
        append(header)
    }

    /// The escaped text of `fields` joined by commas, to be written as the next fields with `fragment`:
    /// a hub forecast's seven rows share their first four fields, escaped once.
    static func fragment(_ fields: [String]) -> [UInt8] {
        var writer = CSVWriter()
        for value in fields { writer.field(value) }
        return writer.bytes
    }

    private init() {}

    /// Appends `fragment` (made by `fragment(_:)`) as the next fields, as `field` would append each.
    mutating func fragment(_ fragment: [UInt8]) {
        separate()
        bytes.append(contentsOf: fragment)
    }

    mutating func append(_ fields: [String]) {
        for value in fields { field(value) }
        endRow()
    }

    mutating func field(_ value: String) {
        separate()
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            bytes.append(contentsOf: value.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Shortest text that reads back as the same Double ("196.5", not "196.50000000000003"); empty when
    /// not finite.
    mutating func number(_ value: Double) {
        separate()
        if value.isFinite { value.appendDescription(to: &bytes) }
    }

    mutating func endRow() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        atRowStart = true
    }

    private mutating func separate() {
        if !atRowStart { bytes.append(UInt8(ascii: ",")) }
        atRowStart = false
    }
}
