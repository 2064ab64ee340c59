import ForesiteCore
import Foundation

/// The machine-readable side of the site: CSV per feature group, the ledger, JSON API, hub export, feed,
/// robots.txt and .nojekyll (the sitemap follows the pages).
enum Downloads {
    /// Every feature group with data, as CSV of its whole history (`downloads/solana.csv`, …; a CSV series'
    /// day and columns, `downloads/river.csv`), then the ledger, the JSON API, the feed and the crawler files;
    /// returns what was written, with the labels data.html shows.
    static func add(_ content: SiteContent, history: HistorySource, to files: inout SiteFiles) throws
        -> DownloadManifest
    {
        var record = BuildRecord()
        return try add(content, history: history, to: &files, previous: nil, record: &record)
    }

    /// As `add(_:history:to:)`; hub forecasts whose inputs match `previous` are reused, not made.
    static func add(
        _ content: SiteContent, history: HistorySource, to files: inout SiteFiles, previous: PreviousBuild?,
        record: inout BuildRecord
    ) throws -> DownloadManifest {
        var manifest = DownloadManifest()
        // The target first, then the covariates: candles for a price, the day and its columns for a CSV series.
        var series = [content.target] + content.covariates
        series += content.csvSeries.filter { !series.contains($0) }
        for instrument in series {
            let path = "downloads/\(fileName(instrument.group)).csv"
            if content.prices[instrument.group] != nil {
                files.add(path, bytes: candleCSV(try history.candles(instrument.group)))
                manifest.offer(path, label: "\(instrument.group).csv", detail: instrument.description)
            } else if content.csvSeries.contains(instrument) {
                files.add(path, bytes: valuesCSV(try history.values(instrument.group), columns: instrument.fields))
                manifest.offer(path, label: "\(instrument.group).csv", detail: valuesDetail(instrument))
            }
        }
        if !content.fearGreed.isEmpty {
            let readings = try history.fearGreed()
            var csv = CSVWriter(header: ["day", "value", "classification"], expectedRows: readings.count)
            for reading in readings {
                csv.field(reading.day.iso)
                csv.field(String(reading.value))
                csv.field(reading.classification.label)
                csv.endRow()
            }
            let name = Config.fearGreedGroup + ".csv"
            files.add("downloads/" + name, bytes: csv.bytes)
            manifest.offer("downloads/" + name, label: name, detail: "Fear & Greed Index")
        }
        files.add(ledgerPath, bytes: ledgerCSV(content, previous: previous, record: &record))
        manifest.offer(
            "downloads/ledger.csv", label: "ledger.csv",
            detail:
                "Every forecast ever made, by every model including persistence, with its quantiles and a "
                + "SHA-256 hash chain (each row's hash covers its content and the previous row's hash)")
        files.add("api/latest.json", APIDocuments.latest(content))
        manifest.offer(
            "api/latest.json", label: "api/latest.json",
            detail: "The latest forecast as JSON: median and quantiles per horizon, with persistence's")
        files.add("api/forecasts.json", bytes: APIDocuments.forecasts(content))
        manifest.offer(
            "api/forecasts.json", label: "api/forecasts.json",
            detail: "The published model's forecasts as JSON, with persistence's and the actuals")
        files.add("api/leaderboard.json", LeaderboardDocument.render(content))
        manifest.wrote("api/leaderboard.json")
        if content.site.hubExport {
            try HubExport.add(
                content, history: history, to: &files, manifest: &manifest, previous: previous, record: &record)
        }
        files.add("feed.xml", AtomFeed.render(content))
        manifest.offer("feed.xml", label: "feed.xml", detail: "Atom feed, one entry per forecast day")
        files.add(
            "robots.txt",
            "User-agent: *\nAllow: /\nSitemap: \(SiteURLs.absolute("sitemap.xml", base: content.site.baseURL))\n")
        files.add(".nojekyll", "")
        manifest.wrote("robots.txt")
        manifest.wrote(".nojekyll")
        return manifest
    }

    static func candleCSV(_ candles: [Candle]) -> [UInt8] {
        var csv = CSVWriter(
            header: ["day", "open", "high", "low", "close", "volume", "volume_buy", "volume_sell", "complete"],
            expectedRows: candles.count)
        for candle in candles {
            csv.field(candle.day.iso)
            for value in [
                candle.open, candle.high, candle.low, candle.close, candle.volume, candle.volumeBuy, candle.volumeSell,
            ] {
                csv.number(value)
            }
            csv.field(candle.complete ? "1" : "0")
            csv.endRow()
        }
        return csv.bytes
    }

    /// A CSV series' stored days: the day, each configured column (empty where the day has no value) and
    /// whether the day had ended when it was fetched, as the candles' file has it.
    static func valuesCSV(_ rows: [DailyValues], columns: [String]) -> [UInt8] {
        var csv = CSVWriter(header: ["day"] + columns + ["complete"], expectedRows: rows.count)
        for row in rows {
            csv.field(row.day.iso)
            for column in columns { csv.number(row.values[column] ?? .nan) }
            csv.field(row.complete ? "1" : "0")
            csv.endRow()
        }
        return csv.bytes
    }

    /// "River level at the gauge: daily level, flow", or "Daily level, flow" without a description.
    static func valuesDetail(_ series: Config.Instrument) -> String {
        let columns = series.fields.joined(separator: ", ")
        return series.description.isEmpty ? "Daily \(columns)" : "\(series.description): daily \(columns)"
    }

    static let ledgerPath = "downloads/ledger.csv"

    /// Every ledger row of every model in chain order, with its chain hashes. The content fields are
    /// written verbatim (never quoted or reformatted) and lines end in a bare newline, so a reader can
    /// check each row with `sha256(previous_sha256 + "," + content) == sha256`, where `content` is the line
    /// up to its last two commas.
    ///
    /// The ledger only grows: when `previous` holds the file of a build whose rows are exactly this
    /// ledger's first rows (by their digest), its bytes are kept and only the new rows formatted. Rows the
    /// content's chain walk vouches for are compared by the hash of the last of them (`chainDigest`).
    static func ledgerCSV(_ content: SiteContent, previous: PreviousBuild? = nil, record: inout BuildRecord)
        -> [UInt8]
    {
        let records = content.ledgerRecords
        // The previous file's entry and how many of its rows are this ledger's first rows.
        var reusable: (entry: BuildCache.Entry, rows: Int)?
        if let previous {
            let cached = previous.intact[ledgerPath]
            if content.ledgerVerification.vouches(for: records) {
                // A walked chain's hashes stand for its rows: one comparison, no row's fields hashed.
                if let cached, cached.rows <= records.count,
                    chainDigest(records, rows: cached.rows) == cached.inputs
                {
                    reusable = (cached, cached.rows)
                }
                record.inputs[ledgerPath] = chainDigest(records, rows: records.count)
            } else {
                var hasher = BuildHasher()
                for index in 0...records.count {
                    if let cached, index == cached.rows, hasher.digest == cached.inputs { reusable = (cached, index) }
                    if index < records.count { hasher.add(records[index]) }
                }
                record.inputs[ledgerPath] = hasher.digest
            }
            record.rows[ledgerPath] = records.count
        }
        var lines = ledgerLines(records, (reusable?.rows ?? 0)..<records.count)
        // The kept file is read into room for the new rows too: 10 MB a target a year, grown again it
        // was copied a second time.
        if let previous, let reusable,
            let kept = previous.bytes(
                ledgerPath, entry: reusable.entry, reservingExtra: lines.reduce(0) { $0 + $1.count })
        {
            var bytes = kept
            for chunk in lines { bytes.append(contentsOf: chunk) }
            return bytes
        }
        if let reusable, reusable.rows > 0 { lines = ledgerLines(records, 0..<reusable.rows) + lines }
        var bytes = Array(
            ((LedgerRecord.contentColumns + ["previous_sha256", "sha256"]).joined(separator: ",") + "\n").utf8)
        bytes.reserveCapacity(bytes.count + lines.reduce(0) { $0 + $1.count })
        for chunk in lines { bytes.append(contentsOf: chunk) }
        return bytes
    }

    /// The UTF-8 of the CSV lines of `records[rows]`, formatted on every core a thousand at a time, in order,
    /// straight into bytes (no string made of a row and validated again: a cold build formats 600 000).
    private static func ledgerLines(_ records: [LedgerRecord], _ rows: Range<Int>) -> [[UInt8]] {
        let chunks = stride(from: rows.lowerBound, to: rows.upperBound, by: 1000).map {
            records[$0..<min($0 + 1000, rows.upperBound)]
        }
        return chunks.concurrentMap { chunk in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(chunk.count * 320)
            for row in chunk {
                row.appendContentLine(to: &bytes)
                bytes.append(UInt8(ascii: ","))
                bytes.append(contentsOf: row.previousHash.utf8)
                bytes.append(UInt8(ascii: ","))
                bytes.append(contentsOf: row.hash.utf8)
                bytes.append(UInt8(ascii: "\n"))
            }
            return bytes
        }
    }

    /// The digest of `records`' first `rows` rows in a chain `LedgerVerification` walked: the hash of the
    /// last of them covers them all. Tagged, so it never equals the field-by-field digest of the same rows.
    static func chainDigest(_ records: [LedgerRecord], rows: Int) -> BuildDigest {
        var hasher = BuildHasher()
        hasher.add("ledger chain head")
        hasher.add(rows)
        hasher.add(rows == 0 ? LedgerRecord.genesis : records[rows - 1].hash)
        return hasher.digest
    }

    /// Ledger by made-on day, then horizon: the order people read it in and the one the files keep.
    static func sortedLedger(_ content: SiteContent) -> [SiteContent.LedgerEntry] {
        content.ledger.sorted {
            ($0.madeOn, $0.horizon, $0.targetDay, $0.model, $0.modelVersion) < (
                $1.madeOn, $1.horizon, $1.targetDay, $1.model, $1.modelVersion
            )
        }
    }

    static func fileName(_ group: String) -> String {
        String(group.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
    }
}
