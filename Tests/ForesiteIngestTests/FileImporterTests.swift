import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteIngest

@Suite struct FileImporterTests {
    @Test func recognisesACSVExport() throws {
        let data = CryptoCompareCSVTests.file([
            CryptoCompareCSVTests.row("2024-12-22"), CryptoCompareCSVTests.row("2024-12-23", lastTrade: 40_000),
        ])
        guard case .candles(let candles) = try FileImporter.read(data, source: "sol.csv") else {
            Issue.record("not candles"); return
        }
        #expect(candles.map(\.complete) == [true, false])
    }

    @Test func recognisesASavedDataAPIResponse() throws {
        let data = Data(Fixtures.dataAPIPage(from: Fixtures.day("2024-12-01"), count: 3).utf8)
        guard case .candles(let candles) = try FileImporter.read(data, source: "sol.json") else {
            Issue.record("not candles"); return
        }
        #expect(candles.count == 3 && candles.allSatisfy { $0.complete })
    }

    @Test func recognisesASavedAlternativeMeResponse() throws {
        let data = Data(Fixtures.fearGreedBody([("2024-12-31", 64, "Greed")]).utf8)
        #expect(
            try FileImporter.read(data, source: "fng.json")
                == .fearGreed([FearGreedReading(day: Fixtures.day("2024-12-31"), value: 64, classification: .greed)]))
    }

    @Test(arguments: [
        (
            "date,value\n2024-01-01,3\n",
            "fng.csv: not a CryptoCompare CSV export or saved API response: first line is \"date,value\""
        ),
        (
            "{\"prices\":[]}",
            "x.json: not a CryptoCompare CSV export or saved API response: a JSON object with keys prices but no Data or data"
        ),
        ("  \n", "x.json: file is empty"),
    ])
    func rejectsOtherContentClearly(text: String, message: String) throws {
        let source = message.components(separatedBy: ":")[0]
        let error = try #require(throws: IngestError.self) { try FileImporter.read(Data(text.utf8), source: source) }
        #expect(error.description == message)
    }

    @Test func reportsAMissingFile() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: IngestError.self) {
            try FileImporter.read(contentsOf: directory.path("none.csv"))
        }
        #expect(error.description.hasPrefix("none.csv: cannot read file:"))
    }
}
