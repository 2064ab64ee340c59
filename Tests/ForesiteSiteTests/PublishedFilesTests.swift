import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

/// The machine-readable forecast and the ledger download, read as their users would read them.
@Suite("latest.json and ledger.csv keep their promises")
struct PublishedFilesTests {
    static let quantileKeys = ["0.025", "0.1", "0.25", "0.5", "0.75", "0.9", "0.975"]

    @Test func latestJSONHasTheDocumentedKeysAndSevenAscendingQuantilesPerHorizon() throws {
        let content = SiteFixture.content()
        let files = try SiteFixture.builder().render(content)
        let data = Data(try #require(files["api/latest.json"]))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["origin", "made_on", "reference_price", "field", "model", "model_version", "horizons"] {
            #expect(json[key] != nil, "latest.json lacks \(key)")
        }
        let forecast = try #require(content.latestForecast)
        #expect(json["origin"] as? String == forecast.origin.iso)
        #expect(json["field"] as? String == "close")
        #expect(abs((json["reference_price"] as? Double ?? 0) - forecast.reference) < 1e-9)
        let horizons = try #require(json["horizons"] as? [[String: Any]])
        #expect(horizons.count == forecast.steps.count)
        for (horizon, step) in zip(horizons, forecast.steps) {
            #expect(Set(horizon.keys) == ["horizon", "target_day", "median", "quantiles", "persistence"])
            #expect(horizon["target_day"] as? String == step.targetDay.iso)
            for side in [horizon, try #require(horizon["persistence"] as? [String: Any])] {
                let quantiles = try #require(side["quantiles"] as? [String: Double])
                #expect(quantiles.keys.sorted() == Self.quantileKeys)
                let values = Self.quantileKeys.map { quantiles[$0]! }
                #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "quantiles not ascending")
                #expect(abs(values[3] - (side["median"] as? Double ?? .nan)) < 1e-9 * values[3])
            }
        }
        // The keys appear in ascending order in the bytes too (sorted keys), so diffs stay readable.
        let text = try #require(files.text("api/latest.json"))
        let offsets = Self.quantileKeys.compactMap { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(offsets.count == 7 && offsets == offsets.sorted())
    }

    /// The check a reader runs (README): each line's hash over the previous hash and its content.
    static func verify(_ csv: String) -> Int? {
        var previous = LedgerRecord.genesis
        let lines = csv.split(separator: "\n").dropFirst()
        for (index, line) in lines.enumerated() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let hash = fields.removeLast()
            let recordedPrevious = fields.removeLast()
            guard recordedPrevious == previous,
                SHA256.hex(recordedPrevious + "," + fields.joined(separator: ",")) == hash
            else { return index + 1 }
            previous = hash
        }
        return nil
    }

    @Test func everyLedgerLineVerifiesAndATamperedLineDoesNot() throws {
        let content = SiteFixture.content()
        let csv = try #require(try SiteFixture.builder().render(content).text("downloads/ledger.csv"))
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.first.map(String.init)
                == (LedgerRecord.contentColumns + ["previous_sha256", "sha256"]).joined(separator: ","))
        #expect(lines.count == content.ledgerRecords.count + 2, "header, one line per record, final newline")
        #expect(content.ledgerRecords.count > content.ledger.count, "persistence's rows are in the chain too")
        #expect(Self.verify(csv) == nil)

        // Nudge one quantile of the fifth row: that row, and only from there on, fails.
        var tampered = lines.map(String.init)
        var fields = tampered[5].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = try #require(LedgerRecord.contentColumns.firstIndex(of: "q0.5"))
        fields[column] = String((Double(fields[column]) ?? 0) + 0.01)
        tampered[5] = fields.joined(separator: ",")
        #expect(Self.verify(tampered.joined(separator: "\n")) == 5)

        // Dropping a row breaks the link to the next one.
        var shortened = lines.map(String.init)
        shortened.remove(at: 3)
        #expect(Self.verify(shortened.joined(separator: "\n")) == 3)
    }
}
