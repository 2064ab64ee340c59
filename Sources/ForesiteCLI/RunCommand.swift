import ArgumentParser
import ForesiteCore
import ForesitePipeline

/// `foresite run`: the daily job.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The daily job: update → train when due → predict → build.",
        discussion: """
            A new model is trained when there is no champion yet, when the model section of the \
            configuration changed, or when retrain_every_days have passed since the newest model.

            --demo runs offline on a seeded synthetic market in a separate store (data/demo.sqlite) and \
            marks every page "Demo data — synthetic series". Its first run also simulates the daily runs \
            of the last 60 days (retraining weekly; --demo-history DAYS), so the demo's ledger and accuracy \
            pages are filled. \
            With --now DAY any day can be simulated.

            With a targets: configuration each target runs in its own store (data/<slug>/), then the whole \
            site is built. --only SLUG (repeatable) runs just those targets and builds nothing: one shard \
            of a matrix job whose last step gathers every data/<slug>/ and runs `foresite build` \
            (README, "Many series").

            Exit codes:
              0  success
              1  failure; nothing new was published
              2  bad configuration; nothing was touched
              3  a data source failed; the site was rebuilt from stored data with a "data as of DAY — \
            source X failed" banner (publish it, then flag the run)
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var jobs: JobsOption

    @Flag(help: "Run offline on the synthetic demo market (store data/demo.sqlite).")
    var demo = false

    @Option(help: "With --demo: how many past days of daily runs to simulate first (0 = none).")
    var demoHistory = DemoHistory.days

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp(
            "With targets: in the configuration: run only this target (repeatable); no site build.",
            valueName: "SLUG"))
    var only: [String] = []

    func validate() throws {
        if demoHistory < 0 { throw ValidationError("--demo-history must not be negative, got \(demoHistory)") }
    }

    func run() async throws {
        try await reportingFailures {
            var workspace = jobs.applied(to: try global.workspace())
            if demo { workspace = Demo.workspace(from: workspace) }
            let updater = workspace.isDemo ? DailyRun.demoUpdater : DailyRun.liveUpdater
            let firstStages = demo ? [DemoHistory.stage(days: demoHistory)] : []
            let extraStages = demo ? [DemoBacktest.stage] : []
            let outcome: DailyRun.Outcome
            if workspace.config.hasTargetList {
                outcome = try await TargetsRun.run(
                    workspace, only: only, updater: updater, firstStages: firstStages, extraStages: extraStages
                ).outcome
            } else {
                guard only.isEmpty else {
                    throw CommandFailure(
                        message: "--only needs a targets: list in \(global.config); it has one target",
                        exitCode: .badConfiguration)
                }
                let store = try workspace.openStore()
                outcome = try await DailyRun.run(
                    workspace, store: store, updater: updater, firstStages: firstStages, extraStages: extraStages
                ).outcome
            }
            if case .sourceFailed(let sources) = outcome {
                printError("data source failed (\(sources.joined(separator: ", "))); site rebuilt from stored data")
                throw ExitCode.sourceFailed
            }
        }
    }
}
