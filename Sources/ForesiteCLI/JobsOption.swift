import ArgumentParser
import ForesiteCore
import ForesitePipeline
import Foundation

/// `--jobs N`, for the commands that train or fit: how many threads compute at once.
struct JobsOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Threads that train and fit at once (default: the cores available, "
                + "\(ProcessInfo.processInfo.activeProcessorCount) here). Results do not depend on it.",
            valueName: "N"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    /// `workspace` with its parallelism set to `--jobs` (unchanged, every core, without it).
    func applied(to workspace: Workspace) -> Workspace {
        guard let jobs else { return workspace }
        var workspace = workspace
        workspace.parallelism = Parallelism(jobs: jobs)
        return workspace
    }
}
