import ForesiteCore
import ForesiteML
import Testing

@testable import ForesiteForecast

/// Model descriptions name the target's values as the configuration does (`Config.targetWording`): a
/// price by its close, a CSV target (a river's level) by its own field, never as a price.
struct ModelWordingTests {
    static func descriptions(_ config: Config) -> [ModelID: String] {
        let catalog = ModelCatalog.standard(config: config)
        let data = ModelData(frame: FeatureFrame(days: [], columns: [], rows: []), config: config)
        var methods: [ModelID: String] = [:]
        for model in catalog.models { methods[model.id] = model.describe(data).method }
        for combination in catalog.combinations {
            methods[combination.id] = combination.describe(members: catalog.models.map(\.id)).method
        }
        return methods
    }

    static var river: Config {
        var config = Config()
        config.target = Config.Instrument(
            group: "river", csv: Config.CSVSeries(location: .file("river.csv"), columns: ["level", "flow"]),
            description: "River level at the gauge")
        config.targetCSVField = "level"
        config.covariates = []
        config.model.inputs = ["river.level", "river.flow"]
        return config
    }

    @Test func aCSVTargetsModelsSpeakOfItsFieldNotOfPrices() throws {
        let methods = Self.descriptions(Self.river)
        // naive-open exists only for a price's open target; a CSV target can never turn it on.
        for (model, method) in methods where model != "naive-open" {
            #expect(!method.contains("close"), "\(model): \(method)")
            #expect(!method.contains("price"), "\(model): \(method)")
            #expect(!method.contains("log returns"), "\(model): \(method)")
        }
        #expect(try #require(methods[.persistence]).contains("the latest known value (the origin's level)"))
        #expect(try #require(methods["drift"]).contains("the last \(Self.river.model.window) level values by h days"))
        #expect(try #require(methods[.lstm]).contains("predicts log changes from the latest level"))
        #expect(try #require(methods["lstm-seed"]).contains("MinMax-scaled level values"))
        #expect(try #require(methods["garch"]).hasPrefix("The median of every horizon is the latest level,"))
        #expect(try #require(methods["garch"]).contains("log changes of river.level"))
        let quantileAR = try #require(methods["quantile-ar"])
        #expect(quantileAR.contains("of river.level from the latest level"))
        #expect(quantileAR.contains("the latest level times exp(quantile)"))
    }

    /// A price target's descriptions are what they always were, word for word.
    @Test func aPriceTargetsDescriptionsAreUnchanged() throws {
        let config = Config()
        let methods = Self.descriptions(config)
        let window = PersistenceModel().persistence.window
        #expect(
            methods[.persistence]
                == "The median of every horizon is the latest known price (the origin's close). The quantiles "
                + "of horizon h are the empirical quantiles of the past \(window) days' h-day log "
                + "changes, taken with both signs so the distribution is centred on no change: the forecast "
                + "hubs' baseline. Every other model's relative WIS is measured against it.")
        #expect(
            try #require(methods["drift"]).contains(
                "the first and last of the last \(config.model.window) closes by h days (Hyndman's drift method)"))
        #expect(
            try #require(methods[.lstm]).contains(
                "predicts log returns from the latest close (standardised per horizon, daily-move inputs), each "
                    + "horizon shrunk towards persistence"))
        #expect(try #require(methods["lstm-seed"]).contains("predicts MinMax-scaled price levels, exactly as"))
        let garch = try #require(methods["garch"])
        #expect(garch.hasPrefix("The median of every horizon is the latest close, as persistence's; the spread "))
        #expect(garch.contains("days' log returns of solana.close)"))
        let quantileAR = try #require(methods["quantile-ar"])
        #expect(quantileAR.contains("h-day log change of solana.close from the latest close, fitted"))
        #expect(
            quantileAR.contains(
                "solana.close's last \(QuantileARModel.defaultLags) daily log returns and the other configured "
                    + "inputs' daily"))
        #expect(quantileAR.contains("the median and each interval's bounds are the latest close times exp(quantile)."))
    }

    @Test func theWordingOfAPriceAndOfAPlainSeries() {
        #expect(SeriesWording.price.latest == "the latest close")
        #expect(SeriesWording.price.latestKnown == "the latest known price")
        #expect(SeriesWording.plain(field: "level").latest == "the latest level")
        #expect(SeriesWording.plain(field: "level").latestKnown == "the latest known value")
        #expect(Config().targetWording == .price)
        #expect(Self.river.targetWording == .plain(field: "level"))
    }
}
