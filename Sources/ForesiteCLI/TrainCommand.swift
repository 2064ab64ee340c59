import ArgumentParser
import ForesiteCore
import ForesitePipeline
import Foundation

/// `foresite train`: build the training set, train, evaluate beside naive, register, promote if better.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model version from the store, evaluate it against naive, and promote it if better.",
        discussion: """
            Uses only complete days. The newest 20 % of windows are the test set and the newest 30 % of the \
            rest the validation set; scalers are fit on the training windows only. The model is saved under \
            the configured models folder, recorded in the registry, and becomes champion only if it beats \
            the champion on the same test windows (or, with `promotion: r2_threshold`, if test R² > 0.3).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var targetOption: TargetOption
    @OptionGroup var jobs: JobsOption

    func run() async throws {
        try await reportingFailures {
            let workspace = jobs.applied(
                to: try targetOption.applied(to: global.workspace(), configPath: global.config))
            let store = try workspace.openStore()
            let report = try Training.run(workspace, store: store)
            workspace.console.line(TrainingSummaryTable.render(report))
        }
    }
}

/// The table `foresite train` prints.
enum TrainingSummaryTable {
    static func render(_ report: Training.Report) -> String {
        let member = report.members[0]
        let eval = report.evaluation
        func row(_ label: String, _ model: Double, _ naive: Double, _ format: String) -> String {
            label.padding(toLength: 14, withPad: " ", startingAt: 0)
                + String(format: "%12@ %12@", String(format: format, model), String(format: format, naive))
        }
        var lines = [
            "model \(report.version) — \(report.members.count) member(s), \(report.split.training)/"
                + "\(report.split.validation)/\(report.split.test) windows (train/validation/test)",
            "epochs run \(member.epochsRun) of \(member.epochsPlanned), best epoch \(member.bestEpoch), "
                + String(format: "%.2f s", report.seconds),
            "test windows \(report.testWindow.first) … \(report.testWindow.last)",
            "",
            "metric (USD)          model        naive",
        ]
        for (name, part) in [("validation", eval.validation), ("test", eval.test)] {
            lines.append(row("\(name) MAE", part.model.mae, part.naive.mae, "%.2f"))
            lines.append(row("\(name) RMSE", part.model.rmse, part.naive.rmse, "%.2f"))
            lines.append(row("\(name) MAPE", part.model.mape, part.naive.mape, "%.2f %%"))
            lines.append(row("\(name) R²", part.model.r2, part.naive.r2, "%.3f"))
        }
        lines.append("")
        lines.append((report.promoted ? "promoted to champion: " : "not promoted: ") + report.promotionReason)
        lines.append("saved \(report.bundlePath)")
        return lines.joined(separator: "\n")
    }
}
