import ForesiteCore
import Foundation

/// A CSV series in the demo: the demo market writes a synthetic daily series to the configured file, and
/// the real `CSVSource` reads it back, so the demo exercises the CSV path (parsing, validation, storage)
/// offline. The series is the BTC-like instrument's realised volatility over the last 7 days, in percent
/// a day; every configured column gets it. Dates are written as the configuration reads them
/// (`yyyy-MM-dd` or unix seconds).
public struct DemoCSVFile: DailySource {
    public var market: DemoMarket
    public var file: URL
    public var format: Config.CSVSeries
    public var clock: Clock

    public init(market: DemoMarket = DemoMarket(), file: URL, format: Config.CSVSeries, clock: Clock) {
        self.market = market
        self.file = file
        self.format = format
        self.clock = clock
    }

    public var name: String { "\(DemoSource.sourceName) via csv \(format.locationText)" }

    /// Days of BTC-like returns each volatility value is taken over.
    static let window = 7

    public func rows(since: Day?) async throws -> SourceRows {
        try write(through: clock.today.adding(days: -1))
        return try await CSVSource(location: .file(file), format: format, clock: clock).rows(since: since)
    }

    /// The file's text through `last`, written atomically (a reader never sees half a file).
    func write(through last: Day) throws {
        let candles = market.candles(instrument: 1, through: last)
        var lines = [([format.dateColumn] + format.columns).joined(separator: ",")]
        guard candles.count > Self.window else { return try save(lines) }
        for index in Self.window..<candles.count {
            let returns = (index - Self.window + 1...index).map { log(candles[$0].close / candles[$0 - 1].close) }
            let mean = returns.reduce(0, +) / Double(returns.count)
            let variance = returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(returns.count - 1)
            let value = String(format: "%.4f", 100 * variance.squareRoot())
            let day = candles[index].day
            let date = format.dateFormat == Config.CSVSeries.unixSeconds ? "\(day.timestamp)" : day.iso
            lines.append(([date] + format.columns.map { _ in value }).joined(separator: ","))
        }
        try save(lines)
    }

    private func save(_ lines: [String]) throws {
        guard
            format.dateFormat == Config.CSVSeries.defaultDateFormat || format.dateFormat == Config.CSVSeries.unixSeconds
        else {
            throw IngestError(
                source: name,
                reason: .unrecognisedFormat(
                    detail: "the demo writes dates as yyyy-MM-dd or unix, not \(format.dateFormat)"))
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file, options: .atomic)
    }
}
