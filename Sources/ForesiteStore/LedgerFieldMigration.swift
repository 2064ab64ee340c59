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
                """
                    + LedgerChainMigration.createTable(
                        named: "ledger_v4", fieldCheck: "field <> '' AND instr(field, ',') = 0")
                        + """
                        INSERT INTO ledger_v4 SELECT * FROM ledger ORDER BY position;
                        DROP TABLE ledger;
                        ALTER TABLE ledger_v4 RENAME TO ledger;
                        CREATE INDEX ledger_by_target_day ON ledger(target_day);
                        """)
        try LedgerChainMigration.createAppendOnlyTriggers(db)
    }
}
