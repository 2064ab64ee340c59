import ForesiteCore
import ForesiteIngest
import ForesitePipeline
import ForesiteTestSupport
import Foundation
import Testing

/// `make demo`'s configuration: three synthetic targets and a covariate the CSV source reads from a file
/// the demo market writes.
struct DemoConfigurationTests {
    @Test func theDemoHasThreeTargetsAndACSVCovariateThatFeedsTheModels() throws {
        let config = try ConfigLoader.load(path: SharedData.packageRoot.appendingPathComponent("site/demo.yml").path)
        #expect(config.targets.map(\.slug) == ["solana", "alt1", "alt2"])
        let csv = try #require(config.covariates.first { $0.source == .csv })
        #expect(config.targetConfigs.allSatisfy { $0.model.inputs.contains("\(csv.group).\(csv.fields[0])") })
    }

    @Test func theDemoWritesItsCSVAndTheCSVSourceReadsItBack() async throws {
        let directory = try TemporaryDirectory()
        var format = Config.CSVSeries(location: .file("data/demo.csv"), columns: ["vol7"])
        format.dateColumn = "day"
        let today = Day(iso: "2020-03-01")!
        let file = directory.path("data/demo.csv")
        let source = DemoCSVFile(file: file, format: format, clock: .at(today))
        guard case .values(let rows) = try await source.rows(since: nil) else {
            Issue.record("a CSV source returns values")
            return
        }
        // From the 8th day of the demo market (7 returns) through yesterday, one row a day, all complete.
        #expect(rows.first?.day == DemoMarket.epoch.adding(days: 7))
        #expect(rows.last?.day == today.adding(days: -1))
        #expect(rows.count == today.adding(days: -1).days(since: DemoMarket.epoch.adding(days: 7)) + 1)
        #expect(rows.allSatisfy { $0.complete && ($0.values["vol7"] ?? 0) > 0 })
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("day,vol7\n\(DemoMarket.epoch.adding(days: 7).iso),"))
        // Asking again writes the same file: the series is prefix-stable.
        _ = try await DemoCSVFile(file: file, format: format, clock: .at(today.adding(days: 1))).rows(since: today)
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix(text))
    }
}
