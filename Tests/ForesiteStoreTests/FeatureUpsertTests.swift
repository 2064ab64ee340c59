import ForesiteCore
import ForesiteTestSupport
import Testing

@testable import ForesiteStore

/// Upsert of price and Fear & Greed rows: validation, idempotency, replacement of incomplete days.
struct FeatureUpsertTests {
    let today = StoreFixtures.day("2024-12-23")
    var start: Day { StoreFixtures.day("2024-11-01") }

    private func store() throws -> FeatureStore {
        try FeatureStore.inMemory(clock: .at(today))
    }

    @Test func insertsAndReadsBackExactly() throws {
        let store = try store()
        let candles = StoreFixtures.candles(from: start, count: 30)
        let summary = try store.write(command: "backfill") { try $0.upsert(candles, into: "solana") }
        #expect(summary.inserted == 30 && summary.updated == 0 && summary.unchanged == 0 && summary.rejected.isEmpty)
        #expect(try store.candles(group: "solana") == candles)
        #expect(
            try store.candles(group: "solana", from: start.adding(days: 5), to: start.adding(days: 6)) == [
                candles[5], candles[6],
            ])
        #expect(try store.candles(group: "bitcoin").isEmpty)
        #expect(try store.lastCompleteDay(group: "solana") == start.adding(days: 29))
    }

    /// Candles are decoded by position from SQLite's values: an INTEGER where a REAL is stored reads as its
    /// number, a day or a number that is not one (planted behind the constraints' back) is refused naming
    /// the column and the value, not read as something else.
    @Test func storedCandlesAreReadAsTheirValuesAndCorruptOnesAreRefused() throws {
        let store = try store()
        let candles = StoreFixtures.candles(from: start, count: 3)
        _ = try store.write(command: "backfill") { try $0.upsert(candles, into: "solana") }
        try store.database.write { db in
            try db.execute(
                sql: "UPDATE candle SET volume = CAST(volume AS INTEGER) + 0 WHERE day = ?", arguments: [start.iso])
        }
        var expected = candles
        expected[0].volume = expected[0].volume.rounded(.towardZero)
        #expect(try store.candles(group: "solana") == expected)

        try store.database.write { db in
            // Text sorts after every number in SQLite, so these pass the table's CHECKs.
            try db.execute(sql: "UPDATE candle SET open = 'n/a', high = 'n/a' WHERE day = ?", arguments: [start.iso])
        }
        #expect(throws: StoreError.corruptValue(table: "candle", column: "open", value: "n/a")) {
            try store.candles(group: "solana")
        }
        try store.database.write { db in
            try db.execute(sql: "DELETE FROM candle WHERE day = ?", arguments: [start.iso])
            try db.execute(
                sql: "UPDATE candle SET day = '2024-11-31' WHERE day = ?", arguments: [start.adding(days: 1).iso])
        }
        #expect(throws: StoreError.corruptValue(table: "candle", column: "day", value: "2024-11-31")) {
            try store.candles(group: "solana")
        }
        #expect(
            try store.candles(group: "solana", from: start.adding(days: 2), to: start.adding(days: 2)) == [candles[2]])
    }

    @Test func sameInputTwiceLeavesIdenticalContent() throws {
        let store = try store()
        let candles = StoreFixtures.candles(from: start, count: 40)
        let readings = StoreFixtures.fearGreed(from: start, count: 40)
        try store.write(command: "backfill") { writer in
            _ = try writer.upsert(candles, into: "solana")
            _ = try writer.upsert(readings)
        }
        let first = try store.contentHash()
        let (again, fgAgain) = try store.write(command: "backfill") { writer in
            (try writer.upsert(candles, into: "solana"), try writer.upsert(readings))
        }
        #expect(try store.contentHash() == first)
        #expect(again.unchanged == 40 && again.changedRows == 0)
        #expect(fgAgain.unchanged == 40 && fgAgain.changedRows == 0)
        let runs = try store.recentRuns()
        #expect(runs.count == 2)
        #expect(runs[0].changes.map(\.unchanged) == [40, 40])
    }

    @Test func contentHashSeesEveryValueChange() throws {
        let store = try store()
        var candles = StoreFixtures.candles(from: start, count: 3)
        try store.write(command: "a") { _ = try $0.upsert(candles, into: "solana") }
        let before = try store.contentHash()
        candles[1].volume = candles[1].volume.nextUp
        let summary = try store.write(command: "b") { try $0.upsert(candles, into: "solana") }
        #expect(summary.updated == 1 && summary.unchanged == 2)
        #expect(try store.contentHash() != before)
    }

    @Test func incompleteDayIsReplacedByALaterFetch() throws {
        let store = try store()
        let partial = StoreFixtures.flat(today, price: 10, complete: false)
        try store.write(command: "update") { _ = try $0.upsert([partial], into: "solana") }
        #expect(try store.lastCompleteDay(group: "solana") == nil)
        #expect(try store.incompleteDays(group: "solana") == [today])

        let later = try FeatureStore.inMemory(clock: .at(today.adding(days: 1)))
        try later.write(command: "update") { _ = try $0.upsert([partial], into: "solana") }
        var closed = StoreFixtures.flat(today, price: 11)
        closed.high = 12
        let summary = try later.write(command: "update") { try $0.upsert([closed], into: "solana") }
        #expect(summary.updated == 1)
        #expect(try later.candles(group: "solana") == [closed])
        #expect(try later.lastCompleteDay(group: "solana") == today)
        #expect(try later.incompleteDays(group: "solana").isEmpty)
    }

    @Test func theWriterReadsItsOwnUncommittedRows() throws {
        let store = try store()
        let candles = StoreFixtures.candles(from: start, count: 3)
        try store.write(command: "update") { writer in
            _ = try writer.upsert(candles, into: "solana")
            _ = try writer.upsert(StoreFixtures.fearGreed(from: start, count: 2))
            #expect(try writer.candles(group: "solana") == candles)
            #expect(try writer.lastCompleteDay(group: "solana") == start.adding(days: 2))
            #expect(try writer.lastCompleteDay(group: "fear_greed") == start.adding(days: 1))
            #expect(try writer.fearGreed().count == 2)
            #expect(try writer.incompleteDays(group: "solana").isEmpty)
            #expect(try writer.champion() == nil && writer.forecast(madeOn: start, model: "lstm") == nil)
        }
    }

    @Test func completeDayIsNeverDowngradedByAnIncompleteFetch() throws {
        let store = try store()
        let day = today.adding(days: -1)
        try store.write(command: "a") { _ = try $0.upsert([StoreFixtures.flat(day, price: 5)], into: "solana") }
        let summary = try store.write(command: "b") {
            try $0.upsert([StoreFixtures.flat(day, price: 6, complete: false)], into: "solana")
        }
        #expect(summary.unchanged == 1 && summary.updated == 0)
        #expect(try store.candles(group: "solana").first?.open == 5)
    }

    @Test(arguments: [
        (
            Candle(
                day: StoreFixtures.day("2024-12-01"), open: -1, high: 2, low: -2, close: 1, volume: 0, volumeBuy: 0,
                volumeSell: 0),
            "open must be a positive finite price, got -1.0"
        ),
        (
            Candle(
                day: StoreFixtures.day("2024-12-01"), open: .nan, high: 2, low: 1, close: 1, volume: 0, volumeBuy: 0,
                volumeSell: 0),
            "open must be a positive finite price, got nan"
        ),
        (
            Candle(
                day: StoreFixtures.day("2024-12-01"), open: 1, high: .infinity, low: 1, close: 1, volume: 0,
                volumeBuy: 0, volumeSell: 0),
            "high must be a positive finite price, got inf"
        ),
        (
            Candle(
                day: StoreFixtures.day("2024-12-01"), open: 10, high: 9, low: 8, close: 8.5, volume: 1, volumeBuy: 0,
                volumeSell: 1),
            "high 9.0 is below max(open, close) 10.0"
        ),
        (
            Candle(
                day: StoreFixtures.day("2024-12-01"), open: 10, high: 12, low: 10.5, close: 11, volume: 1, volumeBuy: 0,
                volumeSell: 1),
            "low 10.5 is above min(open, close) 10.0"
        ),
        (
            Candle(
                day: StoreFixtures.day("2024-12-01"), open: 10, high: 12, low: 9, close: 11, volume: -1, volumeBuy: 0,
                volumeSell: 0),
            "volume must be a non-negative finite number, got -1.0"
        ),
        (
            Candle(
                day: StoreFixtures.day("2024-12-01"), open: 10, high: 12, low: 9, close: 11, volume: 1, volumeBuy: .nan,
                volumeSell: 0),
            "volume_buy must be a non-negative finite number, got nan"
        ),
        (
            Candle(
                day: StoreFixtures.day("2024-12-24"), open: 10, high: 12, low: 9, close: 11, volume: 1, volumeBuy: 0,
                volumeSell: 1, complete: false),
            "is in the future (today is 2024-12-23)"
        ),
        (
            Candle(
                day: StoreFixtures.day("2024-12-23"), open: 10, high: 12, low: 9, close: 11, volume: 1, volumeBuy: 0,
                volumeSell: 1),
            "is marked complete but has not ended (today is 2024-12-23)"
        ),
    ])
    func invalidCandlesAreRejectedWithGroupDayAndReason(candle: Candle, reason: String) throws {
        let store = try store()
        let good = StoreFixtures.candles(from: start, count: 2)
        let summary = try store.write(command: "import") { try $0.upsert(good + [candle], into: "bitcoin") }
        #expect(summary.inserted == 2)
        let rejection = Rejection(group: "bitcoin", day: candle.day, reason: reason)
        #expect(summary.rejected == [rejection])
        #expect("\(rejection)" == "bitcoin \(candle.day): \(reason)")
        #expect(try store.candles(group: "bitcoin") == good)
        #expect(try store.rejections() == [rejection])
        let run = try #require(try store.recentRuns(limit: 1).first)
        #expect(run.outcome == .partial)
        #expect(run.changes == [.init(group: "bitcoin", inserted: 2, updated: 0, unchanged: 0, rejected: 1)])
        #expect(run.rejections == [rejection])
    }

    @Test func invalidFearGreedValueIsRejected() throws {
        let store = try store()
        let day = StoreFixtures.day("2024-12-01")
        let readings = [
            FearGreedReading(day: day, value: 101, classification: .extremeGreed),
            FearGreedReading(day: day.adding(days: 1), value: 50, classification: .neutral),
            FearGreedReading(day: today.adding(days: 1), value: 50, classification: .neutral),
        ]
        let summary = try store.write(command: "import") { try $0.upsert(readings) }
        #expect(summary.inserted == 1)
        #expect(
            summary.rejected.map(\.description) == [
                "fear_greed 2024-12-01: value must be within 0...100, got 101",
                "fear_greed 2024-12-24: is in the future (today is 2024-12-23)",
            ])
        #expect(try store.fearGreed() == [readings[1]])
    }

    @Test func conflictingDuplicateDayKeepsTheFirstAndRejectsTheSecond() throws {
        let store = try store()
        let day = StoreFixtures.day("2024-12-01")
        let first = StoreFixtures.flat(day, price: 5)
        let summary = try store.write(command: "import") {
            try $0.upsert([first, first, StoreFixtures.flat(day, price: 6)], into: "solana")
        }
        #expect(summary.inserted == 1)
        #expect(
            summary.rejected.map(\.reason) == ["appears twice in one batch with different values; the first is kept"])
        #expect(try store.candles(group: "solana") == [first])
    }

    @Test func failureMidCommandLeavesContentUnchangedAndLogsAFailedRun() throws {
        struct Interrupted: Error {}
        let store = try store()
        try store.write(command: "backfill") {
            _ = try $0.upsert(StoreFixtures.candles(from: start, count: 10), into: "solana")
        }
        let before = try store.contentHash()
        #expect(throws: Interrupted.self) {
            try store.write(command: "update") { writer in
                _ = try writer.upsert(StoreFixtures.candles(from: start, count: 20, seed: 9), into: "solana")
                _ = try writer.upsert(StoreFixtures.fearGreed(from: start, count: 20))
                throw Interrupted()
            }
        }
        #expect(try store.contentHash() == before)
        let runs = try store.recentRuns()
        #expect(runs.map(\.outcome) == [.failed, .ok])
        #expect(runs[0].command == "update" && runs[0].changes.isEmpty)
        #expect(runs[0].message.contains("Interrupted"))
    }

    @Test func unknownAndMismatchedGroupsAreErrors() throws {
        let store = try store()
        #expect(throws: StoreError.unknownGroup("ether")) {
            try store.write(command: "x") { _ = try $0.upsert([], into: "ether") }
        }
        #expect(throws: StoreError.wrongGroupKind(group: "fear_greed", kind: "fear_greed")) {
            try store.write(command: "x") { _ = try $0.upsert([], into: "fear_greed") }
        }
    }

    @Test func fearGreedGroupIsAbsentWhenDisabled() throws {
        var config = Config()
        config.fearGreed.enabled = false
        config.model.inputs = ["solana.open"]
        let store = try FeatureStore.inMemory(config: config, clock: .at(today))
        #expect(try store.groups().map(\.name) == ["bitcoin", "solana"])
        #expect(throws: StoreError.unknownGroup("fear_greed")) {
            try store.write(command: "x") { _ = try $0.upsert([FearGreedReading]()) }
        }
    }
}
