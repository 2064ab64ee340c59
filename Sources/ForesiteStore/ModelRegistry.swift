import ForesiteCore

/// Read access to the model registry (`store.registry`); `StoreWriter.register(_:)` and `promote(version:)`
/// change it. A partial unique index guarantees at most one champion.
public struct ModelRegistry: Sendable {
    let store: FeatureStore

    /// Every registered version, oldest first.
    public func all() throws -> [ModelRecord] {
        try store.read("read model registry") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM model ORDER BY created_at, version").map(ModelTable.decode)
        }
    }

    /// The model forecasts are made with, if one has been promoted.
    public func champion() throws -> ModelRecord? {
        try store.read("read model registry") { db in try ModelTable.champion(in: db) }
    }

    public func model(version: String) throws -> ModelRecord? {
        try store.read("read model registry") { db in try ModelTable.model(version: version, in: db) }
    }
}

extension FeatureStore {
    /// The model registry.
    public var registry: ModelRegistry { ModelRegistry(store: self) }
}

extension StoreWriter {
    /// Records a newly trained version (not champion); a version already registered is an error.
    public func register(_ model: ModelRecord) throws {
        guard try ModelTable.model(version: model.version, in: db) == nil else {
            throw StoreError.duplicateModel(version: model.version)
        }
        try ModelTable.insert(model, in: db)
        note("registered model \(model.version)")
    }

    /// Makes `version` the only champion, atomically with the rest of the command.
    public func promote(version: String) throws {
        guard try ModelTable.model(version: version, in: db) != nil else {
            throw StoreError.unknownModel(version: version)
        }
        try db.execute(
            sql: "UPDATE model SET is_champion = 0 WHERE is_champion = 1 AND version <> ?", arguments: [version])
        try db.execute(sql: "UPDATE model SET is_champion = 1 WHERE version = ?", arguments: [version])
        note("promoted model \(version)")
    }
}

/// Row mapping of the `model` table.
enum ModelTable {
    static func model(version: String, in db: Database) throws -> ModelRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM model WHERE version = ?", arguments: [version]).map(decode)
    }

    static func champion(in db: Database) throws -> ModelRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM model WHERE is_champion = 1").map(decode)
    }

    static func insert(_ model: ModelRecord, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO model (version, created_at, target_mode, config_hash, artifact_path, artifact_sha256,
                    data_first_day, data_last_day, test_first_day, test_last_day, metrics_json, test_mae,
                    naive_test_mae, members_json, notes, is_champion)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                """,
            arguments: [
                model.version, model.createdAt, model.targetMode.rawValue, model.configHash, model.artifactPath,
                model.artifactSHA256, model.dataFirstDay.iso, model.dataLastDay.iso, model.testFirstDay.iso,
                model.testLastDay.iso, model.metricsJSON, model.testMAE, model.naiveTestMAE, model.membersJSON,
                model.notes,
            ])
    }

    static func decode(_ row: Row) throws -> ModelRecord {
        let modeText: String = row["target_mode"]
        guard let mode = Config.TargetMode(rawValue: modeText) else {
            throw StoreError.corruptValue(table: "model", column: "target_mode", value: modeText)
        }
        return ModelRecord(
            version: row["version"], createdAt: row["created_at"], targetMode: mode, configHash: row["config_hash"],
            artifactPath: row["artifact_path"], artifactSHA256: row["artifact_sha256"],
            dataFirstDay: try row.day("data_first_day", table: "model"),
            dataLastDay: try row.day("data_last_day", table: "model"),
            testFirstDay: try row.day("test_first_day", table: "model"),
            testLastDay: try row.day("test_last_day", table: "model"), metricsJSON: row["metrics_json"],
            testMAE: row["test_mae"], naiveTestMAE: row["naive_test_mae"], membersJSON: row["members_json"],
            notes: row["notes"], isChampion: row["is_champion"])
    }
}
