import ArgumentParser
import ForesiteCore
import ForesitePipeline
import ForesiteStore

/// `foresite predict`: the champion's forecast for the next days, appended to the forecast ledger.
struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Forecast the next days with the champion model and append the forecast to the ledger.",
        discussion: """
            The forecast starts from the last complete UTC day. The ledger keeps the first forecast made on \
            each day; running predict again the same day changes nothing.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingFailures {
            let workspace = try global.workspace()
            let store = try workspace.openStore()
            let report = try Prediction.run(workspace, store: store)
            workspace.console.line(ForecastTable.render(report.forecast, append: report.append))
            if let other = report.notRecorded {
                workspace.console.line(
                    "the first forecast of \(other.madeOn) stands; model \(other.modelVersion)'s was not recorded")
            }
        }
    }
}

/// The table `foresite predict` prints: one row per horizon with its intervals and change from today.
enum ForecastTable {
    static func render(_ forecast: LedgerForecast, append: LedgerAppend) -> String {
        let levels = forecast.steps.first?.intervals.map(\.level) ?? []
        var header = "day          h      point   change"
        for level in levels { header += String(format: "   %2.0f %% interval       ", level * 100) }
        var lines = [
            "forecast made \(forecast.madeOn) from \(forecast.origin) by model \(forecast.modelVersion); "
                + String(format: "last open %.2f", forecast.naive),
            header,
        ]
        for step in forecast.steps {
            var line = String(
                format: "%@  %2d %10.2f  %+6.1f %%", step.targetDay.iso, step.horizon, step.point,
                (step.point / forecast.naive - 1) * 100)
            for interval in step.intervals {
                line += String(format: "   %9.2f – %-9.2f", interval.lower, interval.upper)
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
