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
            demo.on(firstDay), store: try demo.on(firstDay).openStore(), isDemo: false, updater: DailyRun.demoUpdater)
        let store = try demo.on(firstDay).openStore()
        let hashBefore = try store.contentHash()
        let previous = try #require(try store.ledger.latest(model: ModelID.lstm.rawValue))

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
        #expect(try store.ledger.latest(model: ModelID.lstm.rawValue) == previous)
    }
}
