import CSQLite

/// Named migrations applied once each, in the order registered, each in its own transaction.
///
/// Applied names are kept in `grdb_migrations`, the table GRDB's migrator kept them in: stores made before
/// Foresite read SQLite directly open without migrating again.
struct DatabaseMigrator {
    private var migrations: [(identifier: String, migrate: (Database) throws -> Void)] = []

    /// The registered names, in order.
    var identifiers: [String] { migrations.map(\.identifier) }

    mutating func registerMigration(_ identifier: String, migrate: @escaping (Database) throws -> Void) {
        precondition(!migrations.contains { $0.identifier == identifier }, "migration \(identifier) registered twice")
        migrations.append((identifier, migrate))
    }

    /// Applies every migration `writer`'s database has not had, through `last` when given (tests make old stores).
    ///
    /// Foreign keys are off while a migration runs, so that it may rebuild a table others refer to, and are
    /// checked before it commits (SQLite's recipe for schema changes, "lang_altertable.html#otheralter").
    func migrate(_ writer: any DatabaseWriter, upTo last: String? = nil) throws {
        let count = last.map { last in migrations.firstIndex { $0.identifier == last }! + 1 } ?? migrations.count
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            for migration in migrations.prefix(count) where !applied.contains(migration.identifier) {
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction(.immediate) {
                    try migration.migrate(db)
                    try db.execute(
                        sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
                    if let violation = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                        let table: String = violation[0]
                        let parent: String = violation[2]
                        // SQLITE_CONSTRAINT_FOREIGNKEY, a macro Swift does not import.
                        throw DatabaseError(
                            resultCode: SQLITE_CONSTRAINT | (3 << 8),
                            message:
                                "migration \(migration.identifier): a row of \(table) refers to a missing \(parent)")
                    }
                }
            }
        }
    }
}
