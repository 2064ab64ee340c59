import Foundation

/// A UTC calendar day, the primary key of every feature group and of the forecast ledger.
///
/// Stored as whole days since 1970-01-01 so arithmetic and ordering are integer operations;
/// written as ISO `YYYY-MM-DD` everywhere a person or a file sees it.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The day containing `date` (UTC).
    public init(containing date: Date) {
        self.init(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// The day starting at `timestamp` seconds; nil unless the timestamp is exactly 00:00 UTC.
    public init?(midnightTimestamp timestamp: Int) {
        guard timestamp % 86_400 == 0 else { return nil }
        self.init(daysSinceEpoch: timestamp / 86_400)
    }

    /// Parses `YYYY-MM-DD` (proleptic Gregorian, UTC); nil for anything else.
    ///
    /// Reads the ten bytes directly: the store parses one of these per stored row on every read, and
    /// splitting the text into parts was most of the site build's time on long histories.
    public init?(iso text: some StringProtocol) {
        let parsed =
            text.utf8.withContiguousStorageIfAvailable(Day.parseISO)
            ?? Array(text.utf8).withUnsafeBufferPointer(
                Day.parseISO)
        guard let (year, month, day) = parsed else { return nil }
        self.init(daysSinceEpoch: Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Parses the UTF-8 bytes of `YYYY-MM-DD`, as `init(iso:)` does its text (the store reads days from
    /// SQLite's bytes without making a string of each).
    public init?(isoUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let (year, month, day) = Day.parseISO(bytes) else { return nil }
        self.init(daysSinceEpoch: Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Year, month and day of exactly `DDDD-DD-DD` (ASCII digits), when they name a real date.
    private static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year)
        else { return nil }
        return (year, month, day)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// Seconds since the epoch at 00:00 UTC of this day.
    public var timestamp: Int { daysSinceEpoch * 86_400 }
    public var startDate: Date { Date(timeIntervalSince1970: TimeInterval(timestamp)) }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }
    public func days(since other: Day) -> Int { daysSinceEpoch - other.daysSinceEpoch }

    public var components: (year: Int, month: Int, day: Int) { Day.civil(fromDays: daysSinceEpoch) }

    /// `YYYY-MM-DD`, built by hand: it is on the site build's hot path, where `String(format:)` cost 11 %.
    public var iso: String {
        let (y, m, d) = components
        guard (0...9999).contains(y) else { return String(format: "%04d-%02d-%02d", y, m, d) }
        let digits: [UInt8] = [
            UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 45,
            UInt8(48 + m / 10), UInt8(48 + m % 10), 45, UInt8(48 + d / 10), UInt8(48 + d % 10),
        ]
        return String(decoding: digits, as: UTF8.self)
    }

    /// Appends the UTF-8 of `iso` to `bytes` without making the string (the ledger's chain check writes
    /// three days for every row).
    public func appendISO(to bytes: inout [UInt8]) {
        let (y, m, d) = components
        guard (0...9999).contains(y) else { return bytes.append(contentsOf: iso.utf8) }
        let digits = (
            UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10),
            UInt8(ascii: "-"), UInt8(48 + m / 10), UInt8(48 + m % 10), UInt8(ascii: "-"), UInt8(48 + d / 10),
            UInt8(48 + d % 10)
        )
        withUnsafeBytes(of: digits) { bytes.append(contentsOf: $0) }
    }

    public var description: String { iso }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a day as YYYY-MM-DD, got \"\(text)\"")
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    // Howard Hinnant's civil-from-days algorithms: exact for any proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
