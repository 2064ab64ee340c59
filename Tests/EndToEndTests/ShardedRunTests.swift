import ForesiteCore
import ForesitePipeline
import ForesiteTestSupport
import Foundation
import Testing

/// Many series past one machine: `run --only SLUG` shards, each in its own folder as on its own runner,
/// then one `build` over the gathered `data/<slug>/` folders, must publish exactly what one unsharded run
/// publishes.
@Suite(.serialized)
struct ShardedRunTests {
    static let day = Day(iso: "2020-06-01")!
    static let slugs = ["solana", "alpha", "beta"]

    /// Three synthetic targets on the demo market, small models so the test stays quick.
    /// `jobs` 2 runs two targets side by side (the unsharded run); a shard of one target gets 1.
    static func workspace(in folder: URL, jobs: Int = 1) -> Workspace {
        var config = Config()
        config.site.templates = SharedData.packageRoot.appendingPathComponent("templates").path
        config.site.staticFiles = SharedData.packageRoot.appendingPathComponent("site/static").path
        config.model.epochs = 2
        config.model.hidden = 8
        config.model.inputs = Config.defaultTargetListInputs
        config.targets = [
            Config.Target(instrument: config.target),
            Config.Target(
                instrument: Config.Instrument(
                    group: "alpha", market: "kraken", instrument: "ALPHA-USD", description: "Synthetic altcoin")),
            Config.Target(
                instrument: Config.Instrument(
                    group: "beta", market: "kraken", instrument: "BETA-USD", description: "Synthetic altcoin")),
        ]
        var workspace = Demo.workspace(
            from: Workspace(root: folder, config: config, clock: .at(day), console: .silent, environment: [:]))
        workspace.parallelism = Parallelism(jobs: jobs)
        return workspace
    }

    @Test func threeShardsAndTheirAssemblyPublishTheSameBytesAsOneRun() async throws {
        let whole = try TemporaryDirectory(prefix: "foresite-unsharded")
        // Two targets at a time here, one at a time in the shards: the bytes must not depend on it.
        let one = try await TargetsRun.run(Self.workspace(in: whole.url, jobs: 2), updater: DailyRun.demoUpdater)
        #expect(one.outcome == .ok)
        #expect(one.targets.map(\.slug) == Self.slugs)
        #expect(one.site != nil)

        let assembly = try TemporaryDirectory(prefix: "foresite-assembly")
        for slug in Self.slugs {
            let runner = try TemporaryDirectory(prefix: "foresite-shard-\(slug)")
            let shard = try await TargetsRun.run(
                Self.workspace(in: runner.url), only: [slug], updater: DailyRun.demoUpdater)
            #expect(shard.targets.map(\.slug) == [slug])
            #expect(shard.site == nil, "a shard builds no site")
            // The shard wrote its own target's folder and nothing else.
            #expect(try FileManager.default.contentsOfDirectory(atPath: runner.url.path) == ["data"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: runner.path("data").path) == [slug])
            try FileManager.default.createDirectory(at: assembly.path("data"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: runner.path("data/\(slug)"), to: assembly.path("data/\(slug)"))
        }
        _ = try SiteBuild.run(Self.workspace(in: assembly.url))

        let unsharded = try files(under: whole.path("docs"))
        let sharded = try files(under: assembly.path("docs"))
        #expect(unsharded.count > 100)
        #expect(Set(sharded.keys) == Set(unsharded.keys))
        let differing = unsharded.keys.filter { sharded[$0] != unsharded[$0] }.sorted()
        #expect(differing.isEmpty, "files that differ: \(differing.prefix(5))")

        // The overview and every target's own pages.
        let index = try #require(unsharded["index.html"].map { String(decoding: $0, as: UTF8.self) })
        for slug in Self.slugs {
            #expect(index.contains("href=\"\(slug)/index.html\""))
            for page in ["index.html", "accuracy.html", "model.html", "data.html", "forecasts/index.html"] {
                #expect(unsharded["\(slug)/\(page)"] != nil, "\(slug)/\(page)")
            }
            #expect(unsharded["api/\(slug)/latest.json"] == unsharded["\(slug)/api/latest.json"])
        }
    }

    @Test func anUnknownShardIsRefusedByName() async throws {
        let folder = try TemporaryDirectory(prefix: "foresite-shard")
        await #expect(throws: PipelineError.unknownTarget("gamma", known: Self.slugs)) {
            _ = try await TargetsRun.run(Self.workspace(in: folder.url), only: ["gamma"], updater: DailyRun.demoUpdater)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("data").path), "nothing was written")
    }

    private func files(under root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))] =
                try Data(contentsOf: url)
        }
        return files
    }
}
