import Foundation

/// Reads the source part of one item of `target:` or `covariates:`: `source:` (default `cryptocompare`,
/// or `csv` when the item gives `url:` or `file:` and no market) and that source's keys.
enum ConfigSeries {
    static let cryptoCompareKeys = ["market", "instrument"]
    static let csvKeys = ["url", "file", "date_column", "columns", "date_format", "timezone"]
    static let commonKeys = ["group", "source", "description"]
    /// What a CryptoCompare item lacks when it has no market or instrument (or no group).
    static let requirement = "a mapping with group, market and instrument"

    /// The keys an item may hold for the source it names (a target also `field`), so a typo is matched
    /// against its own source's keys only.
    static func keys(of item: ConfigNode) throws -> [String] {
        if let value = item.node.mapping?["source"] {
            let key = item.key.isEmpty ? "source" : "\(item.key).source"
            _ = try ConfigNode(node: value, key: key, file: item.file).choice(
                Config.SourceKind.configurable.map(\.rawValue))
        }
        return commonKeys + (kind(of: item) == .csv ? csvKeys : cryptoCompareKeys)
    }

    /// The source an item names, or its default: `csv` when it gives url or file and no market, else
    /// `cryptocompare` (an invalid `source:` is reported when the item is read).
    private static func kind(of item: ConfigNode) -> Config.SourceKind {
        if let source = item.node.mapping?["source"]?.scalar?.string {
            return Config.SourceKind(rawValue: source) ?? .cryptocompare
        }
        let keys = Set((item.node.mapping ?? [:]).keys.compactMap { $0.scalar?.string })
        return !keys.contains("market") && (keys.contains("url") || keys.contains("file")) ? .csv : .cryptocompare
    }

    static func series(group: String, fields: [String: ConfigNode], item: ConfigNode) throws -> Config.Instrument {
        let source = kind(of: item)
        let description = try fields["description"]?.string() ?? ""
        switch source {
        case .csv:
            return Config.Instrument(group: group, csv: try csv(fields, item: item), description: description)
        default:
            func required(_ name: String) throws -> ConfigNode {
                guard let value = fields[name] else { throw item.invalid(requirement) }
                return value
            }
            return Config.Instrument(
                group: group, market: try required("market").nonEmptyString(),
                instrument: try required("instrument").nonEmptyString(), description: description)
        }
    }

    /// A CSV target's `field`: one of its columns; may be left out when it has exactly one.
    static func targetField(_ node: ConfigNode?, csv: Config.CSVSeries, item: ConfigNode) throws -> String {
        guard let node else {
            guard csv.columns.count == 1 else {
                throw item.invalid("a mapping with field: one of its columns (\(csv.columns.joined(separator: ", ")))")
            }
            return csv.columns[0]
        }
        return try node.choice(csv.columns)
    }

    private static func csv(_ fields: [String: ConfigNode], item: ConfigNode) throws -> Config.CSVSeries {
        let location: Config.CSVSeries.Location
        switch (fields["url"], fields["file"]) {
        case (let url?, nil): location = .url(try url.url())
        case (nil, let file?): location = .file(try file.nonEmptyString())
        case (_?, let file?): throw file.invalid("absent when url is given (a CSV series has one location)")
        case (nil, nil): throw item.invalid("a mapping with url or file for source csv")
        }
        guard let columnsNode = fields["columns"] else {
            throw item.invalid("a mapping with columns (the numeric columns to keep) for source csv")
        }
        let dateColumn = try fields["date_column"]?.nonEmptyString() ?? "date"
        var columns: [String] = []
        for node in try columnsNode.items() {
            let column = try node.nonEmptyString()
            guard !column.contains("."), !column.contains(",") else {
                throw node.invalid("a column name without '.' or ','")
            }
            guard column != dateColumn else { throw node.invalid("a column other than the date column") }
            // The series' download has these columns of its own (`day`, …, `complete`).
            guard !["day", "complete"].contains(column) else {
                throw node.invalid("a column name other than day and complete (the download's own columns)")
            }
            guard !columns.contains(column) else { throw node.invalid("listed only once") }
            columns.append(column)
        }
        guard !columns.isEmpty else { throw columnsNode.invalid("a non-empty list of column names") }
        var csv = Config.CSVSeries(location: location, columns: columns)
        csv.dateColumn = dateColumn
        if let node = fields["date_format"] {
            csv.dateFormat = try node.nonEmptyString()
            guard csv.dateFormat == Config.CSVSeries.unixSeconds || readsWholeDays(csv.dateFormat) else {
                throw node.invalid("unix or a date pattern with year, month and day such as yyyy-MM-dd")
            }
        }
        if let node = fields["timezone"] {
            csv.timezone = try node.nonEmptyString()
            guard TimeZone(identifier: csv.timezone) != nil else {
                throw node.invalid("a time zone identifier such as UTC or Europe/Paris")
            }
        }
        return csv
    }

    /// True when `pattern` writes a day and reads it back unchanged (it has year, month and day).
    private static func readsWholeDays(_ pattern: String) -> Bool {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        let sample = Date(timeIntervalSince1970: 981_158_400 + 3_600)  // 2001-02-03 01:00 UTC
        guard let back = formatter.date(from: formatter.string(from: sample)) else { return false }
        return Int(back.timeIntervalSince1970) / 86_400 == 981_158_400 / 86_400
    }
}
