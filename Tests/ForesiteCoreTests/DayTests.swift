import Foundation
import Testing

@testable import ForesiteCore

struct DayTests {
    @Test(arguments: [
        ("1970-01-01", 0), ("2000-02-29", 11_016), ("2024-12-23", 20_080), ("1969-12-31", -1), ("2100-03-01", 47_541),
    ])
    func isoRoundTrip(text: String, days: Int) throws {
        let day = try #require(Day(iso: text))
        #expect(day.daysSinceEpoch == days)
        #expect(day.iso == text)
    }

    @Test(arguments: [
        "2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024-01-32", "", "2024-01-01T00:00", "2024-+1-01",
        "２０２４-01-01",
    ])
    func rejectsMalformed(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func midnightTimestampsOnly() {
        #expect(Day(midnightTimestamp: 1_734_912_000)?.iso == "2024-12-23")
        #expect(Day(midnightTimestamp: 1_734_912_001) == nil)
    }

    @Test func everyDayOfFourCenturiesRoundTrips() {
        for n in -200_000...200_000 {
            let day = Day(daysSinceEpoch: n)
            let (y, m, d) = day.components
            #expect(Day.daysFromCivil(year: y, month: m, day: d) == n)
        }
    }
}
