import ArgumentParser
import ForesiteCore
import ForesitePipeline
import Foundation

/// Options every command shares: which configuration to use and, for tests and simulations, which day it is.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (YAML).")
    var config = "site/foresite.yml"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Pretend the current UTC day is DAY (YYYY-MM-DD), at 12:00 UTC; for simulations and tests.",
            valueName: "DAY"))
    var now: String?

    /// The loaded, validated configuration; a problem is reported as `file:line: message` with exit code 2.
    func loadConfig() throws -> Config {
        do {
            return try ConfigLoader.load(path: config)
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: .badConfiguration)
        }
    }

    func validate() throws {
        if let now, Day(iso: now) == nil {
            throw ValidationError("--now must be a day as YYYY-MM-DD, got \"\(now)\"")
        }
    }

    func clock() throws -> Clock {
        guard let now else { return .live }
        guard let day = Day(iso: now) else {
            throw ValidationError("--now must be a day as YYYY-MM-DD, got \"\(now)\"")
        }
        return .at(day)
    }

    /// The workspace for a command: the loaded configuration, the clock, standard output.
    func workspace(console: Console = .standard) throws -> Workspace {
        Workspace(config: try loadConfig(), clock: try clock(), console: console)
    }
}
