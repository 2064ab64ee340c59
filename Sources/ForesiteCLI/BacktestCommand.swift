import ArgumentParser
import ForesiteCore
import ForesitePipeline
import Foundation

/// `foresite backtest`: walk-forward evaluation of both LSTM target modes and drift against persistence.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Walk-forward backtest of the model and drift against persistence.",
        discussion: """
            Forecasts every day from --from to --to as if live: the models are retrained every N days on \
            the data up to that day only (an expanding window), each forecast sees only data up to its \
            origin, and its conformal intervals come from that training's held-out windows. Every model \
            forecasts a median with 50/80/95 % intervals; persistence (the origin's close, with quantiles \
            from past changes) is the reference. Stores every forecast in the backtest archive and prints \
            per model and horizon the MAE of the median, the WIS, the relative WIS against persistence \
            with its Diebold–Mariano p-value and verdict, and the intervals' measured coverage.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var targetOption: TargetOption
    @OptionGroup var jobs: JobsOption

    @Option(help: ArgumentHelp("First forecast origin (default: one year before --to).", valueName: "DAY"))
    var from: String?

    @Option(
        help: ArgumentHelp(
            "Last forecast origin (default: the last day whose targets are all known).", valueName: "DAY"))
    var to: String?

    @Option(help: "Retrain every N days (default: model.retrain_every_days).")
    var retrainEvery: Int?

    @Option(help: "Ensemble members per retraining (default: model.ensemble).")
    var ensemble: Int?

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Day(iso: value) == nil {
                throw ValidationError("\(name) must be a day as YYYY-MM-DD, got \"\(value)\"")
            }
        }
        if let retrainEvery, retrainEvery < 1 { throw ValidationError("--retrain-every must be at least 1") }
        if let ensemble, ensemble < 1 { throw ValidationError("--ensemble must be at least 1") }
    }

    func run() async throws {
        try await reportingFailures {
            let workspace = jobs.applied(
                to: try targetOption.applied(to: global.workspace(), configPath: global.config))
            let store = try workspace.openStore()
            let options = Backtesting.Options(
                from: from.flatMap { Day(iso: $0) }, to: to.flatMap { Day(iso: $0) }, retrainEvery: retrainEvery,
                ensemble: ensemble)
            let report = try Backtesting.run(workspace, store: store, options: options)
            workspace.console.line(report.result.summaryTable(wording: workspace.config.targetWording))
            workspace.console.line("stored as backtest \(report.runID)")
        }
    }
}
