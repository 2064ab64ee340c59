import ForesiteCore

/// Reads and writes of the `feature_group` table.
enum GroupTable {
    /// Inserts missing groups and refreshes descriptions; refuses to repoint a price group at another
    /// market or instrument, since its stored rows would then mix two series.
    static func sync(_ groups: [FeatureGroup], in db: Database) throws {
        for group in groups {
            if let stored = try self.group(named: group.name, in: db) {
                guard stored.kind == group.kind, stored.source == group.source else {
                    throw StoreError.groupSourceChanged(
                        group: group.name, stored: stored.source, configured: group.source)
                }
                if stored.description != group.description {
                    try db.execute(
                        sql: "UPDATE feature_group SET description = ? WHERE name = ?",
                        arguments: [group.description, group.name])
                }
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO feature_group (name, kind, version, description, market, instrument)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        group.name, group.kind.rawValue, group.version, group.description, group.market,
                        group.instrument,
                    ])
            }
        }
    }

    static func group(named name: String, in db: Database) throws -> FeatureGroup? {
        try Row.fetchOne(db, sql: "SELECT * FROM feature_group WHERE name = ?", arguments: [name]).map(decode)
    }

    /// Every group: price groups first, then generic daily series, then Fear & Greed; each kind in name order.
    static func all(in db: Database) throws -> [FeatureGroup] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM feature_group ORDER BY kind = 'fear_greed', kind = 'daily_value', name"
        ).map(decode)
    }

    private static func decode(_ row: Row) throws -> FeatureGroup {
        let kindText: String = row["kind"]
        guard let kind = FeatureGroup.Kind(rawValue: kindText) else {
            throw StoreError.corruptValue(table: "feature_group", column: "kind", value: kindText)
        }
        return FeatureGroup(
            name: row["name"], kind: kind, version: row["version"], description: row["description"],
            market: row["market"], instrument: row["instrument"])
    }
}

extension Row {
    /// The `YYYY-MM-DD` column `column` as a `Day`; a malformed value is a `StoreError.corruptValue`.
    func day(_ column: String, table: String) throws -> Day {
        let text: String = self[column]
        guard let day = Day(iso: text) else {
            throw StoreError.corruptValue(table: table, column: column, value: text)
        }
        return day
    }

    /// The `YYYY-MM-DD` value at position `index` (named `column` in errors) as a `Day`.
    func day(at index: Int, column: String, table: String) throws -> Day {
        let text: String = self[index]
        guard let day = Day(iso: text) else {
            throw StoreError.corruptValue(table: table, column: column, value: text)
        }
        return day
    }
}
