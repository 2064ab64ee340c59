import ForesiteCore
import GRDB

/// How the ledger's forecasts fared against what happened, per horizon and beside the naive forecast.
///
/// Only target days with a complete stored open count; forecasts whose target day is still ahead, is
/// incomplete, or fell in a gap of the data are `pending` and never scored.
public struct LiveAccuracy: Hashable, Sendable {
    /// One ledger row with its outcome: the points of the hindcast chart and table.
    public struct Hindcast: Hashable, Sendable {
        public var madeOn: Day
        public var origin: Day
        public var targetDay: Day
        public var horizon: Int
        public var point: Double
        public var naive: Double
        public var actual: Double
        public var intervals: [PredictionInterval]
    }

    /// Share of actuals inside the interval of one level.
    public struct Coverage: Hashable, Sendable {
        public var level: Double
        public var covered: Int
        public var count: Int
        public var rate: Double { count == 0 ? 0 : Double(covered) / Double(count) }
    }

    public struct Horizon: Hashable, Sendable {
        public var horizon: Int
        public var count: Int
        public var mae: Double
        /// The naive forecast's MAE on exactly the same rows.
        public var naiveMAE: Double
        public var rmse: Double
        /// Mean absolute percentage error as a fraction (0.05 = 5 %).
        public var mape: Double
        public var coverage: [Coverage]
    }

    /// Horizons with at least one scored forecast, in increasing order.
    public var horizons: [Horizon]
    /// Scored rows, by target day then horizon.
    public var hindcast: [Hindcast]
    /// Ledger rows not scored (yet): no complete actual for their target day.
    public var pending: Int

    /// Scores `rows` (already restricted to complete actuals).
    init(hindcast rows: [Hindcast], pending: Int) {
        hindcast = rows
        self.pending = pending
        horizons = Dictionary(grouping: rows, by: \.horizon).sorted { $0.key < $1.key }.map { horizon, rows in
            let n = Double(rows.count)
            let errors = rows.map { $0.point - $0.actual }
            var coverage: [Double: Coverage] = [:]
            for row in rows {
                for interval in row.intervals {
                    coverage[interval.level, default: Coverage(level: interval.level, covered: 0, count: 0)].count += 1
                    if interval.contains(row.actual) { coverage[interval.level]!.covered += 1 }
                }
            }
            return Horizon(
                horizon: horizon, count: rows.count,
                mae: errors.reduce(0) { $0 + abs($1) } / n,
                naiveMAE: rows.reduce(0) { $0 + abs($1.naive - $1.actual) } / n,
                rmse: (errors.reduce(0) { $0 + $1 * $1 } / n).squareRoot(),
                mape: rows.reduce(0) { $0 + abs($1.point - $1.actual) / $1.actual } / n,
                coverage: coverage.values.sorted { $0.level < $1.level })
        }
    }

    static func compute(in db: Database) throws -> LiveAccuracy {
        let intervals = try LedgerTable.intervals(in: db)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT f.made_on, f.origin, f.target_day, f.horizon, f.point, f.naive, c.open AS actual
                FROM forecast f JOIN candle c
                    ON c.group_name = f.target_group AND c.day = f.target_day AND c.complete = 1
                ORDER BY f.target_day, f.horizon
                """)
        let hindcast = try rows.map { row in
            let madeOn = try row.day("made_on", table: "forecast")
            return Hindcast(
                madeOn: madeOn, origin: try row.day("origin", table: "forecast"),
                targetDay: try row.day("target_day", table: "forecast"), horizon: row["horizon"], point: row["point"],
                naive: row["naive"], actual: row["actual"],
                intervals: intervals[LedgerTable.Key(madeOn: madeOn, horizon: row["horizon"])] ?? [])
        }
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM forecast") ?? 0
        return LiveAccuracy(hindcast: hindcast, pending: total - hindcast.count)
    }
}
