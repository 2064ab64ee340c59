import ForesiteCore
import Testing

/// `targets:`: several series on one site, each made into a configuration of its own.
struct ConfigTargetsTests {
    static let yaml = """
        targets:
          - group: solana
            market: kraken
            instrument: SOL-USD
          - group: ethereum
            market: kraken
            instrument: ETH-USD
            field: open
          - group: dogecoin
            market: kraken
            instrument: DOGE-USD
            inputs: [target.close, bitcoin.close]
        """

    private func message(_ yaml: String) -> String { configMessage(yaml) ?? "no error" }

    @Test func eachTargetBecomesItsOwnConfigurationInItsOwnFolders() throws {
        let config = try ConfigLoader.parse(Self.yaml, file: "x.yml")
        #expect(config.hasTargetList)
        #expect(config.targets.map(\.slug) == ["solana", "ethereum", "dogecoin"])
        let configs = config.targetConfigs
        #expect(configs.map(\.target.instrument) == ["SOL-USD", "ETH-USD", "DOGE-USD"])
        #expect(configs.map(\.targetField) == [.close, .open, .close])
        #expect(configs.allSatisfy { !$0.hasTargetList && $0.covariates == config.covariates })
        #expect(configs[1].store.path == "data/ethereum/foresite.sqlite")
        #expect(configs[1].store.models == "data/ethereum/models")
        #expect(configs[1].site.output == "docs/ethereum")
        #expect(configs[1].site.baseURL == "https://example.github.io/foresite/ethereum/")
        // `target.` is each target's own group; the defaults read the target's columns that way.
        #expect(configs[1].model.inputs.first == "ethereum.high")
        #expect(configs[1].model.inputs.contains("bitcoin.open"))
        #expect(configs[2].model.inputs == ["dogecoin.close", "bitcoin.close"])
        // Each target's models are its own: the hash differs with the target.
        #expect(Set(configs.map(\.hashForModel)).count == 3)
    }

    @Test func aSingleTargetConfigurationIsUnchanged() throws {
        let config = try ConfigLoader.parse(
            "target:\n  group: solana\n  market: kraken\n  instrument: SOL-USD\n", file: "x")
        #expect(!config.hasTargetList)
        #expect(config.targetConfigs == [config])
        #expect(config.store.path == "data/foresite.sqlite")
    }

    @Test func mistakesAreNamedWithTheirLine() {
        #expect(
            message("target:\n  group: solana\n  market: kraken\n  instrument: SOL-USD\n" + Self.yaml)
                == "site/foresite.yml:6: targets must be used instead of target:, not beside it (target: is the "
                + "one-series form), got a list")
        #expect(message("targets: []\n").hasPrefix("site/foresite.yml:1: targets must be a non-empty list of targets"))
        #expect(
            message("targets:\n  - group: api\n    market: kraken\n    instrument: X-USD\n")
                .hasPrefix("site/foresite.yml:2: targets[0].group must be a name other than static, api, target"))
        #expect(
            message(
                "targets:\n  - group: sol\n    market: k\n    instrument: A\n  - group: sol\n    market: k\n    instrument: B\n"
            ).contains("a group name no other instrument uses"))
        // A covariate may not take a target's name: both would be tables of the same store.
        #expect(
            message(
                "targets:\n  - group: sol\n    market: k\n    instrument: A\ncovariates:\n  - group: sol\n    market: k\n    instrument: B\n"
            ).contains("a group name no other instrument uses"))
        // An input that names no column of that target is reported at the target's own inputs.
        #expect(
            message("targets:\n  - group: sol\n    market: k\n    instrument: A\n    inputs: [target.colse]\n")
                .hasPrefix("site/foresite.yml:5: "))
    }
}
