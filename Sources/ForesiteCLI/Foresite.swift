import ArgumentParser

/// The `foresite` command: one subcommand per pipeline stage (README, "Commands"; Architecture.md, "The stages").
public struct Foresite: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "foresite",
        abstract: "Daily crypto-price forecasting pipeline that publishes a static site.",
        subcommands: [
            BackfillCommand.self, UpdateCommand.self, StatusCommand.self, TrainCommand.self, PredictCommand.self,
            BuildCommand.self, BacktestCommand.self, RunCommand.self, TargetsCommand.self, PreviewCommand.self,
        ]
    )

    public init() {}
}
