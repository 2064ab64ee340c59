import ArgumentParser
import ForesiteCLI
import ForesiteCore
import ForesitePipeline
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

/// A day on which every source answers 503: the site is rebuilt from stored data with the stale-data
/// banner, `foresite run` exits with code 3, and nothing in the store changes.
@Suite(.serialized)
struct SourceFailureTests {
    @Test func unavailableSourcesGiveTheStaleBannerExitCodeThreeAndAnUnchangedStore() async throws {
        let demo = try DemoWorkspace()
        let firstDay = Day(iso: "2020-03-01")!
        _ = try await DailyRun.run(
            demo.on(firstDay), store: try demo.on(firstDay).openStore(), updater: DailyRun.demoUpdater)
        let store = try demo.on(firstDay).openStore()
        let hashBefore = try store.contentHash()
        let previous = try #require(try store.ledger.latest(model: .lstm))

        let server = try LoopbackServer { _, _ in .json(503, #"{"Data":{},"Err":{"type":1,"message":"down"}}"#) }
        defer { server.stop() }
        let config = """
            site:
              output: \(demo.workspace.outputURL.path)
              templates: \(demo.workspace.templatesURL.path)
              static: \(demo.workspace.staticURL.path)
            store:
              path: \(demo.workspace.storeURL.path)
              models: \(demo.workspace.modelsURL.path)
            model:
              epochs: 2
              hidden: 8
            sources:
              cryptocompare_url: \(server.baseURL.absoluteString)
              alternative_me_url: \(server.baseURL.absoluteString)
              retry:
                attempts: 1
                timeout_seconds: 5
            """
        let configPath = demo.directory.path("foresite.yml").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)

        var command = try #require(
            try Foresite.parseAsRoot(["run", "--config", configPath, "--now", firstDay.adding(days: 1).iso])
                as? any AsyncParsableCommand)
        await #expect(throws: ExitCode(3)) { try await command.run() }

        #expect(try store.contentHash() == hashBefore)
        let index = try String(
            contentsOf: demo.workspace.outputURL.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("Data as of \(firstDay.adding(days: -1).iso)"))
        #expect(index.contains("cryptocompare"))
        // The forecast published before the failure is still the one shown.
        #expect(index.contains(previous.steps[0].targetDay.iso))
        #expect(try store.ledger.latest(model: .lstm) == previous)
    }

    /// A source's name reaches the outcome and the banner whole, even with a colon in it: failures travel
    /// as values, never as "source: message" lines split again later.
    @Test func failuresTravelAsValuesFromTheUpdaterToTheBanner() async throws {
        let demo = try DemoWorkspace()
        let firstDay = Day(iso: "2020-03-01")!
        _ = try await DailyRun.run(
            demo.on(firstDay), store: try demo.on(firstDay).openStore(), updater: DailyRun.demoUpdater)
        let next = demo.on(firstDay.adding(days: 1))
        let failures = [
            SourceUpdate.Failure(
                source: "csv: river levels", group: "solana", problem: "HTTP 503", keptThrough: firstDay),
            SourceUpdate.Failure(source: "alternative.me", group: "fear_greed", problem: "no response within 1 s"),
        ]
        let report = try await DailyRun.run(
            next, store: try next.openStore(), updater: { _, _ in throw PipelineError.allSourcesFailed(failures) })
        #expect(report.outcome == .sourceFailed(["csv: river levels", "alternative.me"]))
        #expect(report.prediction == nil)
        let update = try #require(report.stages.first { $0.name == "update" })
        #expect(update.summary == "failed: " + failures.map(\.line).joined(separator: "; "))
        let index = try String(contentsOf: next.outputURL.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("csv: river levels"))
    }
}
