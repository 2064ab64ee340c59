import ForesiteCore

/// One series of the seeded `DemoMarket` as a `DailySource`: demo instrument `index`'s candles, or the
/// demo Fear & Greed Index, through the day before `today` (the last closed day).
public struct DemoSource: DailySource {
    public enum Series: Hashable, Sendable {
        case instrument(Int)
        case fearGreed
    }

    public var market: DemoMarket
    public var series: Series
    public var today: Day

    public init(market: DemoMarket = DemoMarket(), series: Series, today: Day) {
        self.market = market
        self.series = series
        self.today = today
    }

    public static let sourceName = "demo market"
    public var name: String { Self.sourceName }

    public func rows(since: Day?) async throws -> SourceRows {
        let last = today.adding(days: -1)
        switch series {
        case .instrument(let index):
            return .candles(
                market.candles(instrument: index, through: last).filter { since == nil || $0.day >= since! })
        case .fearGreed:
            return .fearGreed(market.fearGreed(through: last).filter { since == nil || $0.day >= since! })
        }
    }
}
