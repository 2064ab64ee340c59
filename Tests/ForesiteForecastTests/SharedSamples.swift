import ForesiteCore
import ForesiteML
import ForesiteTestSupport
import Foundation

/// A minimal reader of the two shared-data layouts the real-data backtest test needs (CryptoCompare CSV
/// export, alternative.me JSON); the production path reads the same files through ForesiteIngest.
enum SharedSamples {
    /// The default ten inputs joined from the shared Kraken exports and the Fear & Greed history.
    static func frame() throws -> FeatureFrame {
        try FeatureFrame.join(
            candles: [
                "solana": candles(SharedData.url("sol-usd-kraken-daily-cryptocompare.csv")),
                "bitcoin": candles(SharedData.url("btc-usd-kraken-daily-cryptocompare.csv")),
            ],
            fearGreed: fearGreed(SharedData.url("fear-greed-alternative-me-fng-limit0.RECONSTRUCTED.json")),
            columns: Config.Model.defaultInputs)
    }

    static func candles(_ url: URL) throws -> [Candle] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        let (t, o, h, l, c) = (column("TIMESTAMP"), column("OPEN"), column("HIGH"), column("LOW"), column("CLOSE"))
        let (v, vb, vs) = (column("VOLUME"), column("VOLUME_BUY"), column("VOLUME_SELL"))
        var candles = lines.map { line -> Candle in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return Candle(
                day: Day(midnightTimestamp: Int(f[t])!)!, open: Double(f[o])!, high: Double(f[h])!,
                low: Double(f[l])!, close: Double(f[c])!, volume: Double(f[v])!, volumeBuy: Double(f[vb])!,
                volumeSell: Double(f[vs])!)
        }
        // The newest row of an export is the partial day it was taken on (PROVENANCE.md).
        candles[candles.count - 1].complete = false
        return candles
    }

    static func fearGreed(_ url: URL) throws -> [FearGreedReading] {
        struct Response: Decodable {
            struct Entry: Decodable {
                var value: String
                var value_classification: String
                var timestamp: String
            }
            var data: [Entry]
        }
        let response = try JSONDecoder().decode(Response.self, from: Data(contentsOf: url))
        return response.data.map {
            FearGreedReading(
                day: Day(midnightTimestamp: Int($0.timestamp)!)!, value: Int($0.value)!,
                classification: FearGreedClass(label: $0.value_classification)!)
        }.sorted { $0.day < $1.day }
    }
}
