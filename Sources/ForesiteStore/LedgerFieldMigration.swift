import GRDB

/// Migration "v4-ledger-any-field": the ledger's `field` may name any forecast column, not only a price's
/// `open` or `close`, so a CSV series (a river level, an energy price) can be a target.
///
/// SQLite cannot change a CHECK constraint, so the table is rebuilt with `field <> ''` and every row copied
/// unchanged in chain order: the hashes cover the rows' content, which does not change, so the chain still
/// verifies. The append-only triggers are dropped with the old table and made again on the new one.
enum LedgerFieldMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER ledger_no_update;
                DROP TRIGGER ledger_no_delete;
                CREATE TABLE ledger_v4 (
                    position INTEGER PRIMARY KEY,
                    made_on TEXT NOT NULL \(StoreSchema.dayCheck("made_on")),
                    model TEXT NOT NULL CHECK (model <> ''),
                    model_version TEXT NOT NULL,
                    target_group TEXT NOT NULL REFERENCES feature_group(name),
                    field TEXT NOT NULL CHECK (field <> '' AND instr(field, ',') = 0),
                    origin TEXT NOT NULL \(StoreSchema.dayCheck("origin")),
                    horizon INTEGER NOT NULL CHECK (horizon >= 1),
                    target_day TEXT NOT NULL \(StoreSchema.dayCheck("target_day")),
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
                INSERT INTO ledger_v4 SELECT * FROM ledger ORDER BY position;
                DROP TABLE ledger;
                ALTER TABLE ledger_v4 RENAME TO ledger;
                CREATE INDEX ledger_by_target_day ON ledger(target_day);
                """)
        for event in ["UPDATE", "DELETE"] {
            try db.execute(
                sql: """
                    CREATE TRIGGER ledger_no_\(event.lowercased()) BEFORE \(event) ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the forecast ledger is append-only'); END;
                    """)
        }
    }
}
