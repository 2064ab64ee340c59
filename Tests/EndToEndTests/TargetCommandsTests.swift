import ArgumentParser
import ForesiteCore
import ForesitePipeline
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteCLI

/// The commands around a `targets:` configuration: the shard split, `--only` and `--target`.
struct TargetCommandsTests {
    @Test func shardsAreContiguousAndDifferInSizeByAtMostOne() {
        let slugs = (0..<7).map { "t\($0)" }
        #expect(TargetsCommand.split(slugs, into: 3) == [["t0", "t1", "t2"], ["t3", "t4"], ["t5", "t6"]])
        #expect(TargetsCommand.split(slugs, into: 1) == [slugs])
        #expect(TargetsCommand.split(["a", "b"], into: 5) == [["a"], ["b"]], "never an empty shard")
        #expect(TargetsCommand.split([], into: 4).isEmpty)
    }

    static func config(in directory: TemporaryDirectory, yaml: String) throws -> String {
        let path = directory.path("foresite.yml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let twoTargets = """
        store:
          path: data/foresite.sqlite
        targets:
          - group: solana
            market: kraken
            instrument: SOL-USD
          - group: alpha
            market: kraken
            instrument: ALPHA-USD
        """

    @Test func oneStoreCommandsNeedTheTargetNamedAndRefuseAnUnknownOne() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.config(in: directory, yaml: Self.twoTargets)
        let options = try TargetOption.parse([])
        let workspace = Workspace(root: directory.url, config: try ConfigLoader.load(path: path))
        #expect(throws: CommandFailure.self) { try options.applied(to: workspace, configPath: path) }
        do {
            _ = try options.applied(to: workspace, configPath: path)
        } catch let failure as CommandFailure {
            #expect(failure.message == "\(path) lists targets: pass --target SLUG, one of solana, alpha")
        }
        let alpha = try TargetOption.parse(["--target", "alpha"]).applied(to: workspace, configPath: path)
        #expect(alpha.config.target.group == "alpha")
        #expect(alpha.storeURL.path.hasSuffix("data/alpha/foresite.sqlite"))
        do {
            _ = try TargetOption.parse(["--target", "gamma"]).applied(to: workspace, configPath: path)
            Issue.record("an unknown target must be refused")
        } catch let failure as CommandFailure {
            #expect(failure.message == "--target: no target 'gamma'; the configured targets are solana, alpha")
        }
    }

    @Test func onlyNeedsATargetList() async throws {
        let directory = try TemporaryDirectory()
        let path = try Self.config(in: directory, yaml: "store:\n  path: \(directory.path("s.sqlite").path)\n")
        let command = try #require(
            try Foresite.parseAsRoot(["run", "--config", path, "--demo", "--only", "solana"]) as? RunCommand)
        await #expect(throws: ExitCode.badConfiguration) { try await command.run() }
        #expect(!FileManager.default.fileExists(atPath: directory.path("s.sqlite").path), "nothing was touched")
    }
}
