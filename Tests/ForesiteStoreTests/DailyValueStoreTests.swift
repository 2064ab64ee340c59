import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteStore

/// Feature groups of generic daily values (a CSV source's series): validation, idempotent upserts,
/// incomplete days, summaries, the content hash, SQL constraints and the migration of an older store.
struct DailyValueStoreTests {
    let today = StoreFixtures.day("2024-12-23")

    var config: Config {
        var config = Config()
        config.covariates.append(
            Config.Instrument(
                group: "rainfall", csv: Config.CSVSeries(location: .file("data/rain.csv"), columns: ["mm", "temp"])))
        return config
    }

    func rows(from start: Day, count: Int) -> [DailyValues] {
        (0..<count).map { index in
            DailyValues(day: start.adding(days: index), values: ["mm": Double(index) / 4, "temp": 10 - Double(index)])
        }
    }

    @Test func storesReadsBackAndIsIdempotent() throws {
        let store = try FeatureStore.inMemory(config: config, clock: .at(today))
        #expect(try store.groups().map(\.name) == ["bitcoin", "solana", "rainfall", "fear_greed"])
        #expect(try store.groups().first { $0.name == "rainfall" }?.kind == .dailyValue)
        var rows = rows(from: StoreFixtures.day("2024-12-01"), count: 23)
        rows[22].complete = false  // today
        let first = try store.write(command: "backfill") { try $0.upsert(values: rows, into: "rainfall") }
        #expect(first.inserted == 23 && first.rejected.isEmpty)
        #expect(try store.values(group: "rainfall") == rows)
        #expect(try store.lastCompleteDay(group: "rainfall")?.iso == "2024-12-22")
        #expect(try store.incompleteDays(group: "rainfall").map(\.iso) == ["2024-12-23"])
        let hash = try store.contentHash()
        let again = try store.write(command: "backfill") { try $0.upsert(values: rows, into: "rainfall") }
        #expect(again.unchanged == 23 && again.changedRows == 0)
        #expect(try store.contentHash() == hash)

        // A complete fetch replaces the incomplete day; an incomplete one never downgrades a complete day.
        var closed = rows[22]
        closed.complete = true
        closed.values["mm"] = 9
        let later = try FeatureStore.inMemory(config: config, clock: .at(today.adding(days: 1)))
        _ = try later.write(command: "backfill") { try $0.upsert(values: rows, into: "rainfall") }
        let update = try later.write(command: "update") { try $0.upsert(values: [closed], into: "rainfall") }
        #expect(update.updated == 1)
        var reopened = rows[22]
        reopened.complete = false
        let downgrade = try later.write(command: "update") { try $0.upsert(values: [reopened], into: "rainfall") }
        #expect(downgrade.unchanged == 1)
        #expect(try later.values(group: "rainfall").last == closed)
    }

    @Test func rejectsNonFiniteFutureAndConflictingRows() throws {
        let store = try FeatureStore.inMemory(config: config, clock: .at(today))
        let start = StoreFixtures.day("2024-12-10")
        var rows = rows(from: start, count: 5)
        rows[1].values["mm"] = .nan
        rows[2].values["temp"] = .infinity
        rows.append(DailyValues(day: today.adding(days: 1), values: ["mm": 1, "temp": 1]))
        rows.append(DailyValues(day: today, values: ["mm": 1, "temp": 1], complete: true))
        rows.append(DailyValues(day: start, values: ["mm": 99, "temp": 1]))
        let summary = try store.write(command: "backfill") { try $0.upsert(values: rows, into: "rainfall") }
        #expect(summary.inserted == 3)
        #expect(
            summary.rejected.map(\.description) == [
                "rainfall 2024-12-11: mm must be a finite number, got nan",
                "rainfall 2024-12-12: temp must be a finite number, got inf",
                "rainfall 2024-12-24: is in the future (today is 2024-12-23)",
                "rainfall 2024-12-23: is marked complete but has not ended (today is 2024-12-23)",
                "rainfall 2024-12-10: appears twice in one batch with different values; the first is kept",
            ])
        // Stored days 10, 13 and 14: the two rejected days are a gap the summary reports.
        let summaryOfGroup = try #require(try store.summaries(today: today).first { $0.group.name == "rainfall" })
        #expect(summaryOfGroup.rows == 3 && summaryOfGroup.rejectedRows == 5)
        #expect(summaryOfGroup.missingDays.map(\.iso) == ["2024-12-11", "2024-12-12"])
    }

    @Test func kindsDoNotMixAndSQLRefusesWhatValidationWould() throws {
        let store = try FeatureStore.inMemory(config: config, clock: .at(today))
        #expect(throws: StoreError.wrongGroupKind(group: "solana", kind: "candle")) {
            try store.write(command: "x") { _ = try $0.upsert(values: rows(from: today, count: 1), into: "solana") }
        }
        #expect(throws: StoreError.wrongGroupKind(group: "rainfall", kind: "daily_value")) {
            try store.write(command: "x") { _ = try $0.upsert([Candle](), into: "rainfall") }
        }
        let insert = "INSERT INTO daily_value (group_name, day, column_name, value, complete) VALUES (?, ?, ?, ?, ?)"
        let bad: [StatementArguments] = [
            ["rainfall", "2024-12-01", "mm", Double.infinity, 1],  // not finite
            ["rainfall", "2024-12-01", "mm", Double.nan, 1],  // NaN is stored as NULL
            ["rainfall", "1 Dec 2024", "mm", 1, 1],  // not a day
            ["rainfall", "2024-12-01", "a.b", 1, 1],  // a column name with a dot
            ["rainfall", "2024-12-01", "mm", 1, 2],  // complete is 0 or 1
            ["nobody", "2024-12-01", "mm", 1, 1],  // unknown group (foreign key)
        ]
        for arguments in bad {
            #expect(throws: DatabaseError.self) {
                try store.database.write { db in try db.execute(sql: insert, arguments: arguments) }
            }
        }
    }

    /// A store made before daily values (migrations through v2) keeps its groups and rows, byte for byte.
    @Test func anExistingStoreIsMigratedWithItsRowsUnchanged() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.sqlite").path
        let candles = StoreFixtures.candles(from: StoreFixtures.day("2024-12-01"), count: 10)
        let readings = StoreFixtures.fearGreed(from: StoreFixtures.day("2024-12-01"), count: 10)
        do {
            let old = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(old, upTo: "v2-ledger-chain")
            try old.write { db in
                try GroupTable.sync(FeatureGroup.all(for: Config()), in: db)
            }
        }
        let reference = try FeatureStore.inMemory(clock: .at(today))
        try reference.write(command: "backfill") { writer in
            _ = try writer.upsert(candles, into: "solana")
            _ = try writer.upsert(readings)
        }
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            for candle in candles {
                try db.execute(
                    sql: """
                        INSERT INTO candle (group_name, day, open, high, low, close, volume, volume_buy, volume_sell,
                            complete) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        "solana", candle.day.iso, candle.open, candle.high, candle.low, candle.close, candle.volume,
                        candle.volumeBuy, candle.volumeSell, candle.complete,
                    ])
            }
            for reading in readings {
                try db.execute(
                    sql: "INSERT INTO fear_greed (day, value, classification) VALUES (?, ?, ?)",
                    arguments: [reading.day.iso, reading.value, reading.classification.rawValue])
            }
        }
        old.close()

        let migrated = try FeatureStore(path: path, clock: .at(today))
        #expect(try migrated.contentHash() == reference.contentHash())
        #expect(try migrated.candles(group: "solana") == candles)
        #expect(try migrated.fearGreed() == readings)
        try migrated.syncGroups(config)
        #expect(try migrated.groups().map(\.name) == ["bitcoin", "solana", "rainfall", "fear_greed"])
        let summary = try migrated.write(command: "backfill") {
            try $0.upsert(values: rows(from: StoreFixtures.day("2024-12-01"), count: 3), into: "rainfall")
        }
        #expect(summary.inserted == 3)
    }
}
