import ForesiteCore

/// Everything that can go wrong in the feature store, with the group, day, version or SQL it concerns.
/// Row-level data problems are not errors: they are `Rejection`s reported in an `UpsertSummary`.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The database file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// A write named a feature group the store does not have (groups come from the config).
    case unknownGroup(String)
    /// Rows of one kind (candles, Fear & Greed readings, daily values) were written to a group of another.
    case wrongGroupKind(group: String, kind: String)
    /// The config now gives a stored group another market or instrument; mixing two series in one group
    /// would corrupt it, so the user must choose a new group name.
    case groupSourceChanged(group: String, stored: String, configured: String)
    /// A second, different forecast for a day already in the ledger (the first forecast of a day stands).
    case ledgerConflict(madeOn: Day, difference: String)
    /// A forecast dated after the store's today: the ledger only records forecasts on the day they are made.
    case forecastFromTheFuture(madeOn: Day, today: Day)
    /// A ledger field holding a comma, quote or line break, which would break `ledger.csv`'s plain
    /// comma-joined lines and so the hash a reader recomputes.
    case unsafeLedgerField(field: String, value: String)
    case unknownModel(version: String)
    case duplicateModel(version: String)
    /// A stored value that cannot be read back (e.g. a malformed day), which only a foreign writer can cause.
    case corruptValue(table: String, column: String, value: String)
    /// SQLite refused a statement; `command` is the store operation, `message` SQLite's own words.
    case database(command: String, message: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "store: cannot open '\(path)': \(reason)"
        case .unknownGroup(let group):
            return "store: no feature group '\(group)' (groups are created from the configuration's instruments)"
        case .wrongGroupKind(let group, let kind):
            return "store: feature group '\(group)' holds \(kind) rows"
        case .groupSourceChanged(let group, let stored, let configured):
            return "store: feature group '\(group)' holds \(stored) but the configuration says \(configured); "
                + "use a new group name for a different instrument"
        case .ledgerConflict(let madeOn, let difference):
            return "store: a different forecast made on \(madeOn) is already in the ledger (\(difference)); "
                + "the first forecast of a day stands"
        case .unsafeLedgerField(let field, let value):
            return "store: ledger \(field) \"\(value)\" holds a comma, quote or line break"
        case .forecastFromTheFuture(let madeOn, let today):
            return "store: cannot record a forecast made on \(madeOn) before that day (today is \(today))"
        case .unknownModel(let version):
            return "store: no model version '\(version)' in the registry"
        case .duplicateModel(let version):
            return "store: model version '\(version)' is already registered"
        case .corruptValue(let table, let column, let value):
            return "store: \(table).\(column) holds an unreadable value '\(value)'"
        case .database(let command, let message):
            return "store: \(command): \(message)"
        }
    }
}
