import ArgumentParser
import ForesiteCore
import ForesitePipeline
import ForesiteStore

/// `foresite predict`: the champion's forecast for the next days, appended to the forecast ledger.
struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract:
            "Forecast the next days with every enabled model; append them and the published choice to the ledger.",
        discussion: """
            The forecast starts from the last complete UTC day. The published forecast is the model with the \
            lowest relative WIS over selection.window_days among those better than persistence, else \
            persistence. The ledger keeps the first forecast made on each day by each model; running predict \
            again the same day changes nothing.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var targetOption: TargetOption
    @OptionGroup var jobs: JobsOption

    func run() async throws {
        try await reportingFailures {
            let workspace = jobs.applied(
                to: try targetOption.applied(to: global.workspace(), configPath: global.config))
            let store = try workspace.openStore()
            let report = try Prediction.run(workspace, store: store)
            workspace.console.line(
                ForecastTable.render(report.published, persistence: report.persistence, append: report.append))
            workspace.console.line(
                "models: "
                    + report.forecasts.map { "\($0.model) \(String(format: "%.2f", $0.steps.last?.median ?? .nan))" }
                    .joined(separator: ", ") + " (\(report.published.steps.count)-day medians)")
            for other in report.notRecorded {
                workspace.console.line(
                    "the first forecast of \(other.madeOn) by \(other.model) stands; \(other.modelVersion) was not recorded"
                )
            }
        }
    }
}

/// The table `foresite predict` prints: one row per horizon with the median, its change from the latest
/// known price, the intervals and persistence's median and 80 % interval.
enum ForecastTable {
    static func render(_ forecast: IssuedForecast, persistence: IssuedForecast?, append: LedgerAppend) -> String {
        let levels = forecast.steps.first?.forecast.intervals.map(\.level) ?? []
        var header = "day          h     median   change"
        for level in levels { header += String(format: "   %2.0f %% interval       ", level * 100) }
        header += "   persistence (80 %)"
        var lines = [
            "\(forecast.field) forecast made \(forecast.madeOn) from \(forecast.origin) by \(forecast.model) "
                + "\(forecast.modelVersion); "
                + String(format: "%@ close %.2f", forecast.origin.iso, forecast.reference),
            header,
        ]
        for step in forecast.steps {
            var line = String(
                format: "%@  %2d %10.2f  %+6.1f %%", step.targetDay.iso, step.horizon, step.median,
                (step.median / forecast.reference - 1) * 100)
            for interval in step.forecast.intervals {
                line += String(format: "   %9.2f – %-9.2f", interval.lower, interval.upper)
            }
            if let base = persistence?.step(horizon: step.horizon)?.forecast {
                line += String(format: "   %9.2f", base.median)
                if let interval = base.interval(level: 0.8) {
                    line += String(format: " (%.2f – %.2f)", interval.lower, interval.upper)
                }
            }
            lines.append(line)
        }
        switch append {
        case .appended: lines.append("appended to the ledger")
        case .alreadyRecorded: lines.append("already in the ledger for \(forecast.madeOn): unchanged")
        }
        return lines.joined(separator: "\n")
    }
}
