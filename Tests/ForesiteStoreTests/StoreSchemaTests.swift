import ForesiteCore
import ForesiteTestSupport
import GRDB
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
            ])
        for table in [
            "feature_group", "candle", "fear_greed", "run", "run_change", "rejection", "forecast",
            "forecast_interval", "model", "backtest_run", "backtest_forecast", "backtest_interval",
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
