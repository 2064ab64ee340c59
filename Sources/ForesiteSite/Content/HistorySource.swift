import ForesiteCore

/// Where the CSV downloads read every stored day, which no page shows.
///
/// `SiteContent` holds only the windows the pages show (`DisplayWindow`), so the build does not grow with
/// the history; the downloads promise the whole history, so the pipeline hands a source that reads the
/// store one group at a time while its CSV is written. Content made in memory (tests, the synthetic site)
/// serves its own arrays.
public struct HistorySource: Sendable {
    /// Every stored candle of a feature group, oldest first.
    public var candles: @Sendable (_ group: String) throws -> [Candle]
    /// Every stored Fear & Greed reading, oldest first.
    public var fearGreed: @Sendable () throws -> [FearGreedReading]
    /// Every stored day of a CSV series' feature group (`SiteContent.csvSeries`), oldest first.
    public var values: @Sendable (_ group: String) throws -> [DailyValues]

    public init(
        candles: @escaping @Sendable (_ group: String) throws -> [Candle],
        fearGreed: @escaping @Sendable () throws -> [FearGreedReading],
        values: @escaping @Sendable (_ group: String) throws -> [DailyValues] = { _ in [] }
    ) {
        self.candles = candles
        self.fearGreed = fearGreed
        self.values = values
    }

    /// The content's own prices and readings: its whole history when it was made in memory. `SiteContent`
    /// holds no CSV series' values (no page shows them), so their downloads are empty but for the header.
    public static func inMemory(_ content: SiteContent) -> HistorySource {
        let prices = content.prices
        let readings = content.fearGreed
        return HistorySource(candles: { prices[$0] ?? [] }, fearGreed: { readings })
    }
}
