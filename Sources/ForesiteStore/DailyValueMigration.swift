/// Migration "v3-daily-values": feature groups of a third kind, `daily_value` (a CSV source's series), whose
/// rows are one value per group, day and configured column.
///
/// SQLite cannot change a CHECK constraint, so `feature_group` is rebuilt with `daily_value` among its
/// kinds (its rows copied unchanged; the migrator runs with foreign keys off and checks them afterwards),
/// then the `daily_value` table is created. The candle and Fear & Greed tables are untouched.
enum DailyValueMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE feature_group_v3 (
                    name TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
                    kind TEXT NOT NULL CHECK (kind IN ('candle', 'fear_greed', 'daily_value')),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    description TEXT NOT NULL,
                    market TEXT,
                    instrument TEXT,
                    CHECK ((kind = 'candle') = (market IS NOT NULL AND instrument IS NOT NULL))
                );
                INSERT INTO feature_group_v3 (name, kind, version, description, market, instrument)
                    SELECT name, kind, version, description, market, instrument FROM feature_group;
                DROP TABLE feature_group;
                ALTER TABLE feature_group_v3 RENAME TO feature_group;
                CREATE TABLE daily_value (
                    group_name TEXT NOT NULL REFERENCES feature_group(name),
                    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    column_name TEXT NOT NULL CHECK (column_name <> '' AND instr(column_name, '.') = 0),
                    value REAL NOT NULL CHECK (value BETWEEN -1.7976931348623157e308 AND 1.7976931348623157e308),
                    complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
                    PRIMARY KEY (group_name, day, column_name)
                ) WITHOUT ROWID;
                """)
    }
}
