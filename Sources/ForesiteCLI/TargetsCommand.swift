import ArgumentParser
import ForesiteCore
import ForesitePipeline

/// `foresite targets`: the configuration's targets, or their split into shards for a matrix job.
struct TargetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "List the configured targets (one slug per line), or split them into shards for a matrix job.",
        discussion: """
            With --shards N: a JSON list of at most N shards, [{"shard":1,"targets":"a b"}, …], targets in \\
            configuration order and spread evenly (shard sizes differ by at most one). Each shard runs \\
            `foresite run --only a --only b`; a last job gathers their data/<slug>/ folders and runs \\
            `foresite build` (README, "Many series"; .github/workflows/daily-sharded.yml).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Split the targets into at most this many shards and print them as JSON.")
    var shards: Int?

    func validate() throws {
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1, got \(shards)") }
    }

    func run() async throws {
        try await reportingFailures {
            let config = try global.loadConfig()
            let slugs = config.targetConfigs.map(\.target.group)
            guard let shards else {
                for slug in slugs { print(slug) }
                return
            }
            let groups = Self.split(slugs, into: shards)
            let items = groups.enumerated().map { index, group in
                "{\"shard\":\(index + 1),\"targets\":\"\(group.joined(separator: " "))\"}"
            }
            print("[" + items.joined(separator: ",") + "]")
        }
    }

    /// `slugs` in order, cut into `count` runs whose sizes differ by at most one (fewer when there are
    /// fewer slugs than shards).
    static func split(_ slugs: [String], into count: Int) -> [[String]] {
        let shards = min(count, slugs.count)
        guard shards > 0 else { return [] }
        let base = slugs.count / shards
        let extra = slugs.count % shards
        var groups: [[String]] = []
        var start = 0
        for index in 0..<shards {
            let size = base + (index < extra ? 1 : 0)
            groups.append(Array(slugs[start..<start + size]))
            start += size
        }
        return groups
    }
}
