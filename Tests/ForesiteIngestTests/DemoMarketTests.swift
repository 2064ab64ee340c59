import ForesiteCore
import Foundation
import Testing

@testable import ForesiteIngest

@Suite struct DemoMarketTests {
    let market = DemoMarket(seed: 2019)
    let end = Day(iso: "2024-12-31")!

    @Test func isDeterministicAndDependsOnTheSeed() {
        #expect(
            market.candles(instrument: 0, through: end) == DemoMarket(seed: 2019).candles(instrument: 0, through: end))
        #expect(
            market.candles(instrument: 0, through: end) != DemoMarket(seed: 2020).candles(instrument: 0, through: end))
        #expect(market.fearGreed(through: end) == DemoMarket(seed: 2019).fearGreed(through: end))
    }

    @Test func startsAtTheEpochAndIsPrefixStable() {
        let long = market.history(instruments: 3, through: end)
        let short = market.history(instruments: 2, through: end.adding(days: -400))
        #expect(long.candles[0].first?.day == DemoMarket.epoch && long.candles[0].last?.day == end)
        #expect(Array(long.candles[0].prefix(short.candles[0].count)) == short.candles[0])
        #expect(Array(long.candles[1].prefix(short.candles[1].count)) == short.candles[1])
        #expect(Array(long.fearGreed.prefix(short.fearGreed.count)) == short.fearGreed)
        #expect(market.candles(instrument: 1, through: end) == long.candles[1])
        #expect(market.history(instruments: 10, through: end).candles[2] == long.candles[2])
        #expect(market.candles(instrument: 0, through: DemoMarket.epoch.adding(days: -1)).isEmpty)
    }

    @Test(arguments: 0..<4)
    func candlesAreConsistent(instrument: Int) {
        let candles = market.candles(instrument: instrument, through: end)
        for (previous, candle) in zip(candles, candles.dropFirst()) {
            #expect(candle.open == previous.close)
        }
        #expect(
            candles.allSatisfy { c in
                c.low > 0 && c.low <= min(c.open, c.close) && c.high >= max(c.open, c.close) && c.volume > 0
                    && c.volumeBuy > 0 && c.volumeSell > 0
                    && abs(c.volumeBuy + c.volumeSell - c.volume) <= 1e-9 * c.volume
                    && c.complete
            })
    }

    /// Log returns of 20 years; the tolerances allow for the sampling error of GARCH-clustered volatility.
    @Test func hasTheStatedVolatilityAndCorrelation() {
        let history = DemoMarket(seed: 7).history(instruments: 2, through: DemoMarket.epoch.adding(days: 7_300))
        let sol = logReturns(history.candles[0])
        let btc = logReturns(history.candles[1])
        #expect(abs(standardDeviation(sol) - 0.045) < 0.006)
        #expect(abs(standardDeviation(btc) - 0.028) < 0.004)
        #expect(abs(correlation(sol, btc) - 0.75) < 0.06)
        // Volatility clustering: squared returns are autocorrelated.
        #expect(correlation(Array(btc.dropLast().map { $0 * $0 }), Array(btc.dropFirst().map { $0 * $0 })) > 0.05)
    }

    @Test func fearAndGreedFollowsMomentum() {
        let history = market.history(instruments: 2, through: end)
        let btc = history.candles[1]
        let momentum = (14..<btc.count).map { log(btc[$0].close / btc[$0 - 13].open) }
        let values = history.fearGreed.dropFirst(14).map { Double($0.value) }
        #expect(correlation(momentum, Array(values)) > 0.6)
        #expect(history.fearGreed.allSatisfy { $0.classification == FearGreedClass(value: $0.value) })
        #expect(Set(history.fearGreed.map(\.classification)).count == 5)
    }

    /// Twenty years stay well-formed: every day once, positive prices, no value running off to zero or
    /// infinity. (How fast it is, is not a test's business: the demo's run time is in the README.)
    @Test func twentyYearsOfThreeInstrumentsStayWellFormed() {
        let last = DemoMarket.epoch.adding(days: 7_305)
        let history = market.history(instruments: 3, through: last)
        #expect(history.candles.count == 3 && history.fearGreed.count == 7_306)
        for candles in history.candles {
            #expect(candles.count == 7_306 && candles.first?.day == DemoMarket.epoch && candles.last?.day == last)
            #expect(zip(candles, candles.dropFirst()).allSatisfy { $1.day == $0.day.adding(days: 1) })
            #expect(candles.allSatisfy { $0.close.isFinite && $0.close > 0 && $0.low <= $0.high })
        }
    }

    private func logReturns(_ candles: [Candle]) -> [Double] { candles.map { log($0.close / $0.open) } }

    private func standardDeviation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }

    private func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count)
        let my = y.reduce(0, +) / Double(y.count)
        let sxy = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
        let syy = y.map { ($0 - my) * ($0 - my) }.reduce(0, +)
        return sxy / (sxx * syy).squareRoot()
    }
}
