import ForesiteCore
import ForesiteML
import ForesiteTestSupport
import Foundation

/// The shared Kraken SOL/BTC exports and the Fear & Greed history, as Core values.
///
/// A minimal reader of the two layouts used here (CryptoCompare CSV export, alternative.me JSON),
/// standing in until ForesiteIngest's `FileImporter` lands on main.
enum SharedSamples {
    static func solana() throws -> [Candle] { try candles("sol-usd-kraken-daily-cryptocompare.csv") }
    static func bitcoin() throws -> [Candle] { try candles("btc-usd-kraken-daily-cryptocompare.csv") }

    static func candles(_ name: String) throws -> [Candle] {
        let text = try String(contentsOf: SharedData.url(name), encoding: .utf8)
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
        // The newest row of an export is the partial day it was taken on.
        candles[candles.count - 1].complete = false
        return candles
    }

    static func fearGreed() throws -> [FearGreedReading] {
        struct Response: Decodable {
            struct Entry: Decodable {
                var value: String
                var value_classification: String
                var timestamp: String
            }
            var data: [Entry]
        }
        let url = SharedData.url("fear-greed-alternative-me-fng-limit0.RECONSTRUCTED.json")
        let response = try JSONDecoder().decode(Response.self, from: Data(contentsOf: url))
        return response.data.map {
            FearGreedReading(
                day: Day(midnightTimestamp: Int($0.timestamp)!)!, value: Int($0.value)!,
                classification: FearGreedClass(label: $0.value_classification)!)
        }.sorted { $0.day < $1.day }
    }

    /// The default ten input columns joined from the shared files.
    static func frame() throws -> FeatureFrame {
        try FeatureFrame.join(
            candles: ["solana": solana(), "bitcoin": bitcoin()], fearGreed: fearGreed(),
            columns: Config.Model.defaultInputs)
    }
}
