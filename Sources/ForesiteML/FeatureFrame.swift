import ForesiteCore

/// The model's input table: one row per usable UTC day, one Double per named column (`group.field`).
///
/// Built by `join`: only complete candles, only days present in every price group used. Fear & Greed
/// is a covariate that is sometimes a day short (alternative.me has no 2024-10-26): a *single* missing
/// day (readings on the day before and the day after) is filled with the day before's reading and listed
/// in `filledDays`; a longer gap, or a missing newest day, drops the days.
/// Days missing from a price group are dropped, never filled; `TrainingSet` then refuses windows that
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

    /// Joins feature groups by day into the columns asked for (see the type's documentation).
    /// - Parameters:
    ///   - candles: rows of each price group by group name (`solana`, `bitcoin`), in any order.
    ///   - fearGreed: the Fear & Greed history; required when a `fear_greed.*` column is asked for.
    ///   - columns: the output columns in order, e.g. `Config.Model.defaultInputs`.
    public static func join(
        candles: [String: [Candle]], fearGreed: [FearGreedReading]?, columns: [String]
    ) throws -> FeatureFrame {
        let parsed = try columns.map(FeatureColumn.init)
        var byGroup: [String: [Day: Candle]] = [:]
        for column in parsed where !column.isFearGreed && byGroup[column.group] == nil {
            guard let rows = candles[column.group] else {
                throw MLError.missingGroup(group: column.group, column: column.description)
            }
            byGroup[column.group] = Dictionary(
                rows.filter(\.complete).map { ($0.day, $0) }, uniquingKeysWith: { _, last in last })
        }
        let readings: [Day: FearGreedReading]?
        if let column = parsed.first(where: \.isFearGreed) {
            guard let fearGreed else { throw MLError.missingGroup(group: column.group, column: column.description) }
            readings = Dictionary(fearGreed.map { ($0.day, $0) }, uniquingKeysWith: { _, last in last })
        } else {
            readings = nil
        }

        var candidateDays: Set<Day>
        if let first = byGroup.values.first {
            candidateDays = Set(first.keys)
            for group in byGroup.values { candidateDays.formIntersection(group.keys) }
        } else {
            candidateDays = Set(readings.map { Array($0.keys) } ?? [])
        }

        var days: [Day] = []
        var rows: [[Double]] = []
        var filled: [Day] = []
        for day in candidateDays.sorted() {
            var reading: FearGreedReading?
            if let readings {
                if let exact = readings[day] {
                    reading = exact
                } else if let previous = readings[day.adding(days: -1)], readings[day.adding(days: 1)] != nil {
                    reading = previous
                    filled.append(day)
                } else {
                    continue
                }
            }
            let row = parsed.map { column -> Double in
                switch column.field {
                case .price(let field): field.value(of: byGroup[column.group]![day]!)
                case .fearGreedValue: Double(reading!.value)
                case .fearGreedClassification: Double(reading!.classification.rawValue)
                }
            }
            days.append(day)
            rows.append(row)
        }
        return FeatureFrame(days: days, columns: columns, rows: rows, filledDays: filled)
    }
}
