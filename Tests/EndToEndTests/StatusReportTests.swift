import ForesiteCore
import ForesitePipeline
import ForesiteStore
import ForesiteTestSupport
import Testing

@testable import ForesiteCLI

/// `foresite status` text, from a store with gaps, an incomplete day, a champion and a forecast.
struct StatusReportTests {
    let today = StoreFixtures.day("2024-12-23")

    @Test func reportShowsRangesGapsRejectionsFreshnessModelsAndRuns() throws {
        let store = try FeatureStore.inMemory(clock: .at(today))
        var candles = StoreFixtures.candles(from: StoreFixtures.day("2024-12-01"), count: 23)
        candles.removeAll { ["2024-12-05", "2024-12-06", "2024-12-07", "2024-12-10"].contains($0.day.iso) }
        candles[candles.count - 1].complete = false
        // A row validation refuses: counted per group and listed with its reason (issue 7 item 7).
        var negative = StoreFixtures.flat(StoreFixtures.day("2024-12-10"), price: 10)
        negative.open = -1
        try store.write(command: "backfill") { writer in
            _ = try writer.upsert(candles + [negative], into: "solana")
            _ = try writer.upsert(StoreFixtures.fearGreed(from: StoreFixtures.day("2024-12-01"), count: 22))
        }
        var config = Config()
        config.store.path = "test.sqlite"
        try store.write(command: "train") { writer in
            try writer.register(
                ModelRecord(
                    version: "v1", createdAt: store.timestamp(), targetMode: .returns, configHash: "0000000000000000",
                    artifactPath: "m.json", artifactSHA256: "ab", dataFirstDay: StoreFixtures.day("2024-12-01"),
                    dataLastDay: StoreFixtures.day("2024-12-22"), testFirstDay: StoreFixtures.day("2024-12-18"),
                    testLastDay: StoreFixtures.day("2024-12-22"), testMAE: 1.5, naiveTestMAE: 2.25))
            try writer.promote(version: "v1")
        }
        let report = try StatusReport.make(store: store, config: config, runLimit: 2)
        #expect(
            report.render() == """
                Foresite status on 2024-12-23 (store test.sqlite)

                Feature groups
                  group       rows  first       last        missing  incomplete  rejected  behind  last update
                  bitcoin        0  -           -                 0           0         0       -  never
                  solana        19  2024-12-01  2024-12-23        4           1         1      0d  2024-12-23T12:00:00Z
                  fear_greed    22  2024-12-01  2024-12-22        0           0         0      0d  2024-12-23T12:00:00Z
                  solana missing: 2024-12-05…2024-12-07, 2024-12-10
                  solana incomplete: 2024-12-23
                  rejected solana 2024-12-10: open must be a positive finite price, got -1.0

                Models
                  champion v1 (returns), test MAE 1.5 vs last value 2.25, data 2024-12-01…2024-12-22; 1 registered
                  the model configuration changed since the champion was trained; retrain

                Forecast ledger
                  empty

                Last runs
                  #2 2024-12-23T12:00:00Z train ok: registered model v1; promoted model v1
                  #1 2024-12-23T12:00:00Z backfill partial: solana: 19 inserted, 0 updated, 0 unchanged, 1 rejected; \
                fear_greed: 22 inserted, 0 updated, 0 unchanged, 0 rejected

                """)
    }

    @Test func rejectionsPastTheListedFiveAreCounted() throws {
        let store = try FeatureStore.inMemory(clock: .at(today))
        let bad = (1...7).map { offset in
            var candle = StoreFixtures.flat(StoreFixtures.day("2024-12-01").adding(days: offset), price: 10)
            candle.high = 5
            return candle
        }
        try store.write(command: "backfill") { writer in _ = try writer.upsert(bad, into: "bitcoin") }
        let lines = try StatusReport.make(store: store, config: Config()).render().split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  rejected bitcoin 2024-12-0") }.count == 5)
        #expect(lines.contains("  … and 2 older rejected rows"))
        #expect(lines.contains { $0.hasPrefix("  bitcoin ") && $0.contains("  7  ") })
    }

    @Test func missingStoreSaysHowToStart() throws {
        var config = Config()
        config.store.path = "/nonexistent/foresite.sqlite"
        let report = try StatusReport.make(config: config, clock: .at(today))
        #expect(
            report.render() == """
                Foresite status on 2024-12-23 (store /nonexistent/foresite.sqlite)

                No store yet: run `foresite backfill` to fetch the history.

                """)
    }

    @Test func statusCommandRejectsAMalformedDay() {
        #expect(throws: (any Error).self) {
            _ = try Foresite.parseAsRoot(["status", "--now", "yesterday"])
        }
    }

    @Test func statusCommandRunsAgainstAFileStore() async throws {
        let directory = try TemporaryDirectory()
        let configPath = directory.path("foresite.yml").path
        try "store:\n  path: \(directory.path("store.sqlite").path)\n".write(
            toFile: configPath, atomically: true, encoding: .utf8)
        let command = try #require(
            try Foresite.parseAsRoot(["status", "--config", configPath, "--now", "2024-12-23"]) as? StatusCommand)
        try await command.run()
    }
}
