import ForesiteCore
import ForesiteTestSupport
import Testing

@testable import ForesiteStore

struct GroupSummaryTests {
    @Test func summariesReportRangesGapsIncompleteDaysAndFreshness() throws {
        let today = StoreFixtures.day("2024-12-23")
        let store = try FeatureStore.inMemory(clock: .at(today))
        var candles = StoreFixtures.candles(from: StoreFixtures.day("2024-12-01"), count: 23)
        candles.removeAll { ["2024-12-05", "2024-12-06", "2024-12-10"].contains($0.day.iso) }
        candles[candles.count - 1].complete = false
        try store.write(command: "backfill") { writer in
            _ = try writer.upsert(candles, into: "solana")
            _ = try writer.upsert(StoreFixtures.fearGreed(from: StoreFixtures.day("2024-12-01"), count: 20))
        }
        let summaries = try store.summaries(today: today)
        #expect(summaries.map(\.group.name) == ["bitcoin", "solana", "fear_greed"])
        let bitcoin = summaries[0]
        #expect(bitcoin.rows == 0 && bitcoin.firstDay == nil && bitcoin.lastUpdate == nil && bitcoin.daysBehind == nil)
        let solana = summaries[1]
        #expect(solana.rows == 20)
        #expect(solana.firstDay?.iso == "2024-12-01" && solana.lastDay?.iso == "2024-12-23")
        #expect(solana.lastCompleteDay?.iso == "2024-12-22")
        #expect(solana.missingDays.map(\.iso) == ["2024-12-05", "2024-12-06", "2024-12-10"])
        #expect(solana.incompleteDays.map(\.iso) == ["2024-12-23"])
        #expect(solana.daysBehind == 0)
        #expect(solana.lastUpdate == "2024-12-23T12:00:00Z")
        let fearGreed = summaries[2]
        #expect(fearGreed.rows == 20 && fearGreed.lastDay?.iso == "2024-12-20" && fearGreed.missingDays.isEmpty)
        #expect(fearGreed.daysBehind == 2)
    }
}
