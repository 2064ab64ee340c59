import ForesiteCore

/// The data-quality rules every row passes before it is stored. The same rules are CHECK constraints in
/// the schema; checking here first turns a bad row into a readable `Rejection` instead of a failed command.
public struct RowValidator: Sendable {
    /// The current UTC day: later days cannot have data, and today cannot be complete yet.
    public var today: Day

    public init(today: Day) {
        self.today = today
    }

    /// Why `candle` must not be stored, or nil when it is fine.
    public func problem(with candle: Candle) -> String? {
        if let problem = dayProblem(candle.day) { return problem }
        if candle.day == today && candle.complete {
            return "is marked complete but has not ended (today is \(today))"
        }
        let prices = [("open", candle.open), ("high", candle.high), ("low", candle.low), ("close", candle.close)]
        for (name, price) in prices where !(price.isFinite && price > 0) {
            return "\(name) must be a positive finite price, got \(price)"
        }
        if candle.high < max(candle.open, candle.close) {
            return "high \(candle.high) is below max(open, close) \(max(candle.open, candle.close))"
        }
        if candle.low > min(candle.open, candle.close) {
            return "low \(candle.low) is above min(open, close) \(min(candle.open, candle.close))"
        }
        let volumes = [("volume", candle.volume), ("volume_buy", candle.volumeBuy), ("volume_sell", candle.volumeSell)]
        for (name, volume) in volumes where !(volume.isFinite && volume >= 0) {
            return "\(name) must be a non-negative finite number, got \(volume)"
        }
        return nil
    }

    /// Why `reading` must not be stored, or nil when it is fine.
    public func problem(with reading: FearGreedReading) -> String? {
        if let problem = dayProblem(reading.day) { return problem }
        guard (0...100).contains(reading.value) else {
            return "value must be within 0...100, got \(reading.value)"
        }
        return nil
    }

    /// Why `row` of a generic series must not be stored, or nil when it is fine.
    public func problem(with row: DailyValues) -> String? {
        if let problem = dayProblem(row.day) { return problem }
        if row.day == today && row.complete {
            return "is marked complete but has not ended (today is \(today))"
        }
        if row.values.isEmpty { return "has no values" }
        for (column, value) in row.values.sorted(by: { $0.key < $1.key }) {
            if !value.isFinite { return "\(column) must be a finite number, got \(value)" }
            if column.isEmpty || column.contains(".") { return "column name \"\(column)\" is empty or has a '.'" }
        }
        return nil
    }

    private func dayProblem(_ day: Day) -> String? {
        day > today ? "is in the future (today is \(today))" : nil
    }
}
