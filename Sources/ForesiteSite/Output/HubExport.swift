import ForesiteCore

/// `hub/`: every model's ledger forecasts in the Hubverse formats, so others can score Foresite with the
/// forecast hubs' own tools (hubValidations, hubEvals, hubEnsembles).
///
/// - `hub/model-output/<model_id>/<origin>-<model_id>.csv`: one file per model and forecast origin, in the
///   long format `origin_date,target,horizon,target_end_date,output_type,output_type_id,value`, one
///   `quantile` row per horizon and stated level (0.025 … 0.975), ascending.
/// - `hub/model-metadata/<model_id>.yml`: who made the model and how it works.
/// - `hub/target-data/time-series.csv`: `target_end_date,target,observation`, the target's whole history.
///
/// The Hubverse names a model `<team_abbr>-<model_abbr>` and forbids hyphens inside either part, so the
/// model `quantile-ar` is `foresite-quantile_ar` here. `origin_date` is the forecast origin (the last
/// complete day, horizon h targets origin + h days), not the day the forecast was written, which is the
/// next day or later. When one origin was forecast on several days, the first day's rows are exported:
/// that is the forecast made before anything after the origin could be known. The "published" rows of
/// the ledger repeat another model's forecast and are left out: its scores are that model's.
enum HubExport {
    static let columns = [
        "origin_date", "target", "horizon", "target_end_date", "output_type", "output_type_id", "value",
    ]
    static let teamAbbreviation = "foresite"
    /// The target's observations, the export's one file that is always there.
    static let observationsPath = "hub/target-data/time-series.csv"

    /// `foresite-lstm_seed` for `lstm-seed`.
    static func hubModelID(_ model: ModelID) -> String {
        teamAbbreviation + "-" + modelAbbreviation(model)
    }

    static func modelAbbreviation(_ model: ModelID) -> String {
        model.rawValue.replacingOccurrences(of: "-", with: "_")
    }

    /// "solana close": the target as the `target` column names it.
    static func target(_ content: SiteContent) -> String { "\(content.target.group) \(content.targetField)" }

    /// Writes the export and records each file in `manifest` (each model's metadata by model, for its page).
    /// A model-output file whose inputs match `previous`'s is left as it is (an origin's file never changes
    /// once written: the ledger only grows).
    static func add(
        _ content: SiteContent, history: HistorySource, to files: inout SiteFiles, manifest: inout DownloadManifest,
        previous: PreviousBuild? = nil, record: inout BuildRecord
    ) throws {
        let target = target(content)
        let forecasts = forecastsByModelAndOrigin(content.ledgerRecords)
        let records = content.ledgerRecords
        var outputs: [(path: String, rows: [Int])] = []
        for (model, origins) in forecasts {
            let id = hubModelID(model)
            for (origin, rows) in origins {
                outputs.append(("hub/model-output/\(id)/\(origin.iso)-\(id).csv", rows))
            }
        }
        // A chain the content's walk vouches for stands for its rows: a file's rows are then named by their
        // positions and the hash of the last of them, not hashed field by field.
        let vouched = content.ledgerVerification.vouches(for: records)
        // Made on every core: a year of six models is 2,200 files.
        let made = outputs.concurrentMap { path, rows -> (inputs: BuildDigest?, file: Made) in
            guard let previous else {
                return (nil, .bytes(modelOutput(rows.map { records[$0] }, target: target)))
            }
            let inputs =
                vouched
                ? chainInputs(rows, of: records, target: target)
                : modelOutputInputs(rows.lazy.map { records[$0] }, target: target)
            guard let entry = previous.reusable(path, inputs: inputs) else {
                return (inputs, .bytes(modelOutput(rows.map { records[$0] }, target: target)))
            }
            return (
                inputs,
                .reused(
                    SiteFiles.Reused(
                        location: previous.root + path, identity: entry.identity, inputs: inputs, form: entry.form))
            )
        }
        for ((path, _), (inputs, file)) in zip(outputs, made) {
            switch file {
            case .bytes(let bytes): files.add(path, bytes: bytes)
            case .reused(let reused): files.reuse(path, reused)
            }
            if let inputs { record.inputs[path] = inputs }
            manifest.wrote(path)
        }
        let exported = Set(forecasts.map(\.model))
        for summary in content.modelSummaries where exported.contains(summary.id) {
            let path = "hub/model-metadata/\(hubModelID(summary.id)).yml"
            files.add(path, metadata(summary, content: content, published: content.publication?.model == summary.id))
            manifest.wroteHubMetadata(path, of: summary.id)
        }
        let candles = try history.candles(content.target.group)
        var csv = CSVWriter(header: ["target_end_date", "target", "observation"], expectedRows: candles.count)
        for candle in candles where candle.complete {
            csv.field(candle.day.iso)
            csv.field(target)
            csv.number(content.targetField == "open" ? candle.open : candle.close)
            csv.endRow()
        }
        files.add(observationsPath, bytes: csv.bytes)
        manifest.wrote(observationsPath)
    }

    /// Ledger rows (their indices in `records`) per model (valid names, "published" left out) and origin,
    /// both ascending; each origin keeps the rows of the first day it was forecast, by horizon.
    static func forecastsByModelAndOrigin(_ records: [LedgerRecord]) -> [(
        model: ModelID, origins: [(origin: Day, rows: [Int])]
    )] {
        // Grouped by index, each model name validated once: a year of six models is 26 000 rows. A forecast's
        // rows are consecutive in the chain, so a run of rows of one model and origin is gathered first and
        // filed once.
        var exported: [String: Bool] = [:]
        var grouped: [String: [Int: [Int]]] = [:]
        var run: (model: String, origin: Int, rows: [Int])?
        func file(_ run: (model: String, origin: Int, rows: [Int])?) {
            guard let run else { return }
            grouped[run.model, default: [:]][run.origin, default: []].append(contentsOf: run.rows)
        }
        for index in records.indices {
            let model = records[index].model
            let origin = records[index].origin.daysSinceEpoch
            // Compared in place (a binding would share the rows and make the append copy them).
            if run?.origin == origin && run?.model == model {
                run!.rows.append(index)
                continue
            }
            file(run)
            run = nil
            if exported[model] == nil {
                exported[model] = ModelID.isValid(model) && model != ModelID.published.rawValue
            }
            if exported[model]! { run = (model, origin, [index]) }
        }
        file(run)
        return grouped.keys.sorted().map { model in
            let origins = grouped[model]!
            return (
                ModelID(model),
                origins.keys.sorted().map { origin in
                    let rows = origins[origin]!
                    let firstMade = rows.map { records[$0].madeOn }.min()!
                    return (
                        Day(daysSinceEpoch: origin),
                        rows.filter { records[$0].madeOn == firstMade }.sorted {
                            records[$0].horizon < records[$1].horizon
                        }
                    )
                }
            )
        }
    }

    /// A model-output file: made in this build, or reused from the previous one.
    enum Made: Sendable {
        case bytes([UInt8])
        case reused(SiteFiles.Reused)
    }

    /// Everything `modelOutput` reads.
    static func modelOutputInputs(_ records: some Collection<LedgerRecord>, target: String) -> BuildDigest {
        var hasher = BuildHasher()
        hasher.add(target)
        hasher.add(records.count)
        for record in records {
            hasher.add(record.origin)
            hasher.add(record.horizon)
            hasher.add(record.targetDay)
            hasher.add(record.forecast)
        }
        return hasher.digest
    }

    /// What `modelOutput` reads, in a chain walked and found holding: the rows' positions and the hash of
    /// the last of them (which covers every row up to it). Tagged, so it never equals `modelOutputInputs`.
    static func chainInputs(_ rows: [Int], of records: [LedgerRecord], target: String) -> BuildDigest {
        var hasher = BuildHasher()
        hasher.add("hub rows in a walked chain")
        hasher.add(target)
        hasher.add(rows.count)
        for row in rows { hasher.add(row) }
        hasher.add(rows.max().map { records[$0].hash } ?? LedgerRecord.genesis)
        return hasher.digest
    }

    static func modelOutput(_ records: [LedgerRecord], target: String) -> [UInt8] {
        var csv = CSVWriter(header: columns, expectedRows: records.count * 7)
        for record in records {
            // The same for the record's seven rows: escaped once (a year of six models is 150 000 rows).
            let shared = CSVWriter.fragment([
                record.origin.iso, target, String(record.horizon), record.targetDay.iso,
            ])
            for (index, (level, _)) in quantileLabels.enumerated() {
                guard let value = record.forecast.value(atQuantile: level), value.isFinite else { continue }
                csv.fragment(shared)
                csv.fragment(quantileTypeFields[index])
                csv.number(value)
                csv.endRow()
            }
        }
        return csv.bytes
    }

    /// `quantile,<output_type_id>` of each of `quantileLabels`, escaped.
    static let quantileTypeFields = quantileLabels.map { CSVWriter.fragment(["quantile", $0.1]) }

    /// The seven quantile levels with their `output_type_id`.
    static let quantileLabels = QuantileForecast.standardQuantileLevels.map {
        ($0, QuantileForecast.label(quantile: $0))
    }

    /// The Hubverse's usual metadata fields; every string double-quoted so a colon cannot break the YAML.
    static func metadata(_ summary: SiteContent.ModelSummary, content: SiteContent, published: Bool) -> String {
        let isEnsemble = summary.id == "ensemble"
        let methods = summary.method.count <= 200 ? summary.method : String(summary.method.prefix(197)) + "..."
        var lines = [
            "team_name: \(yaml(content.site.title))",
            "team_abbr: \(yaml(teamAbbreviation))",
            "model_name: \(yaml(summary.title))",
            "model_abbr: \(yaml(modelAbbreviation(summary.id)))",
            "model_contributors: [{\"name\": \(yaml(content.site.title))}]",
            "website_url: \(yaml(SiteURLs.absolute("models/\(summary.id.rawValue).html", base: content.site.baseURL)))",
            "designated_model: \(published)",
            "methods: \(yaml(methods))",
            "methods_long: \(yaml(summary.method))",
            "data_inputs: \(yaml(summary.inputs.joined(separator: ", ")))",
            "ensemble_of_models: \(isEnsemble)",
            "ensemble_of_hub_models: \(isEnsemble)",
        ]
        if let version = summary.versions.first?.version { lines.insert("model_version: \(yaml(version))", at: 4) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar: a JSON string literal is one (YAML's double-quoted escapes include
    /// JSON's), so the API's escaping serves both.
    static func yaml(_ text: String) -> String { APIDocuments.string(text) }
}
