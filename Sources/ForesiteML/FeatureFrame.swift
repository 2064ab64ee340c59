import ForesiteCore

/// The model's input table: one row per usable UTC day, one Double per named column (`group.field`).
///
/// Built by `join`: only complete days, only days present in every group used. Fear & Greed
/// is a covariate that is sometimes a day short (alternative.me has no 2024-10-26): a *single* missing
/// day (readings on the day before and the day after) is filled with the day before's reading and listed
/// in `filledDays`; a longer gap, or a missing newest day, drops the days.
/// Days missing from any other group (price or CSV) are dropped, never filled; `TrainingSet` then refuses windows that
/// would span the resulting calendar gap, so no window silently joins non-adjacent days.
public struct FeatureFrame: Hashable, Sendable {
    public let days: [Day]
    public let columns: [String]
    /// `rows[i]` holds the values of `columns` on `days[i]`.
    public let rows: [[Double]]
    /// Days whose Fear & Greed values were copied from the previous day.
    public let filledDays: [Day]

    public init(days: [Day], columns: [String], rows: [[Double]], filledDays: [Day] = []) {
        precondition(days.count == rows.count, "one row per day")
        self.days = days
        self.columns = columns
        self.rows = rows
        self.filledDays = filledDays
    }

    /// The index of `column` in `columns`.
    public func index(of column: String) throws -> Int {
        guard let index = columns.firstIndex(of: column) else { throw MLError.unknownColumn(column) }
        return index
    }

    /// Joins a price-and-Fear-&-Greed history by day (the shape of the original project's data).
    /// - Parameters:
    ///   - candles: rows of each price group by group name (`solana`, `bitcoin`), in any order.
    ///   - fearGreed: the Fear & Greed history; required when one of its columns is asked for.
    ///   - columns: the output columns in order, e.g. `Config.Model.defaultInputs`.
    public static func join(
        candles: [String: [Candle]], fearGreed: [FearGreedReading]?, columns: [String]
    ) throws -> FeatureFrame {
        var groups = candles.mapValues(GroupHistory.init(candles:))
        if let fearGreed { groups[Config.fearGreedGroup] = GroupHistory(fearGreed: fearGreed) }
        return try join(groups, columns: columns)
    }

    /// Joins feature groups by day into the columns asked for (see the type's documentation): days
    /// present in every group used, except that a group which fills single missing days (Fear & Greed)
    /// takes the day before's values for a day it lacks between two it has.
    /// - Parameters:
    ///   - groups: each group's complete days by group name; those no column names are ignored.
    ///   - columns: the output columns in order, each `group.field` of one of `groups`.
    public static func join(_ groups: [String: GroupHistory], columns: [String]) throws -> FeatureFrame {
        let parsed = try columns.map(FeatureColumn.init)
        var used: [String] = []
        var fieldIndex: [Int] = []
        for column in parsed {
            guard let group = groups[column.group] else {
                throw MLError.missingGroup(group: column.group, column: column.description)
            }
            guard let index = group.fields.firstIndex(of: column.field) else {
                throw MLError.unknownColumn(column.description)
            }
            fieldIndex.append(index)
            if !used.contains(column.group) { used.append(column.group) }
        }
        let strict = used.filter { !groups[$0]!.fillsSingleMissingDay }.map { groups[$0]! }
        let fillers = used.filter { groups[$0]!.fillsSingleMissingDay }
        let defining = strict.isEmpty ? fillers.map { groups[$0]! } : strict
        var candidateDays: Set<Day> = defining.first.map { Set($0.rows.keys) } ?? []
        for group in defining.dropFirst() { candidateDays.formIntersection(group.rows.keys) }

        var days: [Day] = []
        var rows: [[Double]] = []
        var filled: [Day] = []
        for day in candidateDays.sorted() {
            var chosen: [String: [Double]] = [:]
            var wasFilled = false
            var usable = true
            for name in fillers {
                let group = groups[name]!.rows
                if let exact = group[day] {
                    chosen[name] = exact
                } else if let previous = group[day.adding(days: -1)], group[day.adding(days: 1)] != nil {
                    chosen[name] = previous
                    wasFilled = true
                } else {
                    usable = false
                    break
                }
            }
            guard usable else { continue }
            let row = parsed.indices.map { position -> Double in
                let name = parsed[position].group
                let values = chosen[name] ?? groups[name]!.rows[day]!
                return values[fieldIndex[position]]
            }
            if wasFilled { filled.append(day) }
            days.append(day)
            rows.append(row)
        }
        return FeatureFrame(days: days, columns: columns, rows: rows, filledDays: filled)
    }
}
