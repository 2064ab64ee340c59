import Foundation
import Testing

@testable import ForesiteCore

/// The `source:` key of a target or covariate and the keys of the CSV source.
struct CSVSeriesConfigTests {
    private func message(_ yaml: String) -> String? { configMessage(yaml) }

    @Test func readsACSVCovariateFeedingAModelInput() throws {
        let config = try ConfigLoader.parse(
            """
            covariates:
              - group: bitcoin
                market: kraken
                instrument: BTC-USD
              - group: rainfall
                source: csv
                url: https://example.org/rain.csv
                date_column: Day
                columns: [mm, temp]
                date_format: dd.MM.yyyy
                timezone: Europe/Paris
                description: Rain at the gauge
              - group: river
                file: data/river.csv
                columns: [level]
                date_format: unix
            model:
              inputs: [solana.close, rainfall.mm, river.level, fear_greed.value]
            """, file: "x.yml")
        #expect(config.covariates.map(\.source) == [.cryptocompare, .csv, .csv])
        var rain = Config.CSVSeries(location: .url("https://example.org/rain.csv"), columns: ["mm", "temp"])
        rain.dateColumn = "Day"
        rain.dateFormat = "dd.MM.yyyy"
        rain.timezone = "Europe/Paris"
        #expect(
            config.covariates[1] == Config.Instrument(group: "rainfall", csv: rain, description: "Rain at the gauge"))
        var river = Config.CSVSeries(location: .file("data/river.csv"), columns: ["level"])
        river.dateFormat = "unix"
        #expect(config.covariates[2].csv == river)
        #expect(config.covariates[2].fields == ["level"])
        #expect(config.series.map(\.group) == ["solana", "bitcoin", "rainfall", "river", Config.fearGreedGroup])
        #expect(config.series.last?.source == .alternativeMe)
    }

    @Test func aCSVTargetForecastsOneOfItsColumnsAndIsItsOwnReference() throws {
        let config = try ConfigLoader.parse(
            """
            target: {group: river, source: csv, file: data/river.csv, columns: [level, flow], field: flow}
            model:
              inputs: [river.level, river.flow, bitcoin.close]
            """, file: "x.yml")
        #expect(config.target.source == .csv && config.targetCSVField == "flow")
        #expect(config.targetColumn == "river.flow" && config.referenceColumn == "river.flow")
        #expect(config.targetFieldName == "flow")
        // One column: `field` may be left out.
        let single = try ConfigLoader.parse(
            "target: {group: river, file: r.csv, columns: [level]}\nmodel: {inputs: [river.level]}\n", file: "x.yml")
        #expect(single.targetColumn == "river.level")
        // The model hash follows a CSV series' columns, and a price series' hash is as before.
        #expect(config.hashForModel != single.hashForModel)
        #expect(Config().hashForModel == (try ConfigLoader.parse("", file: "x.yml")).hashForModel)
    }

    @Test(arguments: [
        (
            "covariates:\n  - group: rain\n    source: excel\n    file: r.csv\n    columns: [mm]\n",
            "site/foresite.yml:3: covariates[0].source must be one of cryptocompare, csv, got \"excel\""
        ),
        (
            "covariates:\n  - group: rain\n    source: csv\n    columns: [mm]\n",
            "site/foresite.yml:2: covariates[0] must be a mapping with url or file for source csv, got a mapping"
        ),
        (
            "covariates:\n  - group: rain\n    url: https://x.org/r.csv\n    file: r.csv\n    columns: [mm]\n",
            "site/foresite.yml:4: covariates[0].file must be absent when url is given (a CSV series has one location), got \"r.csv\""
        ),
        (
            "covariates:\n  - group: rain\n    url: ftp://x.org/r.csv\n    columns: [mm]\n",
            "site/foresite.yml:3: covariates[0].url must be an http:// or https:// URL, got \"ftp://x.org/r.csv\""
        ),
        (
            "covariates:\n  - group: rain\n    file: r.csv\n",
            "site/foresite.yml:2: covariates[0] must be a mapping with columns (the numeric columns to keep) for source csv, got a mapping"
        ),
        (
            "covariates:\n  - group: rain\n    file: r.csv\n    columns: []\n",
            "site/foresite.yml:4: covariates[0].columns must be a non-empty list of column names, got a list"
        ),
        (
            "covariates:\n  - group: rain\n    file: r.csv\n    columns: [mm, rain.mm]\n",
            "site/foresite.yml:4: covariates[0].columns[1] must be a column name without '.' or ',', got \"rain.mm\""
        ),
        (
            "covariates:\n  - group: rain\n    file: r.csv\n    columns: [mm, mm]\n",
            "site/foresite.yml:4: covariates[0].columns[1] must be listed only once, got \"mm\""
        ),
        (
            "covariates:\n  - group: rain\n    file: r.csv\n    columns: [date]\n",
            "site/foresite.yml:4: covariates[0].columns[0] must be a column other than the date column, got \"date\""
        ),
        (
            "covariates:\n  - group: rain\n    file: r.csv\n    columns: [mm, complete]\n",
            "site/foresite.yml:4: covariates[0].columns[1] must be a column name other than day and complete (the "
                + "download's own columns), got \"complete\""
        ),
        (
            "covariates:\n  - group: ledger\n    file: r.csv\n    columns: [mm]\n",
            "site/foresite.yml:2: covariates[0].group must be a name other than ledger (downloads/ledger.csv is the "
                + "ledger's), got \"ledger\""
        ),
        (
            "covariates:\n  - group: rain\n    file: r.csv\n    columns: [mm]\n    date_format: yyyy\n",
            "site/foresite.yml:5: covariates[0].date_format must be unix or a date pattern with year, month and day "
                + "such as yyyy-MM-dd, got \"yyyy\""
        ),
        (
            "covariates:\n  - group: rain\n    file: r.csv\n    columns: [mm]\n    timezone: Mars/Olympus\n",
            "site/foresite.yml:5: covariates[0].timezone must be a time zone identifier such as UTC or Europe/Paris, "
                + "got \"Mars/Olympus\""
        ),
        (
            "covariates:\n  - group: rain\n    file: r.csv\n    columns: [mm]\n    market: kraken\n",
            "site/foresite.yml:3: unknown key covariates[0].file"
        ),
        (
            "covariates:\n  - group: rain\n    source: csv\n    file: r.csv\n    columns: [mm]\n    instrument: X\n",
            "site/foresite.yml:6: unknown key covariates[0].instrument"
        ),
        (
            "covariates:\n  - group: rain\n    file: r.csv\n    colums: [mm]\n",
            "site/foresite.yml:4: unknown key covariates[0].colums (did you mean covariates[0].columns?)"
        ),
        (
            "target: {group: river, file: r.csv, columns: [level, flow]}\n",
            "site/foresite.yml:1: target must be a mapping with field: one of its columns (level, flow), got a mapping"
        ),
        (
            "target: {group: river, file: r.csv, columns: [level, flow], field: close}\n",
            "site/foresite.yml:1: target.field must be one of level, flow, got \"close\""
        ),
        (
            "covariates:\n  - {group: rain, file: r.csv, columns: [mm]}\nmodel:\n  inputs: [solana.close, rain.cm]\n",
            "site/foresite.yml:4: model.inputs[1] must be a group.field column that exists (fields of rain: mm), "
                + "got \"rain.cm\""
        ),
    ])
    func invalidKeysNameFileLineAndValue(yaml: String, expected: String) {
        #expect(message(yaml) == expected)
    }
}
