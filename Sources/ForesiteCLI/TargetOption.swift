import ArgumentParser
import ForesitePipeline

/// `--target SLUG` for the commands that work on one series' store (backfill, update, status, train,
/// predict, backtest): required with a `targets:` configuration, where every target has its own store.
struct TargetOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "With targets: in the configuration: the target whose store (data/<slug>/) to use.", valueName: "SLUG"))
    var target: String?

    /// `workspace` itself for a single-target configuration, else the named target's workspace.
    func applied(to workspace: Workspace, configPath: String) throws -> Workspace {
        guard workspace.config.hasTargetList else {
            if let target, target != workspace.config.target.group {
                throw CommandFailure(
                    message: "--target \(target): \(configPath) has one target, \(workspace.config.target.group)",
                    exitCode: .badConfiguration)
            }
            return workspace
        }
        let slugs = workspace.config.targets.map(\.slug)
        guard let target else {
            throw CommandFailure(
                message: "\(configPath) lists targets: pass --target SLUG, one of \(slugs.joined(separator: ", "))",
                exitCode: .badConfiguration)
        }
        do {
            return try workspace.targetWorkspaces(only: [target])[0]
        } catch {
            throw CommandFailure(message: "--target: \(error)", exitCode: .badConfiguration)
        }
    }
}
