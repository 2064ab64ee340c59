import ForesiteCore
import Testing

@testable import ForesiteSite

@Suite("Date axes adapt to the span")
struct DateTicksTests {
    let start = Day(iso: "2024-03-13")!

    @Test(
        "step grows with the span",
        arguments: [
            (5, DateTicks.Step.days(1)), (10, .days(2)), (30, .weeks(1)), (60, .weeks(2)), (120, .months(1)),
            (400, .months(3)), (800, .months(6)), (1500, .years(1)), (3650, .years(2)),
        ])
    func stepForSpan(days: Int, expected: DateTicks.Step) {
        #expect(DateTicks.step(from: start, to: start.adding(days: days), maxCount: 6) == expected)
    }

    @Test("ticks stay inside the span and never exceed the budget", arguments: [6, 30, 120, 365, 1200, 3650])
    func ticksInsideSpan(days: Int) {
        let end = start.adding(days: days)
        let ticks = DateTicks.ticks(from: start, to: end, maxCount: 6)
        #expect(!ticks.isEmpty)
        #expect(ticks.count <= 6)
        #expect(ticks.allSatisfy { $0.day >= start && $0.day <= end })
        #expect(ticks.map(\.day) == ticks.map(\.day).sorted())
    }

    @Test func weekTicksAreMondays() {
        let ticks = DateTicks.ticks(from: start, to: start.adding(days: 35), maxCount: 6)
        // 2024-03-18 was a Monday.
        #expect(ticks.first?.day == Day(iso: "2024-03-18"))
        #expect(ticks.allSatisfy { ($0.day.daysSinceEpoch - 4) % 7 == 0 })
        #expect(ticks.first?.label == "18 Mar")
    }

    @Test func monthTicksStartOnTheFirstAndNameTheYearOnce() {
        let ticks = DateTicks.ticks(from: Day(iso: "2024-11-20")!, to: Day(iso: "2025-03-10")!, maxCount: 6)
        #expect(ticks.map(\.day.iso) == ["2024-12-01", "2025-01-01", "2025-02-01", "2025-03-01"])
        #expect(ticks.map(\.label) == ["Dec 2024", "Jan 2025", "Feb", "Mar"])
    }

    @Test func yearTicksForLongHistories() {
        let ticks = DateTicks.ticks(from: Day(iso: "2019-06-01")!, to: Day(iso: "2024-12-31")!, maxCount: 7)
        #expect(ticks.map(\.label) == ["2020", "2021", "2022", "2023", "2024"])
    }

    @Test func singleDayGivesOneTick() {
        let ticks = DateTicks.ticks(from: start, to: start)
        #expect(ticks.map(\.day) == [start])
    }
}
