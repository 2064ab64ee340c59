import Testing

@testable import ForesiteSite

@Suite struct AccuracyPageOrderTests {
    /// The store returns backtest model names alphabetically; "drift" must not become the chart's "model".
    @Test func modelsComeBeforeBaselinesWhateverTheStoredOrder() {
        let stored = ["drift", "lstm-returns", "lstm-seed", "naive", "naive-close"]
        let ordered = AccuracyPage.ordered(stored)
        #expect(ordered == ["lstm-returns", "lstm-seed", "naive", "naive-close", "drift"])
        #expect(ordered.first { !AccuracyPage.baselines.contains($0) } == "lstm-returns")
        #expect(AccuracyPage.ordered(["naive", "lstm"]) == ["lstm", "naive"])
        #expect(AccuracyPage.ordered(["drift", "naive"]) == ["naive", "drift"])
    }
}
