import ForesiteCore
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

/// Issue 7 item 2, the moment the crash harness once flagged: `foresite run --demo` on an empty workspace,
/// killed with SIGKILL right after its train stage reported, i.e. inside the demo's backtest.
///
/// `run` commits one transaction per stage (each a run-log row of its own), so what is left must be the
/// stages before the kill, whole, and nothing of the later ones: the simulated history, the update's rows
/// and the trained model, no forecast of today and no site; the backtest all there or not at all. Running again must then reach exactly
/// what an uninterrupted run reaches.
@Suite(.serialized)
struct CrashDuringRunTests {
    static let day = "2024-06-01"

    @Test func aKillDuringTheDemoBacktestLeavesTheEarlierStagesWholeAndTheRerunCatchesUp() throws {
        let binary = try #require(ForesiteBinary.built(), "foresite is built beside the tests")
        let reference = try TemporaryDirectory(prefix: "foresite-reference")
        try Self.writeConfig(into: reference.url)
        let arguments = ["run", "--demo", "--config", "foresite.yml", "--now", Self.day]

        let uninterrupted = try binary.run(arguments, in: reference.url, environment: [:])
        try #require(uninterrupted.status == 0, "\(String(decoding: uninterrupted.stderr, as: UTF8.self))")

        // The kill must land between the train stage's line and the predict stage's; on a machine so busy
        // that this reader falls behind the whole backtest, try again in a fresh folder.
        var landed: TemporaryDirectory?
        for _ in 0..<3 where landed == nil {
            let folder = try TemporaryDirectory(prefix: "foresite-killed")
            try Self.writeConfig(into: folder.url)
            let (output, wasKilled) = try Self.runKilling(binary, arguments, in: folder.url) { output in
                output.contains(#/(?m)^train +[0-9.]+ s /#)
            }
            if wasKilled && !output.contains(#/(?m)^predict +[0-9.]+ s /#) { landed = folder }
        }
        let killed = try #require(landed, "three kills in a row came after the predict stage")

        // Before the kill: the demo's history stage (60 simulated days, each with its own update, training
        // when due and predict), then today's update and train; not today's predict.
        let store = try FeatureStore(path: killed.path("data/demo.sqlite").path)
        let referenceStore = try FeatureStore(path: reference.path("data/demo.sqlite").path)
        let today = try #require(Day(iso: Self.day))
        let runs = try store.recentRuns(limit: 10)
        #expect(
            runs.prefix(3).map(\.command) == ["train", "update --demo", "predict"], "only finished stages are logged")
        #expect(runs.allSatisfy { $0.finishedAt != nil && $0.outcome == .ok })
        #expect(try !store.candles(group: "solana").isEmpty)
        #expect(try store.registry.all().count == referenceStore.registry.all().count)
        let forecasts = try store.ledger.forecasts()
        #expect(forecasts.allSatisfy { $0.madeOn < today }, "no forecast of today without its predict stage")
        #expect(try forecasts == referenceStore.ledger.forecasts().filter { $0.madeOn < today })
        #expect(!FileManager.default.fileExists(atPath: killed.path("docs").path), "no site without its build")
        let completeBacktest = try #require(try referenceStore.backtests.latest())
        if let partial = try store.backtests.latest() {
            #expect(partial.forecasts == completeBacktest.forecasts, "a backtest is all there or not at all")
        }

        let rerun = try binary.run(arguments, in: killed.url, environment: [:])
        #expect(rerun.status == 0, "\(String(decoding: rerun.stderr, as: UTF8.self))")
        #expect(try store.registry.all().map(\.version) == referenceStore.registry.all().map(\.version))
        #expect(try store.ledger.forecasts() == referenceStore.ledger.forecasts())
        #expect(try store.backtests.latest()?.forecasts == completeBacktest.forecasts)
        #expect(try store.candles(group: "solana") == referenceStore.candles(group: "solana"))
        #expect(try Self.files(under: killed.path("docs")) == Self.files(under: reference.path("docs")))
    }

    /// Runs the binary and kills it with SIGKILL as soon as its standard output satisfies `condition`;
    /// returns what it printed and whether the kill (not the end of the run) stopped it.
    static func runKilling(
        _ binary: ForesiteBinary, _ arguments: [String], in directory: URL, when condition: (String) -> Bool
    ) throws -> (output: String, killed: Bool) {
        let process = Process()
        process.executableURL = binary.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        var output = ""
        while case let chunk = stdout.fileHandleForReading.availableData, !chunk.isEmpty {
            output += String(decoding: chunk, as: UTF8.self)
            if condition(output) {
                kill(process.processIdentifier, SIGKILL)
                break
            }
        }
        process.waitUntilExit()
        return (output, process.terminationReason == .uncaughtSignal)
    }

    static func files(under folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for file in try SecretsCanaryTests.regularFiles(under: folder) {
            files[String(file.path.dropFirst(folder.path.count))] = try Data(contentsOf: file)
        }
        return files
    }

    /// The crash harness's workspace: a tiny model, retrained every day.
    static func writeConfig(into folder: URL) throws {
        let yaml = """
            site:
              title: Crash during run
              output: docs
              templates: \(SharedData.packageRoot.appendingPathComponent("templates").path)
              static: \(SharedData.packageRoot.appendingPathComponent("site/static").path)
            model:
              window: 5
              hidden: 4
              dense: 3
              epochs: 3
              ensemble: 1
              retrain_every_days: 1

            """
        try yaml.write(to: folder.appendingPathComponent("foresite.yml"), atomically: true, encoding: .utf8)
    }
}
