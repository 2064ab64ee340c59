import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteCore

struct ConfigLoaderTests {
    private func message(_ yaml: String) -> String? { configMessage(yaml) }

    @Test func committedDefaultFileEqualsTheBuiltInDefaults() throws {
        let path = SharedData.packageRoot.appendingPathComponent("site/foresite.yml").path
        let config = try ConfigLoader.load(path: path)
        #expect(config == Config())
    }

    @Test func emptyFileAndEmptySectionsKeepDefaults() throws {
        #expect(try ConfigLoader.parse("", file: "x.yml") == Config())
        #expect(try ConfigLoader.parse("model:\nsite:\n", file: "x.yml") == Config())
    }

    @Test func everyKeyIsRead() throws {
        let yaml = """
            site:
              title: Demo
              description: ""
              base_url: http://localhost:8080
              output: out
              templates: tpl
              static: assets
              history_days: 30
              hub_export: false
            store: {path: /tmp/s.sqlite, models: /tmp/models}
            target: {group: eth, market: coinbase, instrument: ETH-USD, field: open}
            covariates:
              - {group: btc, market: kraken, instrument: BTC-USD, description: Bitcoin}
              - {group: sol, market: kraken, instrument: SOL-USD}
            fear_greed: {enabled: false}
            model:
              inputs: [eth.open, btc.close, sol.volume_sell]
              window: 5
              horizon: 3
              hidden: 8
              dense: 4
              epochs: 2
              batch: 16
              learning_rate: 1e-3
              seed: 7
              target_mode: seed
              ensemble: 3
              retrain_every_days: 1
              patience: 10
              promotion: r2_threshold
              intervals: [0.5, 0.9]
            sources:
              cryptocompare_url: http://127.0.0.1:9000
              alternative_me_url: http://127.0.0.1:9001
              retry: {attempts: 2, max_seconds: 1.5, base_delay_seconds: 0, timeout_seconds: 2}
            """
        let config = try ConfigLoader.parse(yaml, file: "x.yml")
        #expect(config.site.title == "Demo")
        #expect(config.site.description == "")
        #expect(config.site.baseURL == "http://localhost:8080/")
        #expect(config.site.output == "out")
        #expect(config.site.templates == "tpl")
        #expect(config.site.staticFiles == "assets")
        #expect(config.site.historyDays == 30)
        #expect(!config.site.hubExport && Config().site.hubExport)
        #expect(config.store.path == "/tmp/s.sqlite")
        #expect(config.store.models == "/tmp/models")
        #expect(config.target == Config.Instrument(group: "eth", market: "coinbase", instrument: "ETH-USD"))
        #expect(config.targetField == .open && config.targetColumn == "eth.open")
        #expect(Config().targetField == .close && Config().referenceColumn == "solana.close")
        #expect(config.covariates.map(\.group) == ["btc", "sol"])
        #expect(config.covariates[0].description == "Bitcoin")
        #expect(config.fearGreed.enabled == false)
        #expect(config.model.inputs == ["eth.open", "btc.close", "sol.volume_sell"])
        #expect(config.model.window == 5 && config.model.horizon == 3 && config.model.hidden == 8)
        #expect(config.model.dense == 4 && config.model.epochs == 2 && config.model.batch == 16)
        #expect(abs(config.model.learningRate - 1e-3) < 1e-15)
        #expect(config.model.seed == 7 && config.model.targetMode == .seed && config.model.ensemble == 3)
        #expect(config.model.retrainEveryDays == 1 && config.model.patience == 10)
        #expect(config.model.promotion == .r2Threshold)
        #expect(config.model.intervals == [0.5, 0.9])
        #expect(config.sources.cryptocompareURL == "http://127.0.0.1:9000")
        #expect(config.sources.alternativeMeURL == "http://127.0.0.1:9001")
        #expect(config.sources.retry.attempts == 2 && config.sources.retry.maxSeconds == 1.5)
        #expect(config.sources.retry.baseDelaySeconds == 0 && config.sources.retry.timeoutSeconds == 2)
    }

    @Test(arguments: [
        (
            "model:\n  horizon: 10\n  window: fifteen\n",
            "site/foresite.yml:3: model.window must be a positive integer, got \"fifteen\""
        ),
        ("model:\n  window: 0\n", "site/foresite.yml:2: model.window must be a positive integer, got \"0\""),
        ("model:\n  window: \"15\"\n", "site/foresite.yml:2: model.window must be a positive integer, got \"15\""),
        ("model:\n  epochs: 2.5\n", "site/foresite.yml:2: model.epochs must be a positive integer, got \"2.5\""),
        (
            "model:\n  learning_rate: -0.1\n",
            "site/foresite.yml:2: model.learning_rate must be a positive number, got \"-0.1\""
        ),
        (
            "model:\n  target_mode: levels\n",
            "site/foresite.yml:2: model.target_mode must be one of seed, returns, got \"levels\""
        ),
        (
            "model:\n  promotion: always\n",
            "site/foresite.yml:2: model.promotion must be one of beat_champion, r2_threshold, got \"always\""
        ),
        (
            "model:\n  intervals: [0.8, 1.0]\n",
            "site/foresite.yml:2: model.intervals[1] must be a level strictly between 0 and 1, got \"1.0\""
        ),
        (
            "model:\n  intervals:\n    - 0.95\n    - 0.8\n",
            "site/foresite.yml:4: model.intervals[1] must be greater than the level before it (0.95), got \"0.8\""
        ),
        (
            "model:\n  inputs:\n    - solana.open\n    - solana.opn\n",
            "site/foresite.yml:4: model.inputs[1] must be a group.field column that exists "
                + "(fields of a price group: open, high, low, close, volume, volume_buy, volume_sell), got \"solana.opn\""
        ),
        (
            "model:\n  inputs: [ether.open]\n",
            "site/foresite.yml:2: model.inputs[0] must be a group.field column that exists "
                + "(no group 'ether'; groups: solana, bitcoin, fear_greed), got \"ether.open\""
        ),
        (
            "model:\n  inputs: [solana.open, solana.open]\n",
            "site/foresite.yml:2: model.inputs[1] must be listed only once, got \"solana.open\""
        ),
        (
            "fear_greed:\n  enabled: false\n",
            "site/foresite.yml:1: model.inputs must be set explicitly: the default input \"fear_greed.value\" "
                + "fear_greed.enabled is false, got the default"
        ),
        (
            "fear_greed:\n  enabled: yes please\n",
            "site/foresite.yml:2: fear_greed.enabled must be true or false, got \"yes please\""
        ),
        (
            "site:\n  hub_export: 0\n",
            "site/foresite.yml:2: site.hub_export must be true or false, got \"0\""
        ),
        (
            "covariates:\n  - group: solana\n    market: kraken\n    instrument: SOL-EUR\n",
            "site/foresite.yml:2: covariates[0].group must be a group name no other instrument uses, got \"solana\""
        ),
        (
            "target:\n  group: fear_greed\n  market: kraken\n  instrument: X\n",
            "site/foresite.yml:2: target.group must be a name other than fear_greed (reserved for the Fear & Greed group), got \"fear_greed\""
        ),
        (
            "target:\n  group: Sol-USD\n  market: kraken\n  instrument: X\n",
            "site/foresite.yml:2: target.group must be a lowercase name of letters, digits and underscores starting with a letter, got \"Sol-USD\""
        ),
        (
            "target:\n  field: high\n  group: sol\n  market: kraken\n  instrument: X\n",
            "site/foresite.yml:2: target.field must be one of close, open, got \"high\""
        ),
        (
            "covariates:\n  - group: eth\n    field: close\n    market: kraken\n    instrument: ETH-USD\n",
            "site/foresite.yml:3: unknown key covariates[0].field"
        ),
        (
            "target:\n  group: sol\n",
            "site/foresite.yml:2: target must be a mapping with group, market and instrument, got a mapping"
        ),
        (
            "site:\n  base_url: example.org\n",
            "site/foresite.yml:2: site.base_url must be an http:// or https:// URL, got \"example.org\""
        ),
        ("site: [a, b]\n", "site/foresite.yml:1: site must be a mapping of keys to values, got a list"),
        ("site:\n  title:\n", "site/foresite.yml:2: site.title must be text, got nothing"),
        (
            "sources:\n  retry:\n    attempts: 0\n",
            "site/foresite.yml:3: sources.retry.attempts must be a positive integer, got \"0\""
        ),
    ])
    func invalidValuesNameLineKeyAndValue(yaml: String, expected: String) {
        #expect(message(yaml) == expected)
    }

    @Test func unknownKeysSuggestTheClosestKnownKey() {
        #expect(
            message("model:\n  window: 15\n  windw: 15\n")
                == "site/foresite.yml:3: unknown key model.windw (did you mean model.window?)")
        #expect(
            message("site:\n  baseurl: https://x.org/\n")
                == "site/foresite.yml:2: unknown key site.baseurl (did you mean site.base_url?)")
        #expect(message("colour: blue\n") == "site/foresite.yml:1: unknown key colour")
    }

    @Test func syntaxErrorsNameTheLine() throws {
        let text = try #require(message("model:\n  window: 15\n    horizon: [1, 2\n"))
        #expect(text.hasPrefix("site/foresite.yml:3: YAML syntax error:"))
    }

    @Test func missingFileIsOneClearLine() {
        #expect(throws: ConfigError.missingFile(path: "nowhere/foresite.yml")) {
            try ConfigLoader.load(path: "nowhere/foresite.yml")
        }
        #expect(
            "\(ConfigError.missingFile(path: "nowhere/foresite.yml"))"
                == "nowhere/foresite.yml: configuration file not found")
    }

    @Test func loadReadsAFileAndNamesItInErrors() throws {
        let directory = try TemporaryDirectory()
        let url = directory.path("custom.yml")
        try "model:\n  horizon: -1\n".write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigLoader.load(path: url.path)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "\(url.path):2: model.horizon must be a positive integer, got \"-1\"")
        }
    }

    @Test func modelHashIgnoresSiteButFollowsModelAndInputs() throws {
        let base = Config()
        var site = base
        site.site.title = "Other"
        site.sources.retry.attempts = 9
        #expect(site.hashForModel == base.hashForModel)
        var window = base
        window.model.window = 16
        #expect(window.hashForModel != base.hashForModel)
        var inputs = base
        inputs.model.inputs.swapAt(0, 1)
        #expect(inputs.hashForModel != base.hashForModel)
        var instrument = base
        instrument.covariates[0].market = "coinbase"
        #expect(instrument.hashForModel != base.hashForModel)
        #expect(base.hashForModel.count == 16)
        #expect(base.hashForModel == Config().hashForModel)
    }

    @Test func fnvMatchesPublishedVectors() {
        // Test vectors from the FNV reference (draft-eastlake-fnv): "" and "a".
        #expect(FNV1a64.hex(of: "") == "cbf29ce484222325")
        #expect(FNV1a64.hex(of: "a") == "af63dc4c8601ec8c")
    }
}
