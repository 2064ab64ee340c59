import ForesiteCore

/// Reads and writes of the run log (`run`, `run_change`, `rejection`): lineage for every command.
enum RunLog {
    /// Inserts the run row at the start of a command's transaction so rejections can refer to it.
    static func start(command: String, startedAt: String, in db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO run (command, started_at, outcome) VALUES (?, ?, 'ok')",
            arguments: [command, startedAt])
        return db.lastInsertedRowID
    }

    static func finish(
        runID: Int64, finishedAt: String, outcome: RunRecord.Outcome, message: String, in db: Database
    ) throws {
        try db.execute(
            sql: "UPDATE run SET finished_at = ?, outcome = ?, message = ? WHERE id = ?",
            arguments: [finishedAt, outcome.rawValue, message, runID])
    }

    /// Records a command whose transaction rolled back, in a transaction of its own.
    static func recordFailure(
        command: String, startedAt: String, finishedAt: String, message: String, in db: Database
    ) throws {
        try db.execute(
            sql: "INSERT INTO run (command, started_at, finished_at, outcome, message) VALUES (?, ?, ?, 'failed', ?)",
            arguments: [command, startedAt, finishedAt, message])
    }

    static func insert(_ rejection: Rejection, runID: Int64, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO rejection (run_id, group_name, day, reason) VALUES (?, ?, ?, ?)",
            arguments: [runID, rejection.group, rejection.day.iso, rejection.reason])
    }

    static func insert(_ change: UpsertSummary, runID: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO run_change (run_id, group_name, inserted, updated, unchanged, rejected)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [runID, change.group, change.inserted, change.updated, change.unchanged, change.rejected.count])
    }

    /// The latest `limit` runs, newest first, with their per-group changes.
    static func recent(limit: Int, in db: Database) throws -> [RunRecord] {
        let runs = try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit])
        return try runs.map { row in
            let id: Int64 = row["id"]
            let changes = try Row.fetchAll(
                db, sql: "SELECT * FROM run_change WHERE run_id = ? ORDER BY group_name", arguments: [id]
            ).map { change in
                RunRecord.Change(
                    group: change["group_name"], inserted: change["inserted"], updated: change["updated"],
                    unchanged: change["unchanged"], rejected: change["rejected"])
            }
            let outcomeText: String = row["outcome"]
            guard let outcome = RunRecord.Outcome(rawValue: outcomeText) else {
                throw StoreError.corruptValue(table: "run", column: "outcome", value: outcomeText)
            }
            return RunRecord(
                id: id, command: row["command"], startedAt: row["started_at"], finishedAt: row["finished_at"],
                outcome: outcome, message: row["message"], changes: changes,
                rejections: try rejections(runID: id, limit: -1, in: db))
        }
    }

    /// Rejections, newest run first; only those of `runID` when given; a negative `limit` means all.
    static func rejections(runID: Int64?, limit: Int, in db: Database) throws -> [Rejection] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM rejection WHERE (?1 IS NULL OR run_id = ?1) ORDER BY run_id DESC, id LIMIT ?2
                """,
            arguments: [runID, limit])
        return try rows.map { row in
            Rejection(group: row["group_name"], day: try row.day("day", table: "rejection"), reason: row["reason"])
        }
    }

    /// How many rows validation refused per group, over the whole run log, keyed by group.
    static func rejectionCounts(in db: Database) throws -> [String: Int] {
        let rows = try Row.fetchAll(db, sql: "SELECT group_name, count(*) AS count FROM rejection GROUP BY group_name")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["group_name"], $0["count"]) })
    }

    /// When the last successful command touched each group (ISO 8601), keyed by group.
    static func lastUpdates(in db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.group_name AS name, max(r.finished_at) AS at FROM run_change c
                JOIN run r ON r.id = c.run_id WHERE r.outcome <> 'failed' GROUP BY c.group_name
                """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"], $0["at"]) })
    }
}
