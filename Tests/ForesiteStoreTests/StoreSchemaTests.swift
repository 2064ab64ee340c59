import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteStore

/// The file store: migrations, WAL, constraints that hold even for writes that bypass the validator.
struct StoreSchemaTests {
    @Test func freshFileStoreIsMigratedInWALModeAndReopens() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("nested/data/foresite.sqlite").path
        let store = try FeatureStore(path: path, clock: .at(StoreFixtures.day("2024-12-23")))
        try store.syncGroups(Config())
        let (mode, migrations, tables) = try store.database.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid"),
                try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            )
        }
        #expect(mode == "wal")
        #expect(
            migrations == [
                "v1-feature-groups", "v1-run-log", "v1-forecast-ledger", "v1-model-registry", "v1-backtests",
                "v2-ledger-chain", "v3-daily-values", "v4-ledger-any-field",
            ])
        for table in [
            "feature_group", "candle", "fear_greed", "daily_value", "run", "run_change", "rejection", "ledger", "model",
            "backtest_run", "backtest_forecast", "backtest_interval",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        try store.write(command: "import") {
            _ = try $0.upsert(StoreFixtures.candles(from: StoreFixtures.day("2024-12-01"), count: 5), into: "solana")
        }
        let hash = try store.contentHash()
        let reopened = try FeatureStore(config: configAt(path))
        #expect(try reopened.contentHash() == hash)
        #expect(try reopened.groups().map(\.name) == ["bitcoin", "solana", "fear_greed"])
    }

    @Test func checkpointLeavesEverythingInTheDatabaseFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("foresite.sqlite").path
        let store = try FeatureStore(config: configAt(path), clock: .at(StoreFixtures.day("2024-12-23")))
        try store.write(command: "import") {
            _ = try $0.upsert(StoreFixtures.candles(from: StoreFixtures.day("2024-11-01"), count: 50), into: "solana")
        }
        let wal = { (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0 }
        #expect(wal() > 0)
        try store.checkpoint()
        #expect(wal() == 0)
        let copy = directory.path("copy.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        #expect(try FeatureStore(path: copy).contentHash() == (try store.contentHash()))
    }

    @Test func checkConstraintsRejectRowsThatBypassValidation() throws {
        let store = try FeatureStore.inMemory()
        let insert = """
            INSERT INTO candle (group_name, day, open, high, low, close, volume, volume_buy, volume_sell, complete)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        let bad: [StatementArguments] = [
            ["solana", "2024-12-01", 10, 9, 8, 9, 1, 0, 1, 1],  // high below open
            ["solana", "2024-12-01", 10, 11, 10.5, 10.8, 1, 0, 1, 1],  // low above open
            ["solana", "2024-12-01", 10, 11, 9, 10, -1, 0, 1, 1],  // negative volume
            ["solana", "1 Dec 2024", 10, 11, 9, 10, 1, 0, 1, 1],  // not a day
            ["nobody", "2024-12-01", 10, 11, 9, 10, 1, 0, 1, 1],  // unknown group (foreign key)
        ]
        for arguments in bad {
            #expect(throws: DatabaseError.self) {
                try store.database.write { db in try db.execute(sql: insert, arguments: arguments) }
            }
        }
        #expect(throws: DatabaseError.self) {
            try store.database.write { db in
                try db.execute(sql: "INSERT INTO fear_greed (day, value, classification) VALUES ('2024-12-01', 50, 7)")
            }
        }
    }

    @Test func repointingAGroupAtAnotherInstrumentIsRefused() throws {
        let store = try FeatureStore.inMemory()
        var config = Config()
        config.covariates[0].instrument = "BTC-EUR"
        #expect(
            throws: StoreError.groupSourceChanged(
                group: "bitcoin", stored: "kraken BTC-USD", configured: "kraken BTC-EUR")
        ) {
            try store.syncGroups(config)
        }
        config = Config()
        config.target.description = "Solana, renamed"
        try store.syncGroups(config)
        #expect(try store.groups().first { $0.name == "solana" }?.description == "Solana, renamed")
    }

    @Test func storeErrorsReadAsOneLine() {
        #expect(
            "\(StoreError.unknownGroup("ether"))"
                == "store: no feature group 'ether' (groups are created from the configuration's instruments)")
        #expect(
            "\(StoreError.cannotOpen(path: "/x.sqlite", reason: "unable to open database file"))"
                == "store: cannot open '/x.sqlite': unable to open database file")
    }

    private func configAt(_ path: String) -> Config {
        var config = Config()
        config.store.path = path
        return config
    }
}

/// Many instruments and two connections to one file, as the scheduled update and the site build are.
struct StoreScaleTests {
    @Test func tenCovariatesFromTheConfigEachGetAGroup() throws {
        let covariates = (1...10).map { "  - {group: coin\($0), market: kraken, instrument: C\($0)-USD}" }
        let config = try ConfigLoader.parse(
            "covariates:\n" + covariates.joined(separator: "\n") + "\nmodel:\n  inputs: [solana.open, coin10.close]\n",
            file: "x.yml")
        let today = StoreFixtures.day("2024-12-23")
        let store = try FeatureStore.inMemory(config: config, clock: .at(today))
        try store.write(command: "backfill") { writer in
            for (index, instrument) in config.instruments.enumerated() {
                let candles = StoreFixtures.candles(
                    from: StoreFixtures.day("2024-12-01"), count: 5 + index, seed: UInt64(index))
                let summary = try writer.upsert(candles, into: instrument.group)
                #expect(summary.inserted == 5 + index)
            }
        }
        let summaries = try store.summaries(today: today)
        #expect(summaries.count == 12)
        #expect(summaries.first { $0.group.name == "coin10" }?.rows == 15)
        #expect(summaries.first { $0.group.name == "coin10" }?.group.instrument == "C10-USD")
        #expect(try store.recentRuns(limit: 1).first?.changes.count == 11)
    }

    @Test func aSecondConnectionSeesCommittedWritesOnly() throws {
        let directory = try TemporaryDirectory()
        var config = Config()
        config.store.path = directory.path("shared.sqlite").path
        let clock = Clock.at(StoreFixtures.day("2024-12-23"))
        let writer = try FeatureStore(config: config, clock: clock)
        let reader = try FeatureStore(config: config, clock: clock)
        let candles = StoreFixtures.candles(from: StoreFixtures.day("2024-12-01"), count: 10)
        try writer.write(command: "backfill") { store in
            _ = try store.upsert(candles, into: "solana")
            let visible = try reader.candles(group: "solana")
            #expect(visible.isEmpty, "uncommitted rows must not be visible")
        }
        #expect(try reader.candles(group: "solana") == candles)
        #expect(try reader.contentHash() == (try writer.contentHash()))
    }
}
