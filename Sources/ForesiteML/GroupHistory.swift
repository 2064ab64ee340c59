import ForesiteCore

/// One feature group's complete days as `FeatureFrame.join` reads them: its column names and, for each
/// day, the values in that order. Built from any of the store's row types.
public struct GroupHistory: Hashable, Sendable {
    public var fields: [String]
    public var rows: [Day: [Double]]
    /// True for a covariate that is sometimes a day short at its source (alternative.me has no
    /// 2024-10-26): a single missing day is filled from the day before instead of dropping the day.
    public var fillsSingleMissingDay: Bool

    public init(fields: [String], rows: [Day: [Double]], fillsSingleMissingDay: Bool = false) {
        self.fields = fields
        self.rows = rows
        self.fillsSingleMissingDay = fillsSingleMissingDay
    }

    /// A price group's complete candles, fields as `Config.priceFields`.
    public init(candles: [Candle]) {
        var rows: [Day: [Double]] = [:]
        for candle in candles where candle.complete {
            rows[candle.day] = [
                candle.open, candle.high, candle.low, candle.close, candle.volume, candle.volumeBuy, candle.volumeSell,
            ]
        }
        self.init(fields: Config.priceFields, rows: rows)
    }

    /// The Fear & Greed Index (every reading is of a day that has ended), filling single missing days.
    public init(fearGreed: [FearGreedReading]) {
        var rows: [Day: [Double]] = [:]
        for reading in fearGreed {
            rows[reading.day] = [Double(reading.value), Double(reading.classification.rawValue)]
        }
        self.init(fields: Config.fearGreedFields, rows: rows, fillsSingleMissingDay: true)
    }

    /// A generic series' complete days with the columns `columns` (a day missing one of them is left out).
    public init(values: [DailyValues], columns: [String]) {
        var rows: [Day: [Double]] = [:]
        for row in values where row.complete {
            let picked = columns.compactMap { row.values[$0] }
            if picked.count == columns.count { rows[row.day] = picked }
        }
        self.init(fields: columns, rows: rows)
    }
}
