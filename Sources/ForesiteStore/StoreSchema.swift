/// The store's schema as named, append-only migrations: a shipped migration is never edited, a change is
/// a new migration. Constraints live in SQL so that no code path, present or future, can store a row the
/// validator would reject ("trust SQLite more than yourself").
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-feature-groups", migrate: featureGroups)
        migrator.registerMigration("v1-run-log", migrate: runLog)
        migrator.registerMigration("v1-forecast-ledger", migrate: forecastLedger)
        migrator.registerMigration("v1-model-registry", migrate: modelRegistry)
        migrator.registerMigration("v1-backtests", migrate: backtests)
        migrator.registerMigration("v2-ledger-chain", migrate: LedgerChainMigration.migrate)
        migrator.registerMigration("v3-daily-values", migrate: DailyValueMigration.migrate)
        migrator.registerMigration("v4-ledger-any-field", migrate: LedgerFieldMigration.migrate)
        return migrator
    }

    /// Days are `YYYY-MM-DD` text: readable in any SQLite shell, and ordered correctly as text.
    static func dayCheck(_ column: String) -> String {
        "CHECK (\(column) GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')"
    }

    private static func featureGroups(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE feature_group (
                    name TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
                    kind TEXT NOT NULL CHECK (kind IN ('candle', 'fear_greed')),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    description TEXT NOT NULL,
                    market TEXT,
                    instrument TEXT,
                    CHECK ((kind = 'candle') = (market IS NOT NULL AND instrument IS NOT NULL))
                );
                CREATE TABLE candle (
                    group_name TEXT NOT NULL REFERENCES feature_group(name),
                    day TEXT NOT NULL \(dayCheck("day")),
                    open REAL NOT NULL CHECK (open > 0),
                    high REAL NOT NULL CHECK (high >= max(open, close)),
                    low REAL NOT NULL CHECK (low > 0 AND low <= min(open, close)),
                    close REAL NOT NULL CHECK (close > 0),
                    volume REAL NOT NULL CHECK (volume >= 0),
                    volume_buy REAL NOT NULL CHECK (volume_buy >= 0),
                    volume_sell REAL NOT NULL CHECK (volume_sell >= 0),
                    complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
                    PRIMARY KEY (group_name, day)
                ) WITHOUT ROWID;
                CREATE TABLE fear_greed (
                    day TEXT PRIMARY KEY NOT NULL \(dayCheck("day")),
                    value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 100),
                    classification INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 4)
                ) WITHOUT ROWID;
                """)
    }

    private static func runLog(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    command TEXT NOT NULL CHECK (command <> ''),
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'partial')),
                    message TEXT NOT NULL DEFAULT ''
                );
                CREATE TABLE run_change (
                    run_id INTEGER NOT NULL REFERENCES run(id),
                    group_name TEXT NOT NULL REFERENCES feature_group(name),
                    inserted INTEGER NOT NULL CHECK (inserted >= 0),
                    updated INTEGER NOT NULL CHECK (updated >= 0),
                    unchanged INTEGER NOT NULL CHECK (unchanged >= 0),
                    rejected INTEGER NOT NULL CHECK (rejected >= 0),
                    PRIMARY KEY (run_id, group_name)
                );
                CREATE TABLE rejection (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id INTEGER NOT NULL REFERENCES run(id),
                    group_name TEXT NOT NULL REFERENCES feature_group(name),
                    day TEXT NOT NULL,
                    reason TEXT NOT NULL CHECK (reason <> '')
                );
                CREATE INDEX rejection_by_run ON rejection(run_id);
                """)
    }

    private static func forecastLedger(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE forecast (
                    made_on TEXT NOT NULL \(dayCheck("made_on")),
                    horizon INTEGER NOT NULL CHECK (horizon >= 1),
                    target_group TEXT NOT NULL REFERENCES feature_group(name),
                    origin TEXT NOT NULL \(dayCheck("origin")),
                    target_day TEXT NOT NULL \(dayCheck("target_day")),
                    point REAL NOT NULL,
                    naive REAL NOT NULL CHECK (naive > 0),
                    model_version TEXT NOT NULL,
                    input_hash TEXT NOT NULL,
                    PRIMARY KEY (made_on, horizon),
                    CHECK (origin <= made_on AND target_day > origin)
                ) WITHOUT ROWID;
                CREATE TABLE forecast_interval (
                    made_on TEXT NOT NULL,
                    horizon INTEGER NOT NULL,
                    level REAL NOT NULL CHECK (level > 0 AND level < 1),
                    lower REAL NOT NULL,
                    upper REAL NOT NULL CHECK (upper >= lower),
                    PRIMARY KEY (made_on, horizon, level),
                    FOREIGN KEY (made_on, horizon) REFERENCES forecast(made_on, horizon)
                ) WITHOUT ROWID;
                CREATE INDEX forecast_by_target_day ON forecast(target_day);
                """)
        // The ledger is the site's evidence: a forecast, once written, may never change or disappear.
        for table in ["forecast", "forecast_interval"] {
            for event in ["UPDATE", "DELETE"] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER \(table)_no_\(event.lowercased()) BEFORE \(event) ON \(table)
                        BEGIN SELECT RAISE(ABORT, 'the forecast ledger is append-only'); END;
                        """)
            }
        }
    }

    private static func modelRegistry(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE model (
                    version TEXT PRIMARY KEY NOT NULL CHECK (version <> ''),
                    created_at TEXT NOT NULL,
                    target_mode TEXT NOT NULL CHECK (target_mode IN ('seed', 'returns')),
                    config_hash TEXT NOT NULL,
                    artifact_path TEXT NOT NULL,
                    artifact_sha256 TEXT NOT NULL,
                    data_first_day TEXT NOT NULL \(dayCheck("data_first_day")),
                    data_last_day TEXT NOT NULL \(dayCheck("data_last_day")),
                    test_first_day TEXT NOT NULL \(dayCheck("test_first_day")),
                    test_last_day TEXT NOT NULL \(dayCheck("test_last_day")),
                    metrics_json TEXT NOT NULL CHECK (json_valid(metrics_json)),
                    test_mae REAL NOT NULL CHECK (test_mae >= 0),
                    naive_test_mae REAL NOT NULL CHECK (naive_test_mae >= 0),
                    members_json TEXT NOT NULL CHECK (json_valid(members_json)),
                    notes TEXT NOT NULL DEFAULT '',
                    is_champion INTEGER NOT NULL DEFAULT 0 CHECK (is_champion IN (0, 1)),
                    CHECK (data_first_day <= test_first_day AND test_first_day <= test_last_day
                        AND test_last_day <= data_last_day)
                );
                CREATE UNIQUE INDEX model_single_champion ON model(is_champion) WHERE is_champion = 1;
                """)
    }

    private static func backtests(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE backtest_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    created_at TEXT NOT NULL,
                    from_day TEXT NOT NULL \(dayCheck("from_day")),
                    to_day TEXT NOT NULL \(dayCheck("to_day")),
                    retrain_every INTEGER NOT NULL CHECK (retrain_every >= 1),
                    ensemble INTEGER NOT NULL CHECK (ensemble >= 1),
                    settings_json TEXT NOT NULL CHECK (json_valid(settings_json)),
                    CHECK (from_day <= to_day)
                );
                CREATE TABLE backtest_forecast (
                    run_id INTEGER NOT NULL REFERENCES backtest_run(id) ON DELETE CASCADE,
                    model TEXT NOT NULL CHECK (model <> ''),
                    origin TEXT NOT NULL \(dayCheck("origin")),
                    horizon INTEGER NOT NULL CHECK (horizon >= 1),
                    target_day TEXT NOT NULL \(dayCheck("target_day")),
                    point REAL NOT NULL,
                    actual REAL NOT NULL,
                    PRIMARY KEY (run_id, model, origin, horizon),
                    CHECK (target_day > origin)
                ) WITHOUT ROWID;
                CREATE TABLE backtest_interval (
                    run_id INTEGER NOT NULL,
                    model TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    horizon INTEGER NOT NULL,
                    level REAL NOT NULL CHECK (level > 0 AND level < 1),
                    lower REAL NOT NULL,
                    upper REAL NOT NULL CHECK (upper >= lower),
                    PRIMARY KEY (run_id, model, origin, horizon, level),
                    FOREIGN KEY (run_id, model, origin, horizon)
                        REFERENCES backtest_forecast(run_id, model, origin, horizon) ON DELETE CASCADE
                ) WITHOUT ROWID;
                """)
    }
}
