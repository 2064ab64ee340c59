import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

/// `hub/` in the Hubverse formats, read as a hub's validation would read it.
@Suite("The hub export follows the Hubverse formats")
struct HubExportTests {
    static let columns = "origin_date,target,horizon,target_end_date,output_type,output_type_id,value"
    static let levels = ["0.025", "0.1", "0.25", "0.5", "0.75", "0.9", "0.975"]

    static func lines(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test func everyModelOutputFileHasTheSevenColumnsAndSevenNonCrossingQuantilesPerHorizon() throws {
        let content = SiteFixture.content()
        let files = try SiteFixture.builder().render(content)
        let outputs = files.paths.filter { $0.hasPrefix("hub/model-output/") }
        let models = Set(outputs.map { $0.split(separator: "/")[2] })
        #expect(
            models == [
                "foresite-drift", "foresite-ensemble", "foresite-garch", "foresite-lstm",
                "foresite-persistence", "foresite-quantile_ar",
            ])
        #expect(outputs.count == models.count * content.archive.count, "one file per model and origin")
        for path in outputs {
            let parts = path.split(separator: "/")
            let model = String(parts[2])
            let name = String(parts[3])
            #expect(name.hasSuffix("-\(model).csv"), "\(path) is not <origin>-<model_id>.csv")
            let origin = String(name.prefix(10))
            let text = try #require(files.text(path))
            let rows = Self.lines(text)
            #expect(rows.first?.joined(separator: ",") == Self.columns, "\(path) header")
            var byHorizon: [String: [(level: String, value: Double)]] = [:]
            for row in rows.dropFirst() {
                #expect(row.count == 7, "\(path): \(row)")
                #expect(row[0] == origin && row[4] == "quantile" && row[1] == "solana close", "\(path): \(row)")
                let horizon = try #require(Int(row[2]))
                #expect(row[3] == Day(iso: origin)!.adding(days: horizon).iso, "\(path): target_end_date")
                byHorizon[row[2], default: []].append((row[5], try #require(Double(row[6]))))
            }
            #expect(byHorizon.count == 10, "\(path) has \(byHorizon.count) horizons")
            for (horizon, quantiles) in byHorizon {
                #expect(quantiles.map(\.level) == Self.levels, "\(path) horizon \(horizon) levels")
                let values = quantiles.map(\.value)
                #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "\(path) horizon \(horizon) crosses")
            }
        }
    }

    @Test func thePublishedPseudoModelIsNotExported() throws {
        let content = SiteFixture.content()
        #expect(content.ledgerRecords.contains { $0.model == ModelID.published.rawValue })
        let files = try SiteFixture.builder().render(content)
        #expect(!files.paths.contains { $0.contains("published") })
    }

    @Test func everyExportedModelHasMetadataWithTheHubverseKeys() throws {
        let files = try SiteFixture.builder().render(SiteFixture.content())
        let models = Set(files.paths.filter { $0.hasPrefix("hub/model-output/") }.map { $0.split(separator: "/")[2] })
        for model in models {
            let yaml = try #require(files.text("hub/model-metadata/\(model).yml"), "\(model) lacks metadata")
            var fields: [String: String] = [:]
            for line in yaml.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                fields[String(parts[0])] = String(parts[1]).trimmingCharacters(in: .whitespaces)
            }
            for key in [
                "team_name", "team_abbr", "model_name", "model_abbr", "model_contributors", "website_url",
                "designated_model", "methods", "data_inputs", "ensemble_of_models", "ensemble_of_hub_models",
            ] {
                #expect(fields[key] != nil, "\(model).yml lacks \(key)")
            }
            let team = try #require(fields["team_abbr"]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let abbr = try #require(fields["model_abbr"]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            #expect("\(team)-\(abbr)" == model)
            for part in [team, abbr] {
                #expect(part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "\(part) has a hyphen")
            }
            let methods = try #require(fields["methods"])
            #expect(methods.count <= 202, "methods is \(methods.count) characters")
        }
        #expect(files.text("hub/model-metadata/foresite-ensemble.yml")?.contains("ensemble_of_models: true") == true)
    }

    @Test func targetDataIsTheTargetsWholeHistory() throws {
        let content = SiteFixture.content()
        let files = try SiteFixture.builder().render(content)
        let rows = Self.lines(try #require(files.text("hub/target-data/time-series.csv")))
        #expect(rows.first == ["target_end_date", "target", "observation"])
        #expect(rows.count - 1 == content.targetCandles.count)
        let last = try #require(rows.last)
        let candle = try #require(content.targetCandles.last)
        #expect(last[0] == candle.day.iso && last[1] == "solana close")
        #expect(abs(try #require(Double(last[2])) - candle.close) < 1e-9 * candle.close)
    }

    @Test func anOriginForecastTwiceKeepsTheFirstDaysRows() throws {
        var content = SiteFixture.content()
        let original = content.ledgerRecords.filter { $0.model == "drift" && $0.origin == content.asOf }
        content.ledgerRecords += original.map { record in
            var later = record
            later.madeOn = record.madeOn.adding(days: 1)
            later.forecast.median += 1000
            return later
        }
        let files = try SiteFixture.builder().render(content)
        let text = try #require(files.text("hub/model-output/foresite-drift/\(content.asOf.iso)-foresite-drift.csv"))
        #expect(Self.lines(text).count == 1 + 7 * original.count)
        #expect(!text.contains(String(original[0].forecast.median + 1000)))
    }

    /// However a ledger's rows interleave (forecasts of one origin made on two days, rows of several
    /// models in turn), each model and origin gets the first day's rows by horizon, as a plain grouping
    /// of every row gives them.
    @Test func rowsAreGroupedByModelAndOriginHoweverTheyInterleave() {
        let content = SiteFixture.content()
        var records = content.ledgerRecords
        records += records.filter { $0.origin == content.asOf }.map { record in
            var later = record
            later.madeOn = record.madeOn.adding(days: 1)
            return later
        }
        var generator = SeededGenerator(seed: 5)
        let orders = [records, records.reversed(), records.shuffled(using: &generator)]
        for rows in orders {
            var expected: [String: [Int: [Int]]] = [:]
            for index in rows.indices where rows[index].model != ModelID.published.rawValue {
                expected[rows[index].model, default: [:]][rows[index].origin.daysSinceEpoch, default: []].append(index)
            }
            let grouped = HubExport.forecastsByModelAndOrigin(rows)
            #expect(grouped.map(\.model.rawValue) == expected.keys.sorted())
            for (model, origins) in grouped {
                let plain = expected[model.rawValue] ?? [:]
                #expect(origins.map(\.origin.daysSinceEpoch) == plain.keys.sorted())
                for (origin, indices) in origins {
                    let all = plain[origin.daysSinceEpoch] ?? []
                    let first = all.map { rows[$0].madeOn }.min()
                    let kept = all.filter { rows[$0].madeOn == first }.map { rows[$0] }
                    #expect(indices.map { rows[$0] } == kept.sorted { $0.horizon < $1.horizon })
                }
            }
        }
    }

    /// A forecast file's rows share their first fields, escaped once: the bytes are those of writing every
    /// field in turn, also for a target whose name needs quoting.
    @Test func sharedFieldsWriteTheBytesOfEachFieldInTurn() {
        var each = CSVWriter(header: ["a", "b", "c", "d"])
        var shared = CSVWriter(header: ["a", "b", "c", "d"])
        let fragment = CSVWriter.fragment(["x,y", "say \"hi\"", "plain"])
        for _ in 0..<2 {
            for value in ["x,y", "say \"hi\"", "plain"] { each.field(value) }
            each.number(1.5)
            each.endRow()
            shared.fragment(fragment)
            shared.number(1.5)
            shared.endRow()
        }
        #expect(shared.bytes == each.bytes)
        #expect(String(decoding: shared.bytes, as: UTF8.self).hasSuffix("\"x,y\",\"say \"\"hi\"\"\",plain,1.5\r\n"))

        let day = Day(iso: "2025-03-01")!
        let records = (1...3).map { horizon in
            LedgerRecord(
                madeOn: day, model: "lstm", modelVersion: "v1", targetGroup: "solana", field: "close", origin: day,
                horizon: horizon, targetDay: day.adding(days: horizon), reference: 100,
                forecast: QuantileForecast(
                    median: 100 + Double(horizon),
                    intervals: horizon == 2
                        ? [PredictionInterval(level: 0.8, lower: 90, upper: 110)]
                        : QuantileForecast.standardLevels.map {
                            PredictionInterval(level: $0, lower: 100 - 20 * $0, upper: 100 + 20 * $0)
                        }), inputHash: "h", previousHash: "", hash: "")
        }
        for target in ["solana close", "river, level \"a\""] {
            var reference = CSVWriter(header: HubExport.columns)
            for record in records {
                for (level, label) in HubExport.quantileLabels {
                    guard let value = record.forecast.value(atQuantile: level) else { continue }
                    for field in [record.origin.iso, target, String(record.horizon), record.targetDay.iso] {
                        reference.field(field)
                    }
                    reference.field("quantile")
                    reference.field(label)
                    reference.number(value)
                    reference.endRow()
                }
            }
            #expect(HubExport.modelOutput(records, target: target) == reference.bytes)
        }
    }

    @Test func aSiteWithoutTheExportHasNoHubAndLinksNone() throws {
        var content = SiteFixture.content()
        content.site.hubExport = false
        // `render` checks the site: no page may link a hub file that is not there.
        let files = try SiteFixture.builder().render(content)
        #expect(files.contains("index.html") && !files.paths.contains { $0.hasPrefix("hub/") })
        let accuracy = try #require(files.text("accuracy.html"))
        #expect(!accuracy.contains("hub/") && accuracy.contains("The leaderboard's numbers are in"))
        let modelPages = files.paths.filter { $0.hasPrefix("models/") }
        #expect(!modelPages.isEmpty && modelPages.allSatisfy { files.text($0)?.contains("Hubverse") == false })
        // With the export (the default) the same paragraph points to it.
        let exported = try SiteFixture.builder().render(SiteFixture.content())
        #expect(exported.text("accuracy.html")?.contains("forecast hubs' format under <a href=\"hub/") == true)
    }
}
