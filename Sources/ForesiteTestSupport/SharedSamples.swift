import ForesiteCore
import ForesiteIngest
import ForesiteML
import Foundation

/// The shared Kraken SOL/BTC exports and the Fear & Greed history, read with Ingest's `FileImporter`
/// (the same parsing `foresite backfill --file` and the training benchmark use).
public enum SharedSamples {
    public static func candles(_ name: String) throws -> [Candle] {
        let imported = try FileImporter.read(contentsOf: SharedData.url(name))
        guard case .candles(let candles) = imported else { throw SharedSampleError(file: name) }
        return candles
    }

    public static func fearGreed() throws -> [FearGreedReading] {
        let name = "fear-greed-alternative-me-fng-limit0.RECONSTRUCTED.json"
        guard case .fearGreed(let readings) = try FileImporter.read(contentsOf: SharedData.url(name)) else {
            throw SharedSampleError(file: name)
        }
        return readings
    }

    /// The default ten input columns joined from the shared files.
    public static func frame() throws -> FeatureFrame {
        try FeatureFrame.join(
            candles: [
                "solana": candles("sol-usd-kraken-daily-cryptocompare.csv"),
                "bitcoin": candles("btc-usd-kraken-daily-cryptocompare.csv"),
            ], fearGreed: fearGreed(), columns: Config.Model.defaultInputs)
    }
}

/// A shared file that imported as the other kind of data (candles where readings were expected).
public struct SharedSampleError: Error, CustomStringConvertible {
    public var file: String
    public var description: String { "shared sample '\(file)' does not hold the expected kind of data" }
}
