import ForesiteCore
import Testing

@testable import ForesiteSite

@Suite struct AccuracyPageOrderTests {
    /// The store may return backtest tables alphabetically; drift must not head the backtest.
    @Test func modelsComeBeforeBaselinesWhateverTheStoredOrder() throws {
        let backtest = try #require(SiteFixture.content().backtest)
        let template = try #require(backtest.tables.first)
        let stored = ["drift", "lstm-returns", "lstm-seed"].map { name in
            var table = template
            table.model = name
            return table
        }
        #expect(AccuracyPage.ordered(stored).map(\.model) == ["lstm-returns", "lstm-seed", "drift"])
    }
}
