import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteIngest

/// The real samples in ../shared/data (see its PROVENANCE.md); skipped when the folder is absent.
@Suite(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct RealDataTests {
    @Test(arguments: [
        ("sol-usd-kraken-daily-cryptocompare.csv", 1286, "2021-06-17"),
        ("btc-usd-kraken-daily-cryptocompare.csv", 1300, "2021-06-03"),
    ])
    func importsTheKrakenCSVExports(name: String, rows: Int, first: String) throws {
        guard case .candles(let candles) = try FileImporter.read(contentsOf: SharedData.url(name)) else {
            Issue.record("\(name) was not read as candles"); return
        }
        #expect(candles.count == rows)
        #expect(candles.first?.day.iso == first && candles.last?.day.iso == "2024-12-23")
        // Only the export day, cut at about noon, is incomplete; the SOL listing day 2021-06-17 (first trade
        // 15:32, last 23:44) and the Kraken outage days 2021-06-24 and 2021-07-22 are complete.
        #expect(candles.filter { !$0.complete }.map(\.day.iso) == ["2024-12-23"])
        #expect(zip(candles, candles.dropFirst()).allSatisfy { $1.day == $0.day.adding(days: 1) })
    }

    @Test func importsTheReconstructedFearGreedHistory() throws {
        let url = SharedData.url("fear-greed-alternative-me-fng-limit0.RECONSTRUCTED.json")
        guard case .fearGreed(let readings) = try FileImporter.read(contentsOf: url) else {
            Issue.record("not read as Fear & Greed"); return
        }
        // PROVENANCE.md says 3121 entries, but the stored file stops at 2024-12-31 like every other series:
        // 2522 readings, with 2018-04-14…16 and 2024-10-26 missing upstream.
        #expect(readings.count == 2522)
        #expect(readings.first?.day.iso == "2018-02-01" && readings.last?.day.iso == "2024-12-31")
        #expect(readings.last?.value == 64 && readings.last?.classification == .greed)
        #expect(readings.allSatisfy { (0...100).contains($0.value) })
        let counts = Dictionary(grouping: readings, by: \.classification).mapValues(\.count)
        #expect(counts[.fear] == 740 && counts[.extremeGreed] == 271)
    }

    @Test func servesAndParsesTheReconstructedDataAPIResponse() async throws {
        let body = try Data(
            contentsOf: SharedData.url("cryptocompare-data-api-historical-days-sol-usd-kraken.RECONSTRUCTED.json"))
        let server = try LoopbackServer(script: [
            .respond(status: 200, headers: ["Content-Type": "application/json"], body: body)
        ])
        let client = Fixtures.cryptoCompare(server, http: Fixtures.http(today: Fixtures.day("2024-12-23")))
        let candles = try await client.candles(market: "kraken", instrument: "SOL-USD")
        #expect(candles.count == 30)
        #expect(candles.first?.day.iso == "2024-11-24" && candles.last?.day.iso == "2024-12-23")
        #expect(candles.last?.close == 183.61 && candles.last?.complete == false)
        #expect(candles.dropLast().allSatisfy { $0.complete })
    }

    @Test func servesAndParsesTheMinAPIErrorSamples() async throws {
        let file = try Data(contentsOf: SharedData.url("cryptocompare-min-api-error-samples.json"))
        let samples = try #require(
            (try JSONSerialization.jsonObject(with: file) as? [String: Any])?["samples"] as? [[String: Any]])
        #expect(samples.count == 5)
        for sample in samples {
            let body = try JSONSerialization.data(withJSONObject: try #require(sample["body"]))
            let message = try #require((sample["body"] as? [String: Any])?["Message"] as? String)
            let server = try LoopbackServer(script: [.respond(status: 200, body: body)])
            let error = try await #require(throws: IngestError.self) {
                try await Fixtures.cryptoCompare(server).candles(market: "kraken", instrument: "SOL-USD")
            }
            #expect(error.description == "cryptocompare: \(message) (HTTP 200)")
        }
    }
}
