import ForesiteCore

/// Migration "v2-ledger-chain": the ledger becomes one hash-chained row per model, day made and horizon,
/// with the seven hub quantiles, the forecast field and the reference price.
///
/// Rows of the v1 `forecast` and `forecast_interval` tables are copied in their order (day made, then
/// horizon) as model "lstm" forecasting the field "open" (the only target v1 had), with v1's `naive`
/// (the origin's open) as the reference and its 80/95 % intervals as quantiles; the 0.25 and 0.75
/// quantiles, which v1 did not record, stay empty. Then the v1 tables are dropped: the chain starts
/// with the history they held.
enum LedgerChainMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: createTable(named: "ledger", fieldCheck: "field IN ('open', 'close')") + """
                CREATE INDEX ledger_by_target_day ON ledger(target_day);
                """)
        var previous = LedgerRecord.genesis
        for record in try v1Records(db) {
            let chained = record.chained(after: previous)
            try LedgerTable.insert(chained, in: db)
            previous = chained.hash
        }
        for table in ["forecast_interval", "forecast"] {
            for event in ["update", "delete"] { try db.execute(sql: "DROP TRIGGER \(table)_no_\(event)") }
            try db.execute(sql: "DROP TABLE \(table)")
        }
        try createAppendOnlyTriggers(db)
    }

    /// The ledger table's definition under `name`, its `field` constrained by `fieldCheck` (the one thing
    /// a later migration changed).
    static func createTable(named name: String, fieldCheck: String) -> String {
        let dayCheck = { (column: String) in StoreSchema.dayCheck(column) }
        return """
                CREATE TABLE \(name) (
                    position INTEGER PRIMARY KEY,
                    made_on TEXT NOT NULL \(dayCheck("made_on")),
                    model TEXT NOT NULL CHECK (model <> ''),
                    model_version TEXT NOT NULL,
                    target_group TEXT NOT NULL REFERENCES feature_group(name),
                    field TEXT NOT NULL CHECK (\(fieldCheck)),
                    origin TEXT NOT NULL \(dayCheck("origin")),
                    horizon INTEGER NOT NULL CHECK (horizon >= 1),
                    target_day TEXT NOT NULL \(dayCheck("target_day")),
                    reference REAL NOT NULL CHECK (reference > 0),
                    q0025 REAL, q01 REAL, q025 REAL,
                    median REAL NOT NULL,
                    q075 REAL, q09 REAL, q0975 REAL,
                    input_hash TEXT NOT NULL,
                    previous_sha256 TEXT NOT NULL CHECK (length(previous_sha256) = 64),
                    sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
                    UNIQUE (made_on, model, horizon),
                    CHECK (origin <= made_on AND target_day > origin)
                );

            """
    }

    /// The ledger is the site's evidence: a row, once written, may never change or disappear. The triggers
    /// stop the program; the hash chain exposes anyone who drops them first.
    static func createAppendOnlyTriggers(_ db: Database) throws {
        for event in ["UPDATE", "DELETE"] {
            try db.execute(
                sql: """
                    CREATE TRIGGER ledger_no_\(event.lowercased()) BEFORE \(event) ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the forecast ledger is append-only'); END;
                    """)
        }
    }

    private static func v1Records(_ db: Database) throws -> [LedgerRecord] {
        var intervals: [String: [PredictionInterval]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM forecast_interval ORDER BY made_on, horizon, level") {
            let key = "\(row["made_on"] as String)/\(row["horizon"] as Int)"
            intervals[key, default: []].append(
                PredictionInterval(level: row["level"], lower: row["lower"], upper: row["upper"]))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM forecast ORDER BY made_on, horizon").map { row in
            let key = "\(row["made_on"] as String)/\(row["horizon"] as Int)"
            return LedgerRecord(
                madeOn: try row.day("made_on", table: "forecast"), model: "lstm",
                modelVersion: row["model_version"], targetGroup: row["target_group"], field: "open",
                origin: try row.day("origin", table: "forecast"), horizon: row["horizon"],
                targetDay: try row.day("target_day", table: "forecast"), reference: row["naive"],
                forecast: LedgerTable.stored(QuantileForecast(median: row["point"], intervals: intervals[key] ?? [])),
                inputHash: row["input_hash"])
        }
    }
}
