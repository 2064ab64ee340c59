import ArgumentParser
import ForesiteCore
import ForesitePipeline

/// `foresite status`: rows, ranges, gaps and freshness per group; the champion; the ledger; the last runs.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show what the store holds: ranges, gaps and freshness, models, last runs.")

    @Option(help: "Configuration file.")
    var config = "site/foresite.yml"

    @Option(help: "Run as if today were this UTC day (YYYY-MM-DD).")
    var now: String?

    @Option(help: "How many recent runs to list.")
    var runs = 5

    func validate() throws {
        if let now, Day(iso: now) == nil { throw ValidationError("--now must be a day as YYYY-MM-DD, got \"\(now)\"") }
        if runs < 0 { throw ValidationError("--runs must not be negative, got \(runs)") }
    }

    func run() throws {
        let settings = try ConfigLoader.load(path: config)
        let clock = now.flatMap { Day(iso: $0) }.map { Clock.at($0) } ?? .live
        print(try StatusReport.make(config: settings, clock: clock, runLimit: runs).render(), terminator: "")
    }
}
