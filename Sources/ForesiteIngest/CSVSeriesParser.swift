import ForesiteCore
import Foundation

/// Reads a configured CSV series: a header, a date column and numeric columns (`Config.CSVSeries`).
///
/// Strict, because a series that is half understood would corrupt the store: a configured column the
/// header lacks, a date that does not read in the configured format, a cell that is not a finite number, a
/// row with the wrong number of cells or the same day twice fails the whole answer with an `IngestError`
/// naming the line, column and value. Columns are matched by header (surrounding spaces ignored), so order
/// and extra columns do not matter. A row's day is the calendar day its date falls on in the configured
/// time zone; days from `today` on are marked incomplete. Pure, like the other parsers.
public enum CSVSeriesParser {
    public static func rows(from data: Data, format: Config.CSVSeries, source: String, today: Day) throws
        -> [DailyValues]
    {
        let records = try CSVRecords.parse(data, source: source)
        guard let header = records.first, !(header.cells.count == 1 && header.cells[0].isEmpty) else {
            throw IngestError(source: source, reason: .emptyFile)
        }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        let wanted = [format.dateColumn] + format.columns
        let missing = wanted.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw IngestError(source: source, reason: .missingColumns(missing, header: names))
        }
        let dateIndex = names.firstIndex(of: format.dateColumn)!
        let valueIndices = format.columns.map { names.firstIndex(of: $0)! }
        let reader = try DayReader(format: format, source: source)
        var firstLine: [Day: Int] = [:]
        var rows: [DailyValues] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            if record.cells.count == 1 && record.cells[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard record.cells.count == names.count else {
                throw IngestError(
                    source: source,
                    reason: .wrongCellCount(line: record.line, expected: names.count, found: record.cells.count))
            }
            let dateText = record.cells[dateIndex].trimmingCharacters(in: .whitespaces)
            guard let day = reader.day(dateText) else {
                throw IngestError(
                    source: source,
                    reason: .badDate(
                        line: record.line, column: format.dateColumn, value: dateText, format: format.dateFormat))
            }
            if let first = firstLine[day] {
                throw IngestError(
                    source: source, reason: .duplicateDay(day: day.iso, line: record.line, firstLine: first))
            }
            firstLine[day] = record.line
            var values: [String: Double] = [:]
            for (column, index) in zip(format.columns, valueIndices) {
                let text = record.cells[index].trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite else {
                    throw IngestError(
                        source: source, reason: .badNumber(line: record.line, column: column, value: text))
                }
                values[column] = value
            }
            rows.append(DailyValues(day: day, values: values, complete: day < today))
        }
        return rows.sorted { $0.day < $1.day }
    }

    /// Turns a date cell into the day it falls on in the configured time zone.
    private struct DayReader {
        let formatter: DateFormatter?
        let zone: TimeZone
        /// Whether the format is `yyyy-MM-dd`, whose cells are read without Foundation (below).
        let readsISODays: Bool

        init(format: Config.CSVSeries, source: String) throws {
            guard let zone = TimeZone(identifier: format.timezone) else {
                throw IngestError(
                    source: source, reason: .unrecognisedFormat(detail: "unknown time zone \(format.timezone)"))
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            self.zone = zone
            readsISODays = format.dateFormat == Config.CSVSeries.defaultDateFormat
            if format.dateFormat == Config.CSVSeries.unixSeconds {
                formatter = nil
            } else {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.calendar = calendar
                formatter.timeZone = zone
                formatter.dateFormat = format.dateFormat
                formatter.isLenient = false
                // The time of day the pattern lacks is taken from here: noon, which no clock change skips.
                // Left at midnight, a day whose clocks jump from 00:00 to 01:00 (summer time in Santiago,
                // Havana, Asunción) did not parse, and a valid cell failed the whole source.
                formatter.defaultDate = calendar.date(from: DateComponents(year: 2000, month: 1, day: 1, hour: 12))
                self.formatter = formatter
            }
        }

        func day(_ text: String) -> Day? {
            // yyyy-MM-dd names its day whatever the zone (the day holding that date's first instant there), so
            // the cell is the day: read directly, as `DateFormatter` took a third of the demo run's CPU.
            // Years before 1600 go to the formatter, whose calendar is Julian before October 1582.
            if readsISODays, let day = Self.isoDay(text), day.components.year >= 1600 { return day }
            let date: Date
            if let formatter {
                // Foundation's parser accepts other separators ("2024/12/23" for yyyy-MM-dd) even when not
                // lenient: a date counts only if it is written back exactly as the cell has it.
                guard let parsed = formatter.date(from: text), formatter.string(from: parsed) == text else {
                    return nil
                }
                date = parsed
            } else {
                guard let seconds = Double(text), seconds.isFinite, abs(seconds) < 1e12 else { return nil }
                date = Date(timeIntervalSince1970: seconds)
            }
            // The calendar day in the zone: the instant moved by the zone's offset at that instant.
            return Day(containing: date.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: date))))
        }

        private static func isoDay(_ text: String) -> Day? {
            var text = text
            return text.withUTF8 { Day(isoUTF8: $0) }
        }
    }
}
